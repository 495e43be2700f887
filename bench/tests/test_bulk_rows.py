"""The bulk loader's audit rows are hashed exactly as chain.append hashes them, and its ids are UUID4s."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

from bench.bulk.audit import SPEC_FIELDS, chain_lines, encode_events
from bench.bulk.ids import new_id
from herzen.audit.models import AuditEvent
from herzen.domain.ledger import Head, extend

MOSCOW = timezone(timedelta(hours=3))
SPECS = [
    (
        datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        7,
        new_id(),  # organisations are named by uuids
        "person.create",
        "people.person",
        new_id(),
        "",
        "",
        ["surname", "given_name"],
    ),
    (
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        None,
        None,
        "stay.record",
        "people.stay",
        str(uuid.uuid4()),
        "people.person",
        new_id(),
        [],
    ),
    (
        datetime(2026, 1, 2, 6, 4, 5, 1, tzinfo=MOSCOW),
        1,
        uuid.uuid4(),
        "case.note_add",
        "cases.casenote",
        uuid.uuid4(),
        "cases.case",
        uuid.uuid4(),
        ["body"],
    ),
    (
        datetime(2026, 1, 2, 3, 4, 5, 10, tzinfo=UTC),
        12,
        str(uuid.UUID(int=4)),
        'odd "action"\\\t',
        "t\nx",
        "ид\r",
        "Щ",
        "1",
        ["ä\t"],
    ),
]


def content_with_id(spec, row_id):
    """What chain.append hashes for the event: AuditEvent.content_of its field values."""
    return AuditEvent.content_of({**dict(zip(SPEC_FIELDS, spec, strict=True)), "id": row_id})


def test_the_chain_over_encoded_events_is_the_one_chain_append_would_write():
    head = Head(41, bytes(range(32)))
    text, new_head, last_id = chain_lines(head, 100, encode_events(SPECS))
    lines = text.decode().splitlines()
    assert (len(lines), new_head.sequence, last_id) == (len(SPECS), 45, 104)
    expected = list(extend("audit", head, (content_with_id(spec, 101 + n) for n, spec in enumerate(SPECS))))
    for line, link, row_id in zip(lines, expected, range(101, 105), strict=True):
        stored_id, sequence, hashed = line.split("\t")[:3]
        assert (int(stored_id), int(sequence), hashed) == (row_id, link.sequence, link.hash.hex())
    assert new_head.hash == expected[-1].hash


def test_a_different_id_gives_a_different_hash():
    one = chain_lines(Head.empty(), 0, encode_events(SPECS[:1]))[1]
    other = chain_lines(Head.empty(), 1, encode_events(SPECS[:1]))[1]
    assert one.hash != other.hash


def test_new_ids_are_random_uuid4_text():
    ids = {new_id() for _ in range(10_000)}
    assert len(ids) == 10_000
    for made in list(ids)[:100]:
        parsed = uuid.UUID(made)
        assert (str(parsed), parsed.version, parsed.variant) == (made, 4, uuid.RFC_4122)
