"""Audit events of a bulk load, split so the sequential part is cheap.

Worker processes turn each event into bytes: its canonical content (herzen.domain.ledger.canonical) cut
around the row id's bytes, and the rest of its COPY line. Only the id, the sequence number and the hash chain depend
on the events before it, so the main process, which writes chunks in order, only splices in the id and
computes `entry_hash` over the previous hash and those bytes.

An audit event's content always has the same layout (AuditEvent's chained fields, sorted by name, each of one
kind), and most of its values repeat from event to event (the action, the actor, the changed fields), so the
bytes are put together here from the layout's header and cached pieces rather than through `canonical` for
every event; `encode_events` checks the first event of every call against `canonical` itself.
"""

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from herzen.audit.keys import entry_mac_key
from herzen.audit.models import AuditEvent, chained_layout
from herzen.domain.ledger import Head, canonical, entry_hash, prefix
from herzen.domain.ledger.authentication import entry_mac
from herzen.domain.ledger.encoding import encode_value, header, int64, microseconds_since_1970

from .tables import Table, plain_text, text

AUDIT = Table(AuditEvent, with_key=True)
assert AUDIT.columns[:4] == ["id", "sequence", "entry_hash", "mac"], AUDIT.columns
CHAIN = AuditEvent.chain_name
SPEC_FIELDS = (  # the order of an AuditSpec (bench.bulk.households)
    "occurred_at",
    "actor_user_id",
    "organisation_id",
    "action",
    "target_type",
    "target_id",
    "parent_type",
    "parent_id",
    "changed_fields",
)
assert set(AuditEvent.CHAINED_FIELDS) == {"id", *SPEC_FIELDS}, AuditEvent.CHAINED_FIELDS
assert AUDIT.columns[4:] == list(SPEC_FIELDS), AUDIT.columns
# Stands in for the id until the main process knows it; far above any id a load makes, and its 8 bytes
# cannot occur elsewhere in an entry's canonical content (the split below checks there is exactly one).
_PLACEHOLDER = 7_777_777_777_777_777_777
_PLACEHOLDER_BYTES = int64(_PLACEHOLDER, "id")
_ID_KIND = encode_value("id", 0)[:5]  # the id's kind and length, before its 8 bytes

# The layout `_encode` writes: names sorted, the id between changed_fields and occurred_at.
_LAYOUT = (
    "action",
    "actor_user_id",
    "changed_fields",
    "id",
    "occurred_at",
    "organisation_id",
    "parent_id",
    "parent_type",
    "target_id",
    "target_type",
)
assert chained_layout(AuditEvent) == _LAYOUT, chained_layout(AuditEvent)
_HEADER = header(_LAYOUT)

# (canonical content before the id, after the id, the COPY line after the chain's columns)
EncodedEvent = tuple[bytes, bytes, bytes]


def encode_events(specs: list[tuple[Any, ...]]) -> list[EncodedEvent]:
    """Each event's canonical content around its id (herzen.domain.ledger.canonical over
    AuditEvent.content_of, exactly what chain.append hashes) and its COPY line after the chain's columns."""
    encoded = [_encode(*spec) for spec in specs]
    if specs:
        assert encoded[0] == _encode_slowly(specs[0]), specs[0]
    # Each event's MAC (herzen.audit.keys), as audit.record writes it: the sequencer refuses an event without.
    key = entry_mac_key()
    return [
        (before, after, entry_mac(key, CHAIN, _mac_content(spec)).encode() + b"\t" + rest)
        for spec, (before, after, rest) in zip(specs, encoded, strict=True)
    ]


def _mac_content(spec: tuple[Any, ...]) -> dict[str, object]:
    values: dict[str, object] = dict(zip(SPEC_FIELDS, spec, strict=True))
    values["id"] = 0  # not authenticated (UNMACED_FIELDS): the MAC is made before the row has its id
    return AuditEvent.content_of(values)


def _text_field(value: object) -> bytes:
    """A text value (AuditEvent.content_of: None stays None, anything else becomes its str)."""
    return encode_value("text", None if value is None else str(value))


def _uuid_field(value: object) -> bytes:
    return encode_value("uuid", None if value is None else uuid.UUID(str(value)))


_TIME_KIND = encode_value("t", datetime(1970, 1, 1, tzinfo=UTC))[:5]  # kind and length of every time


_before: dict[tuple[Any, ...], bytes] = {}
_fields: dict[object, bytes] = {}  # of the few values that repeat: organisations, target and parent types
_columns: dict[tuple[Any, ...], str] = {}
_changed: dict[tuple[str, ...], str] = {}
_last_time: list[Any] = [None, b"", ""]


def _encode(
    occurred_at: datetime,
    actor: object,
    organisation: object,
    action: str,
    target_type: str,
    target_id: str,
    parent_type: str,
    parent_id: str,
    changed: list[str],
) -> EncodedEvent:
    changed_key = tuple(changed)
    key = (action, actor, changed_key)
    before = _before.get(key)
    if before is None:
        before = _before[key] = b"".join(
            (
                _HEADER,
                _text_field(action),
                encode_value("actor_user_id", actor),
                encode_value("changed_fields", changed),
                _ID_KIND,
            )
        )
    # occurred_at: the events of one service call share one datetime object
    last = _last_time
    if occurred_at is not last[0]:
        last[0] = occurred_at
        last[1] = _TIME_KIND + int64(microseconds_since_1970(occurred_at), "occurred_at")
        last[2] = occurred_at.isoformat()
    fields = _fields
    organisation_field = fields.get(organisation)
    if organisation_field is None:
        organisation_field = fields[organisation] = _uuid_field(organisation)
    parent_type_field = fields.get(parent_type)
    if parent_type_field is None:
        parent_type_field = fields[parent_type] = _text_field(parent_type)
    target_type_field = fields.get(target_type)
    if target_type_field is None:
        target_type_field = fields[target_type] = _text_field(target_type)
    after = b"".join(
        (
            last[1],
            organisation_field,
            _text_field(parent_id),
            parent_type_field,
            _text_field(target_id),
            target_type_field,
        )
    )
    key = (actor, organisation, action, target_type)
    columns = _columns.get(key)
    if columns is None:
        columns = _columns[key] = "\t".join(
            (
                "\\N" if actor is None else str(actor),
                "\\N" if organisation is None else str(organisation),
                plain_text(action),
                plain_text(target_type),
            )
        )
    changed_text = _changed.get(changed_key)
    if changed_text is None:
        changed_text = _changed[changed_key] = text(json.dumps(changed))
    rest = (
        f"{last[2]}\t{columns}\t{plain_text(target_id)}\t{plain_text(parent_type)}\t{plain_text(parent_id)}"
        f"\t{changed_text}\n"
    )
    return before, after, rest.encode()


def _encode_slowly(spec: tuple[Any, ...]) -> EncodedEvent:
    """The same through AuditEvent.content_of, canonical and the table's COPY line (the reference)."""
    values = dict(zip(SPEC_FIELDS, spec, strict=True))
    values["id"] = _PLACEHOLDER
    content = canonical(AuditEvent.content_of(values))  # type: ignore[arg-type]
    before, after = content.split(_PLACEHOLDER_BYTES)  # exactly one place: unpacking fails otherwise
    values["sequence"] = values["entry_hash"] = values["mac"] = ""
    rest = AUDIT.line(values).split("\t", 4)[4]
    return before, after, rest.encode()


def chain_lines(head: Head, last_id: int, events: Iterable[EncodedEvent]) -> tuple[bytes, Head, int]:
    """COPY text of `events` appended after `head` (ids after `last_id`): (text, new head, new last id).

    The hash is `entry_hash` (checked on the first event) with the chain's prefix made once."""
    sequence, previous, row_id = head.sequence, head.hash, last_id
    chain_prefix, sha256 = prefix(CHAIN), hashlib.sha256
    lines = []
    first = True
    for before, after, rest in events:
        sequence += 1
        row_id += 1
        content = b"".join((before, int64(row_id, "id"), after))
        digest = sha256(b"".join((chain_prefix, content, int64(sequence, "sequence"), previous))).digest()
        if first:
            assert digest == entry_hash(CHAIN, previous, sequence, content)
            first = False
        previous = digest
        lines.append(b"%d\t%d\t%s\t%s" % (row_id, sequence, previous.hex().encode(), rest))
    return b"".join(lines), Head(sequence, previous), row_id
