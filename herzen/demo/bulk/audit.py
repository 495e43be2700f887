"""Audit events of a bulk load, split so the sequential part is cheap.

Worker processes turn each event into bytes: its canonical content (herzen.domain.ledger.canonical) cut
around the row id, and the rest of its COPY line. Only the id, the sequence number and the hash chain depend
on the events before it, so the main process, which writes chunks in order, only splices in the id and
computes `entry_hash` over the previous hash and those bytes.
"""

import json.encoder
from collections.abc import Iterable
from datetime import UTC
from functools import lru_cache
from typing import Any

from herzen.audit.models import AuditEvent, canonical_value
from herzen.domain.ledger import Head, canonical, entry_hash

from .tables import NULL, Table, plain_text, text

_json_text = json.encoder.encode_basestring  # what JSONEncoder(ensure_ascii=False) uses for a string
_json_ascii_text = json.encoder.encode_basestring_ascii  # json.dumps's default

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
# Stands in for the id until the main process knows it; far above any id or user id a load makes.
_PLACEHOLDER = 7_777_777_777_777_777_777
_PLACEHOLDER_TEXT = str(_PLACEHOLDER).encode()

# (canonical content before the id, after the id, the COPY line after the id, sequence and hash)
EncodedEvent = tuple[bytes, bytes, bytes]


def encode_events(specs: list[tuple[Any, ...]]) -> list[EncodedEvent]:
    """Each event's canonical content around its id and its COPY line after the chain's columns.

    Written out directly (the generic path costs more than building the rows): every 50th event is also
    encoded the generic way, with `canonical` and the AuditEvent table's COPY line, and must come out the
    same, so a change in the ledger's canonical form or in the audit table stops a load at once."""
    encoded = []
    for number, spec in enumerate(specs):
        occurred, actor, organisation, action, target_type, target_id, parent_type, parent_id, changed = spec
        occurred_text = occurred.isoformat()
        if occurred.tzinfo is UTC and len(occurred_text) == 32:  # "...HH:MM:SS.ffffff+00:00"
            occurred_canonical = f'"{occurred_text[:26]}Z"'
        else:
            occurred_canonical = _json(canonical_value(occurred))
        changed_json, changed_copy = _changed_fields(tuple(changed))
        before = (
            f'{{"action":{_json(action)},"actor_user_id":{_json(actor)},"changed_fields":{changed_json},"id":'
        )
        after = (
            f',"occurred_at":{occurred_canonical},"organisation_id":{_json(organisation)},'
            f'"parent_id":{_json(parent_id)},"parent_type":{_json(parent_type)},'
            f'"target_id":{_json(target_id)},"target_type":{_json(target_type)}}}'
        )
        rest = (
            f"{occurred_text}\t{_id_text(actor)}\t{_id_text(organisation)}\t{plain_text(action)}\t"
            f"{plain_text(target_type)}\t{plain_text(target_id)}\t{plain_text(parent_type)}\t"
            f"{plain_text(parent_id)}\t{changed_copy}\n"
        )
        event = (before.encode(), after.encode(), rest.encode())
        if number % 50 == 0 and event != _encode_generically(spec):
            raise RuntimeError(f"the bulk audit encoding no longer matches the ledger's: {spec!r}")
        encoded.append(event)
    return encoded


@lru_cache(maxsize=1024)
def _changed_fields(changed: tuple[str, ...]) -> tuple[str, str]:
    """The changed fields in the chained content and in the COPY line (json.dumps of the JSONField)."""
    return (
        "[" + ",".join(map(_json_text, changed)) + "]",
        text("[" + ", ".join(map(_json_ascii_text, changed)) + "]"),
    )


def _json(value: Any) -> str:
    # canonical_value, then JSON as herzen.domain.ledger.canonical writes it (ensure_ascii=False).
    if value is None:
        return "null"
    if value.__class__ is str:
        return _json_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _json_text(str(canonical_value(value)))  # UUIDs


def _id_text(value: Any) -> str:
    return NULL if value is None else text(str(value))


def _encode_generically(spec: tuple[Any, ...]) -> EncodedEvent:
    values = dict(zip(SPEC_FIELDS, spec, strict=True))
    values["id"] = _PLACEHOLDER
    content = canonical({name: canonical_value(values[name]) for name in AuditEvent.CHAINED_FIELDS})
    before, after = content.split(_PLACEHOLDER_TEXT)  # exactly one place: unpacking fails otherwise
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
        text_id = b"%d" % row_id
        previous = entry_hash(CHAIN, previous, sequence, before + text_id + after)
        lines.append(b"%s\t%d\t%s\t%s" % (text_id, sequence, previous.hex().encode(), rest))
    return b"".join(lines), Head(sequence, previous), row_id
