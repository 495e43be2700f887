"""Audit events of a bulk load, split so the sequential part is cheap.

Worker processes turn each event into bytes: its canonical content (herzen.domain.ledger.canonical) cut
around the row id's bytes, and the rest of its COPY line. Only the id, the sequence number and the hash chain depend
on the events before it, so the main process, which writes chunks in order, only splices in the id and
computes `entry_hash` over the previous hash and those bytes.
"""

from collections.abc import Iterable
from typing import Any

from herzen.audit.models import AuditEvent
from herzen.domain.ledger import Head, canonical, entry_hash
from herzen.domain.ledger.encoding import int64

from .tables import Table

AUDIT = Table(AuditEvent)
assert AUDIT.columns[:3] == ["id", "sequence", "entry_hash"], AUDIT.columns
CHAIN = AuditEvent.chain_name
SPEC_FIELDS = (  # the order of an AuditSpec (herzen.demo.bulk.households)
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
# Stands in for the id until the main process knows it; far above any id a load makes, and its 8 bytes
# cannot occur elsewhere in an entry's canonical content (the split below checks there is exactly one).
_PLACEHOLDER = 7_777_777_777_777_777_777
_PLACEHOLDER_BYTES = int64(_PLACEHOLDER, "id")

# (canonical content before the id, after the id, the COPY line after the id, sequence and hash)
EncodedEvent = tuple[bytes, bytes, bytes]


def encode_events(specs: list[tuple[Any, ...]]) -> list[EncodedEvent]:
    """Each event's canonical content around its id (herzen.domain.ledger.canonical over
    AuditEvent.content_of, exactly what chain.append hashes) and its COPY line after the chain's columns."""
    return [_encode(spec) for spec in specs]


def _encode(spec: tuple[Any, ...]) -> EncodedEvent:
    values = dict(zip(SPEC_FIELDS, spec, strict=True))
    values["id"] = _PLACEHOLDER
    content = canonical(AuditEvent.content_of(values))  # type: ignore[arg-type]
    before, after = content.split(_PLACEHOLDER_BYTES)  # exactly one place: unpacking fails otherwise
    values["sequence"] = values["entry_hash"] = ""
    rest = AUDIT.line(values).split("\t", 3)[3]
    return before, after, rest.encode()


def chain_lines(head: Head, last_id: int, events: Iterable[EncodedEvent]) -> tuple[bytes, Head, int]:
    """COPY text of `events` appended after `head` (ids after `last_id`): (text, new head, new last id)."""
    sequence, previous, row_id = head.sequence, head.hash, last_id
    lines = []
    for before, after, rest in events:
        sequence += 1
        row_id += 1
        previous = entry_hash(CHAIN, previous, sequence, before + int64(row_id, "id") + after)
        lines.append(b"%d\t%d\t%s\t%s" % (row_id, sequence, previous.hex().encode(), rest))
    return b"".join(lines), Head(sequence, previous), row_id
