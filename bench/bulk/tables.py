"""Rows of a model as PostgreSQL COPY text, with every encrypted and blind-index column filled in exactly as
the model fields themselves would on `save()` (herzen.encryption.fields).

A `Table` reads the model's concrete fields once and compiles one formatting function for them: each column
gets the conversion its field class needs (no per-value type dispatch; that dispatch was most of the time of
a bulk load). `line(values, key)` takes plaintext by attribute name and returns one COPY line: encrypted
columns are sealed with the owner's data key and the same FieldContext (table, column, row id) as
`EncryptedMixin.pre_save`, blind indexes computed from the plaintext of their source as
`BlindIndexField.pre_save` does. Fields not given take their model default.
"""

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

from django.db import models
from django_countries.fields import CountryField

from herzen.domain.crypto import FieldContext, Sealer
from herzen.encryption.blind import index_value
from herzen.encryption.fields import BlindIndexField, EncryptedJSONField, EncryptedMixin

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]").search
NULL = "\\N"


def copy_text(value: Any) -> str:
    """One value of any supported type in COPY's text format (the general case; columns use faster ones)."""
    if value.__class__ is str:
        return text(value)
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return text(str(value))
    if isinstance(value, int | UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return "\\\\x" + bytes(value).hex()
    raise TypeError(f"no COPY text for {type(value).__name__}")


def text(value: str) -> str:
    """A string in COPY's text format: most need no escaping, and a search is cheaper than translate."""
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE(value) else value


def plain_text(value: Any) -> str:
    return text(value) if value.__class__ is str else copy_text(value)


def _key_text(value: Any) -> str:
    # Ids (UUIDs, as str or UUID, and integer keys) never need escaping.
    return NULL if value is None else str(value)


_last_time: list[Any] = [None, NULL]


def _time_text(value: Any) -> str:
    # A row's created_at and updated_at, and the rows of one service call, share one datetime object.
    last = _last_time
    if value is last[0]:
        return last[1]  # type: ignore[no-any-return]
    formatted = NULL if value is None else value.isoformat()
    last[0], last[1] = value, formatted
    return formatted


def _bool_text(value: Any) -> str:
    return "t" if value is True else "f" if value is False else copy_text(value)


# Stands in for the row id in a column's associated data (no id contains it).
_ROW = "\x01row\x01"
_ROW_BYTES = _ROW.encode()


class _Place:
    """A FieldContext as Sealer uses it, with its associated data already put together (see _sealer_of)."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        self._data = data

    def associated_data(self, key_version: int) -> bytes:
        return self._data


_SEALERS: dict[bytes, Sealer] = {}


def sealer(key: tuple[int, bytes]) -> Sealer:
    """One AES-GCM context per data key: a person's dozen fields share it (building one costs as much as
    sealing a field)."""
    found = _SEALERS.get(key[1])
    if found is None:
        if len(_SEALERS) > 4096:
            _SEALERS.clear()
        found = _SEALERS[key[1]] = Sealer(key[1], key[0])
    return found


class Table:
    def __init__(self, model: type[models.Model], *, with_key: bool = False) -> None:
        self.model = model
        self.name = model._meta.db_table
        # Auto-increment keys are left to the table's sequence, as an INSERT without them would; `with_key`
        # writes them (the audit events, whose ids the loader numbers in chain order).
        self.fields = [
            f for f in model._meta.concrete_fields if with_key or not isinstance(f, models.AutoField)
        ]
        self.columns = [f.column for f in self.fields]
        self._kinds = [self._kind(f) for f in self.fields]
        self.line = self._compile()

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

    def _compile(self) -> Callable[..., str]:
        """`line(values, key=None)`: `values` by attribute name (`organisation_id`, `surname`, ...); `key` =
        (version, data key) of the owner, needed when an encrypted field has a value. Compiled to one
        f-string over the columns, each with its own conversion."""
        scope: dict[str, Any] = {"NULL": NULL}
        cells = []
        for number, (field, kind) in enumerate(zip(self.fields, self._kinds, strict=True)):
            default = field.get_default() if field.has_default() else None
            scope[f"d{number}"] = default
            get = f"g({field.attname!r}, d{number})"
            if kind == "plain":
                scope[f"c{number}"] = self._plain_converter(field)
                cells.append(f"c{number}({get})")
            elif kind in ("sealed", "sealed_json"):
                scope[f"c{number}"] = self._sealer_of(field, kind)
                cells.append(f"c{number}({get}, values, key)")
            elif kind == "blind":
                scope[f"c{number}"] = self._blind_of(field)
                cells.append(f"c{number}(g({field.source!r}))")
            elif kind == "country":
                scope[f"c{number}"] = _country_of(field)
                cells.append(f"c{number}({get})")
            else:
                scope[f"c{number}"] = _json_text
                cells.append(f"c{number}({get})")
        body = "\\t".join("{" + cell + "}" for cell in cells)
        source = f'def line(values, key=None):\n    g = values.get\n    return f"{body}\\n"\n'
        exec(compile(source, f"<COPY line of {self.name}>", "exec"), scope)  # noqa: S102 - our own source
        return scope["line"]  # type: ignore[no-any-return]

    @staticmethod
    def _plain_converter(field: models.Field) -> Callable[[Any], str]:  # type: ignore[type-arg]
        if isinstance(field, models.BooleanField):
            return _bool_text
        if isinstance(field, models.DateTimeField | models.DateField):
            return _time_text
        if isinstance(field, models.UUIDField | models.ForeignKey | models.IntegerField):
            return _key_text
        return plain_text

    def _sealer_of(self, field: Any, kind: str) -> Callable[[Any, dict[str, Any], Any], str]:
        table, column, encode = self.name, field.column, field.encode
        json_kind = kind == "sealed_json"
        # The associated data of this column at a row (FieldContext.associated_data) is the same but for the
        # row id: cut FieldContext's own around a stand-in for it once per key version, spliced per row.
        around: dict[int, tuple[bytes, bytes]] = {}

        def place(row_id: str, version: int) -> "_Place":
            parts = around.get(version)
            if parts is None:
                start, end = FieldContext(table, column, _ROW).associated_data(version).split(_ROW_BYTES)
                parts = around[version] = (start, end)
            if "\x00" in row_id:
                raise ValueError("A ciphertext context cannot contain NUL.")
            return _Place(b"".join((parts[0], row_id.encode(), parts[1])))

        def sealed(value: Any, values: dict[str, Any], key: tuple[int, bytes] | None) -> str:
            # The same rules as EncryptedMixin.pre_save / EncryptedJSONField.pre_save.
            if json_kind and value in ({}, []):
                return text(encode(value))
            if value is None:
                return NULL
            if value == "":
                return ""
            if key is None:
                raise ValueError(f"{table}.{column} needs its owner's data key")
            context = place(str(values["id"]), key[0])
            return sealer(key).seal_text(context, encode(value))  # type: ignore[arg-type]  # base64: no escapes

        return sealed

    @staticmethod
    def _blind_of(field: Any) -> Callable[[Any], str]:
        index = field.index

        def blind(plaintext: Any) -> str:
            return "" if plaintext in (None, "") else text(index_value(index, str(plaintext)))

        return blind


def _country_of(field: Any) -> Callable[[Any], str]:
    @lru_cache(maxsize=4096)
    def country(value: Any) -> str:
        return copy_text(field.get_prep_value(list(value) if isinstance(value, tuple) else value))

    def cell(value: Any) -> str:
        return country(tuple(value) if isinstance(value, list) else value)

    return cell


_JSON_LISTS: dict[tuple[str, ...], str] = {}


def _json_text(value: Any) -> str:
    # Lists of a few strings (citizenships, languages) repeat from row to row.
    if value.__class__ is list and len(value) <= 4 and all(item.__class__ is str for item in value):
        key = tuple(value)
        found = _JSON_LISTS.get(key)
        if found is None:
            if len(_JSON_LISTS) > 10_000:
                _JSON_LISTS.clear()
            found = _JSON_LISTS[key] = text(json.dumps(value))
        return found
    return text(json.dumps(value))
