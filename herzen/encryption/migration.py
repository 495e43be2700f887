"""Helpers for data migrations that encrypt columns which held plaintext until now.

Used from RunPython with historical models; they call the live key functions (the keyring comes from the
settings of the process running `migrate`, so keys must be configured before migrating).
"""

from datetime import date
from typing import Any

from herzen.domain.crypto import FieldContext, is_ciphertext, seal_text
from herzen.encryption.blind import index_value
from herzen.encryption.fields import Sealed
from herzen.encryption.keys import Owner, data_key


def encrypt_existing_rows(
    model: Any,
    *,
    fields: list[str],
    owner_kind: str,
    owner_path: str,
    indexes: dict[str, tuple[str, str]] | None = None,
) -> int:
    """Seal every plaintext value of `fields` in place; fill blind-index columns {column: (source, index)}.

    `owner_path` is a values() path to the owner's id ("pk", "person_id", "case__household_id").
    Values already sealed are left alone, so the migration can be re-run after an interruption."""
    indexes = indexes or {}
    table = model._meta.db_table
    # A row changed since it was inserted seals under its version (herzen.encryption.rows).
    versioned = any(field.name == "seal_version" for field in model._meta.concrete_fields)
    extra = ["seal_version"] if versioned else []
    changed = 0
    for row in model.objects.values("pk", owner_path, *fields, *extra).iterator(chunk_size=500):
        updates: dict[str, str] = {}
        for name in fields:
            value = row[name]
            if isinstance(value, Sealed):  # an encrypted field hands over whatever it loaded, unopened
                value = value.ciphertext
            if value in (None, "", {}, [], "{}", "[]") or is_ciphertext(value):
                continue
            field = model._meta.get_field(name)
            if isinstance(value, dict | list):
                text = field.encode(value)
            else:  # the column's text (a plain field's value, or the JSON or ISO date it held)
                text = value.isoformat() if isinstance(value, date) else str(value)
            key = data_key(Owner.of(owner_kind, row[owner_path]), create=True)
            column = field.column
            updates[name] = seal_text(
                key.key,
                key.version,
                FieldContext(table, column, str(row["pk"]), row.get("seal_version", 0)),
                text,
            )
            for index_column, (source, index) in indexes.items():
                if source == name:
                    updates[index_column] = index_value(index, text)
        if updates:
            model.objects.filter(pk=row["pk"]).update(**updates)
            changed += 1
    return changed
