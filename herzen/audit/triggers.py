"""Database triggers that keep the event tables append-only: INSERT is allowed; UPDATE only as the sequencer
does it, once — giving an unsequenced event its `sequence` and `entry_hash` and changing nothing else; DELETE
(and in PostgreSQL TRUNCATE) never. On PostgreSQL an insert also NOTIFYs the sequencer (channel
`herzen_audit`; notifications of one transaction are delivered once, at its commit).

Defence in depth only: the table's owner or a superuser can drop a trigger. Tamper *evidence* comes from the
MACs, the hash chain and the signed, witnessed checkpoints kept outside the database (`herzen audit verify`).
A future migration that must rewrite these tables drops the triggers and recreates them in the same migration.
"""

APPEND_ONLY_TABLES = ("audit_auditevent", "audit_accessevent")
# The columns the sequencer must leave as they are, per table (fixed here: migrations replay this SQL).
UNCHANGING_COLUMNS = {
    "audit_auditevent": (
        "id", "occurred_at", "actor_user_id", "organisation_id", "action", "target_type", "target_id",
        "parent_type", "parent_id", "changed_fields", "mac",
    ),
    "audit_accessevent": (
        "id", "occurred_at", "actor_user_id", "organisation_id", "target_type", "target_id", "categories",
        "via", "mac",
    ),
}  # fmt: skip
NOTIFY_CHANNEL = "herzen_audit"

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION herzen_refuse_change_of_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL AND NEW.sequence IS NOT NULL
       AND OLD.entry_hash = '' AND NEW.entry_hash <> ''
       AND (to_jsonb(NEW) - 'sequence' - 'entry_hash') = (to_jsonb(OLD) - 'sequence' - 'entry_hash') THEN
        RETURN NEW;  -- the sequencer placing an event, once
    END IF;
    RAISE EXCEPTION 'herzen: % on % refused: the table is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
POSTGRESQL_NOTIFY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION herzen_notify_sequencer() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('{NOTIFY_CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def postgresql_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION herzen_refuse_change_of_append_only();",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION herzen_refuse_change_of_append_only();",
        f"CREATE TRIGGER {table}_notify AFTER INSERT ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION herzen_notify_sequencer();",
    ]


def postgresql_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
        f"DROP TRIGGER IF EXISTS {table}_notify ON {table};",
    ]


def _sequencing_only(table: str) -> str:
    unchanged = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in UNCHANGING_COLUMNS[table])
    return (
        "OLD.sequence IS NULL AND NEW.sequence IS NOT NULL AND OLD.entry_hash = '' AND NEW.entry_hash <> '' "
        f"AND {unchanged}"
    )


def sqlite_create(table: str) -> list[str]:
    refuse = (
        "BEGIN SELECT RAISE(ABORT, 'herzen: {operation} on {table} refused: the table is append-only'); END;"
    )
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} WHEN NOT ({_sequencing_only(table)}) "
        + refuse.format(operation="UPDATE", table=table),
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        + refuse.format(operation="DELETE", table=table),
    ]


def sqlite_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_{operation};" for operation in ("update", "delete")]


def create_statements(vendor: str, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> list[str]:
    if vendor == "postgresql":
        functions = [POSTGRESQL_FUNCTION, POSTGRESQL_NOTIFY_FUNCTION]
        return functions + [sql for table in tables for sql in postgresql_create(table)]
    if vendor == "sqlite":
        return [sql for table in tables for sql in sqlite_create(table)]
    return []


def drop_statements(vendor: str, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> list[str]:
    if vendor == "postgresql":
        return [sql for table in tables for sql in postgresql_drop(table)]
    if vendor == "sqlite":
        return [sql for table in tables for sql in sqlite_drop(table)]
    return []
