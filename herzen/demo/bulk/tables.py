"""Rows of a model as PostgreSQL COPY text, with every encrypted and blind-index column filled in exactly as
the model fields themselves would on `save()` (herzen.encryption.fields).

A `Table` reads the model's concrete fields once; `line(values, key)` takes plaintext by attribute name and
returns one COPY line: encrypted columns are sealed with the owner's data key and the same FieldContext
(table, column, row id) as `EncryptedMixin.pre_save`, blind indexes computed from the plaintext of their
source as `BlindIndexField.pre_save` does. Fields not given take their model default.
"""

import json
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

from django.db import models
from django_countries.fields import CountryField

from herzen.domain.crypto import FieldContext, seal_text
from herzen.encryption.blind import index_value
from herzen.encryption.fields import BlindIndexField, EncryptedJSONField, EncryptedMixin

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def copy_text(value: Any) -> str:
    """One value in COPY's text format."""
    if value.__class__ is str:
        return value.translate(_ESCAPES)  # type: ignore[no-any-return]
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, int | UUID):
        return str(value)
    if isinstance(value, datetime):
        return _datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return "\\\\x" + bytes(value).hex()
    raise TypeError(f"no COPY text for {type(value).__name__}")


@lru_cache(maxsize=4096)
def _datetime_text(value: datetime) -> str:
    # Rows of one write share their timestamps: format each once.
    return value.isoformat()


class Table:
    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.name = model._meta.db_table
        # Auto-increment keys are left to the table's sequence, as an INSERT without them would.
        self.fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
        self.columns = [f.column for f in self.fields]
        self._kinds = [self._kind(f) for f in self.fields]
        defaults = [f.get_default() if f.has_default() else None for f in self.fields]
        self._cells = [
            self._cell(f, kind, default)
            for f, kind, default in zip(self.fields, self._kinds, defaults, strict=True)
        ]

    @staticmethod
    def _kind(field: models.Field) -> str:  # type: ignore[type-arg]
        if isinstance(field, EncryptedJSONField):
            return "sealed_json"
        if isinstance(field, EncryptedMixin):
            return "sealed"
        if isinstance(field, BlindIndexField):
            return "blind"
        if isinstance(field, CountryField):
            return "country"
        if isinstance(field, models.JSONField):
            return "json"
        return "plain"

    @property
    def copy_statement(self) -> str:
        return f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN"

    def line(self, values: dict[str, Any], key: tuple[int, bytes] | None = None) -> str:
        """`values` by attribute name (`organisation_id`, `surname`, ...); `key` = (version, data key) of
        the owner, needed when an encrypted field has a value."""
        return "\t".join([cell(values, key) for cell in self._cells]) + "\n"

    def _cell(self, field: Any, kind: str, default: Any) -> Callable[[dict[str, Any], Any], str]:
        name = field.attname
        if kind == "plain":
            return lambda values, key: copy_text(values.get(name, default))
        if kind in ("sealed", "sealed_json"):
            return lambda values, key: copy_text(
                self._sealed(field, kind, values.get(name, default), values, key)
            )
        if kind == "blind":
            source, index = field.source, field.index

            def blind(values: dict[str, Any], key: Any) -> str:
                plaintext = values.get(source)
                return copy_text("" if plaintext in (None, "") else index_value(index, str(plaintext)))

            return blind
        if kind == "country":
            return lambda values, key: copy_text(field.get_prep_value(values.get(name, default)))
        return lambda values, key: copy_text(json.dumps(values.get(name, default)))

    def _sealed(
        self,
        field: Any,
        kind: str,
        value: Any,
        values: dict[str, Any],
        key: tuple[int, bytes] | None,
    ) -> Any:
        # The same rules as EncryptedMixin.pre_save / EncryptedJSONField.pre_save.
        if kind == "sealed_json" and value in ({}, []):
            return field.encode(value)
        if value is None or value == "":
            return value
        if key is None:
            raise ValueError(f"{self.name}.{field.column} needs its owner's data key")
        context = FieldContext(table=self.name, field=field.column, row_id=str(values["id"]))
        return seal_text(key[1], key[0], context, field.encode(value))
