"""Triggers that refuse UPDATE and DELETE (PostgreSQL: and TRUNCATE) on audit and access events."""

from django.db import migrations

# The SQL as this migration first wrote it (herzen.audit.triggers has since changed: 0005 replaces these).
APPEND_ONLY_TABLES = ("audit_auditevent", "audit_accessevent")

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION herzen_refuse_change_of_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'herzen: % on % refused: the table is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def postgresql_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION herzen_refuse_change_of_append_only();",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION herzen_refuse_change_of_append_only();",
    ]


def postgresql_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
    ]


def sqlite_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'herzen: {operation} on {table} refused: the table is append-only'); END;"
        for operation in ("UPDATE", "DELETE")
    ]


def sqlite_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_{operation};" for operation in ("update", "delete")]


def create_statements(vendor: str, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> list[str]:
    if vendor == "postgresql":
        return [POSTGRESQL_FUNCTION] + [sql for table in tables for sql in postgresql_create(table)]
    if vendor == "sqlite":
        return [sql for table in tables for sql in sqlite_create(table)]
    return []


def drop_statements(vendor: str, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> list[str]:
    if vendor == "postgresql":
        return [sql for table in tables for sql in postgresql_drop(table)]
    if vendor == "sqlite":
        return [sql for table in tables for sql in sqlite_drop(table)]
    return []


def create_triggers(apps, schema_editor):
    for sql in create_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    for sql in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_existing_audit_events")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
