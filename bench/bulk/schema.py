"""What a bulk load drops and rebuilds: the indexes, primary keys, unique constraints and foreign keys of the
loaded tables (and the foreign keys of other tables that refer to them), read from PostgreSQL's catalogue so
that what is rebuilt is exactly what the migrations made."""

from typing import Any

from django.db import connection

# Tables whose secondary indexes and foreign keys are dropped during the load and made again after it
# (primary keys and unique constraints too, but KEPT_UNIQUE).
BIG_TABLES = (
    "encryption_datakey",
    "people_person",
    "people_personnamekey",
    "people_identitydocument",
    "people_namevariant",
    "people_contactpoint",
    "people_stay",
    "people_entryrefusal",
    "people_riskfactor",
    "people_household",
    "people_householdmember",
    "cases_case",
    "cases_casenote",
    "pathways_application",
    "pathways_applicationstatechange",
    "pathways_applicationdeadline",
    "pathways_applicationdecision",
    "pathways_applicationreferral",
    "audit_auditevent",
)

# At a million persons the loaded tables' indexes are many times PostgreSQL's shared buffers, and a row with a
# random key (a UUID, a name key's blind index) lands on a random page of each index: kept during the load,
# they cost the database more than the rows themselves (most of the time of a 1M load was spent in COPY).
# So every index of the big tables is dropped and built again after the load, by sorting, in one pass each:
# secondary indexes, foreign keys, and also primary keys and unique constraints, whose uniqueness holds by
# construction (random UUIDs, one row per name key and person) and is checked again when they are rebuilt.
# Kept: the case reference's unique key (a reference drawn twice is caught during the load and its chunk
# built again), and the audit chain's id and sequence (appended in order, so their indexes stay cheap).
KEPT_UNIQUE = ("cases_case_reference_key", "audit_auditevent_pkey", "audit_auditevent_sequence_key")

SECONDARY_INDEXES = """
SELECT c.relname, pg_get_indexdef(i.indexrelid)
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_class c ON c.oid = i.indexrelid
WHERE t.relname = ANY(%s) AND NOT i.indisprimary AND NOT c.relname = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY t.relname, c.relname
"""

UNIQUE_CONSTRAINTS = """
SELECT t.relname, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class t ON t.oid = k.conrelid
WHERE k.contype IN ('p', 'u') AND t.relname = ANY(%s) AND NOT k.conname = ANY(%s)
ORDER BY t.relname, k.contype, k.conname
"""


def drop_secondary_indexes() -> list[tuple[str, str]]:
    """Indexes that belong to no constraint (unique partial ones included), dropped."""
    with connection.cursor() as cursor:
        cursor.execute(SECONDARY_INDEXES, [list(BIG_TABLES), list(KEPT_UNIQUE)])
        indexes = [(name, definition) for name, definition in cursor.fetchall()]
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return indexes


def recreate_indexes(indexes: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        # Inside an outer transaction (tests), deferred foreign-key checks must run before an index is built.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            definition = definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
            cursor.execute(
                definition.replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", 1)
            )


def drop_unique_constraints() -> list[tuple[str, str, str]]:
    """Primary keys and unique constraints of the loaded tables but KEPT_UNIQUE; after the foreign keys,
    which need them."""
    with connection.cursor() as cursor:
        cursor.execute(UNIQUE_CONSTRAINTS, [list(BIG_TABLES), list(KEPT_UNIQUE)])
        constraints = [(table, name, definition) for table, name, definition in cursor.fetchall()]
        _drop_constraints(cursor, constraints)
    return constraints


def restore_unique_constraints(constraints: list[tuple[str, str, str]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(UNIQUE_CONSTRAINTS, [list(BIG_TABLES), []])
        present = {(table, name) for table, name, _ in cursor.fetchall()}
        _add_missing_constraints(cursor, constraints, present)


FOREIGN_KEYS = """
SELECT t.relname, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class t ON t.oid = k.conrelid
WHERE k.contype = 'f' AND t.relname = ANY(%s)
ORDER BY t.relname, k.conname
"""

# Foreign keys of other tables (intake, evidence, sharing, ...) that refer to a loaded table: they depend on
# its primary key, so they are dropped and added back with it.
REFERRING_KEYS = """
SELECT t.relname, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class t ON t.oid = k.conrelid
JOIN pg_class r ON r.oid = k.confrelid
WHERE k.contype = 'f' AND r.relname = ANY(%s) AND NOT t.relname = ANY(%s)
ORDER BY t.relname, k.conname
"""


def _foreign_keys(cursor: Any) -> list[tuple[str, str, str]]:
    cursor.execute(FOREIGN_KEYS, [list(BIG_TABLES)])
    keys = [(table, name, definition) for table, name, definition in cursor.fetchall()]
    cursor.execute(REFERRING_KEYS, [list(BIG_TABLES), list(BIG_TABLES)])
    return keys + [(table, name, definition) for table, name, definition in cursor.fetchall()]


def drop_foreign_keys() -> list[tuple[str, str, str]]:
    """Foreign keys of and to the loaded tables, dropped: checked row by row at every commit they cost the
    database more than the rows themselves; added back after the load, each is checked in one pass over its
    table."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # nothing pending may refer to a dropped constraint
        keys = _foreign_keys(cursor)
        _drop_constraints(cursor, keys)
    return keys


def restore_foreign_keys(keys: list[tuple[str, str, str]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        present = {(table, name) for table, name, _ in _foreign_keys(cursor)}
        _add_missing_constraints(cursor, keys, present)


def _drop_constraints(cursor: Any, constraints: list[tuple[str, str, str]]) -> None:
    for table, name, _ in constraints:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')


def _add_missing_constraints(
    cursor: Any, constraints: list[tuple[str, str, str]], present: set[tuple[str, str]]
) -> None:
    """Add back each (table, name, definition) not `present`: a restore after a half-finished one (an error
    or a signal during the rebuild) adds only what is still missing."""
    for table, name, definition in constraints:
        if (table, name) not in present:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
