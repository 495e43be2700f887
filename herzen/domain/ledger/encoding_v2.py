"""Encoding v2, retired (docs/adr/0085): kept only so that the re-chain migration can check the v2 chain before it
rewrites it in v3 (herzen.domain.ledger.encoding). The canonical bytes of a log entry's content: a header
naming each field and its kind, then each value.

    content  = header values
    header   = count:int32 (name_length:int32 name:utf8 kind:1 byte)*count
    values   = (length:int32 bytes)*count            a length of -1 (and no bytes) for None

Fields come in the order of their names (sorted), so a mapping has one form whatever order it was built in.
Every part is either of fixed size or preceded by its length, so the bytes parse back into exactly one
mapping: two different contents never share their canonical bytes.

Each value's bytes are those PostgreSQL's binary COPY format gives the column that stores it, so the database
can hand over an entry's content ready to hash, without the rows being decoded and re-encoded in Python (see
`herzen.domain.ledger.records` and `herzen.audit.streaming`):

    kind  value                    bytes                                         PostgreSQL column
    S     str, or None             UTF-8                                         text (NULL for None)
    I     int                      8 bytes, big-endian two's complement          bigint
    B     bool                     1 byte: 1 or 0                                boolean
    T     datetime with a zone     microseconds since 2000-01-01T00:00Z, as I    timestamptz
    L     list of str              JSON, ", " between items, only the escapes    jsonb cast to text
                                   JSON requires, non-ASCII as is

None takes the kind S: a column that may be NULL is hashed as text, so that its kind is the same in every
entry (whether or not it holds a value) and the header of a table's entries never changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from json.encoder import encode_basestring

ContentValue = str | int | bool | None | datetime | Sequence[str]
Content = Mapping[str, ContentValue]

TEXT, INTEGER, BOOLEAN, TIME, LIST = b"S", b"I", b"B", b"T", b"L"
KINDS = frozenset({TEXT, INTEGER, BOOLEAN, TIME, LIST})
# (name, kind) of each field, in the order the values follow the header.
Layout = tuple[tuple[str, bytes], ...]

NULL = b"\xff\xff\xff\xff"
_EIGHT = (8).to_bytes(4, "big")
_TRUE, _FALSE = (1).to_bytes(4, "big") + b"\x01", (1).to_bytes(4, "big") + b"\x00"
_POSTGRES_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def field(data: bytes) -> bytes:
    """A value's bytes preceded by their length."""
    return len(data).to_bytes(4, "big") + data


def int64(value: int, what: str) -> bytes:
    try:
        return _EIGHT + value.to_bytes(8, "big", signed=True)
    except OverflowError:
        raise ValueError(f"{what}: {value} does not fit in 64 bits") from None


def microseconds_since_2000(moment: datetime) -> int:
    delta = moment - _POSTGRES_EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def json_list(items: Sequence[str]) -> bytes:
    """A list of strings as JSON, spelled as PostgreSQL prints a jsonb array (`["a", "b"]`)."""
    return ("[" + ", ".join(map(encode_basestring, items)) + "]").encode("utf-8")


def encode_value(name: str, value: object) -> tuple[bytes, bytes]:
    """The kind and the length-prefixed bytes of one value; TypeError for values with no canonical form."""
    if value is None:
        return TEXT, NULL
    if isinstance(value, str):
        return TEXT, field(value.encode("utf-8"))
    if isinstance(value, bool):  # before int: a bool is an int
        return BOOLEAN, _TRUE if value else _FALSE
    if isinstance(value, int):
        return INTEGER, int64(value, name)
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TypeError(f"{name}: a time without a time zone is ambiguous")
        return TIME, int64(microseconds_since_2000(value), name)
    if isinstance(value, list | tuple):
        if not all(isinstance(item, str) for item in value):
            raise TypeError(f"{name}: a list in an entry must hold strings only")
        return LIST, field(json_list(value))
    raise TypeError(f"{name}: {type(value).__name__} has no canonical form here")


@lru_cache(maxsize=256)
def header(layout: Layout) -> bytes:
    """The bytes naming each field and its kind (the same for every entry of a table: cached)."""
    parts = [len(layout).to_bytes(4, "big")]
    for name, kind in layout:
        if kind not in KINDS:
            raise ValueError(f"{name}: unknown kind {kind!r}")
        parts.append(field(name.encode("utf-8")) + kind)
    return b"".join(parts)


def encode(content: Content) -> tuple[Layout, bytes]:
    """The layout of a content (names and kinds, sorted by name) and its values' bytes."""
    for name in content:
        if not isinstance(name, str):
            raise TypeError(f"content keys must be strings, not {type(name).__name__}")
    layout: list[tuple[str, bytes]] = []
    values: list[bytes] = []
    for name in sorted(content):
        kind, data = encode_value(name, content[name])
        layout.append((name, kind))
        values.append(data)
    return tuple(layout), b"".join(values)


def canonical(content: Content) -> bytes:
    """The one byte string of an entry's content (see the module's docstring)."""
    layout, values = encode(content)
    return header(layout) + values


V2_TAG = b"herzen.ledger.v2\x00"


def entry_hash_v2(chain: str, previous: bytes, sequence: int, content: Content) -> bytes:
    """An entry's hash as encoding v2 computed it."""
    import hashlib

    data = (
        V2_TAG + chain.encode("ascii") + b"\x00" + canonical(content) + int64(sequence, "sequence") + previous
    )
    return hashlib.sha256(data).digest()
