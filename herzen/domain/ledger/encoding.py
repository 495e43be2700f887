"""The canonical bytes of a log entry's content, encoding v3 (docs/audit-log-encoding.md is the specification).

    content = header values
    header  = count:u32 (name_length:u32 name:utf8)*count           names sorted; the same for every entry
    values  = (kind:1 byte  length:u32  bytes)*count                 in the order of the header's names

    kind  value                      bytes (their count is the length)
    N     None                       none (length 0)
    I     int                        8 bytes, big-endian two's complement
    T     datetime with a zone       microseconds since 1970-01-01T00:00:00Z, as I
    U     uuid.UUID                  its 16 bytes (RFC 9562 order)
    S     str                        UTF-8
    A     list or tuple of str       count:u32, then (length:u32 utf8)*count

Every part has a fixed size or is preceded by its length or count, and each value names its kind, so the bytes
parse back into exactly one mapping: two different contents never share their canonical bytes. The format is
Herzen's own: nothing in it depends on how a database stores or sends a value. PostgreSQL computes the same
bytes from the columns (herzen.audit.streaming), so verification can read them ready to hash.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache

ENCODING = 3
ContentValue = str | int | None | datetime | uuid.UUID | Sequence[str]
Content = Mapping[str, ContentValue]
# The names of a table's content, sorted: the header is computed once per table.
Layout = tuple[str, ...]

NULL, INTEGER, TIME, UUID, TEXT, ARRAY = b"N", b"I", b"T", b"U", b"S", b"A"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NULL_VALUE = NULL + bytes(4)
_EIGHT = (8).to_bytes(4, "big")
_SIXTEEN = (16).to_bytes(4, "big")


def u32(value: int) -> bytes:
    return value.to_bytes(4, "big")


def int64(value: int, what: str) -> bytes:
    try:
        return value.to_bytes(8, "big", signed=True)
    except OverflowError:
        raise ValueError(f"{what}: {value} does not fit in 64 bits") from None


def microseconds_since_1970(moment: datetime) -> int:
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def text(value: str) -> bytes:
    data = value.encode("utf-8")
    return u32(len(data)) + data


def encode_value(name: str, value: object) -> bytes:
    """One value: its kind, its length and its bytes; TypeError for values with no canonical form."""
    if value is None:
        return _NULL_VALUE
    if isinstance(value, str):
        return TEXT + text(value)
    if isinstance(value, bool):  # before int: a bool is an int, and has no kind here
        raise TypeError(f"{name}: a bool has no canonical form in encoding v3")
    if isinstance(value, int):
        return INTEGER + _EIGHT + int64(value, name)
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TypeError(f"{name}: a time without a time zone is ambiguous")
        return TIME + _EIGHT + int64(microseconds_since_1970(value), name)
    if isinstance(value, uuid.UUID):
        return UUID + _SIXTEEN + value.bytes
    if isinstance(value, list | tuple):
        if not all(isinstance(item, str) for item in value):
            raise TypeError(f"{name}: an array in an entry must hold strings only")
        items = u32(len(value)) + b"".join(text(item) for item in value)
        return ARRAY + u32(len(items)) + items
    raise TypeError(f"{name}: {type(value).__name__} has no canonical form here")


@lru_cache(maxsize=256)
def header(layout: Layout) -> bytes:
    """The bytes naming each field (the same for every entry of a table: cached)."""
    if list(layout) != sorted(set(layout)):
        raise ValueError("a layout's names are sorted and distinct")
    return u32(len(layout)) + b"".join(text(name) for name in layout)


def encode(content: Content) -> tuple[Layout, bytes]:
    """The layout of a content (its names, sorted) and its values' bytes."""
    for name in content:
        if not isinstance(name, str):
            raise TypeError(f"content keys must be strings, not {type(name).__name__}")
    layout = tuple(sorted(content))
    return layout, b"".join(encode_value(name, content[name]) for name in layout)


def canonical(content: Content) -> bytes:
    """The one byte string of an entry's content (see the module's docstring)."""
    layout, values = encode(content)
    return header(layout) + values
