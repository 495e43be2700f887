"""The bulk loader's fast row and audit encodings equal the generic ones they stand in for."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

from herzen.demo.bulk.audit import _encode_generically, chain_lines, encode_events
from herzen.demo.bulk.ids import new_id
from herzen.domain.ledger import Head, canonical, entry_hash

MOSCOW = timezone(timedelta(hours=3))
SPECS = [
    (
        datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        7,
        3,
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
        2,
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
        4,
        'odd "action"\\\t',
        "t\nx",
        "ид\r",
        "Щ",
        "1",
        ["ä\t"],
    ),
]


def test_events_are_encoded_as_the_generic_path_encodes_them():
    for number, spec in enumerate(SPECS):
        # encode_events checks every 50th event itself: check each one here, whatever its position.
        assert encode_events([spec]) == [_encode_generically(spec)], number


def test_the_chain_over_encoded_events_is_the_ledgers_chain():
    head = Head(41, bytes(range(32)))
    text, new_head, last_id = chain_lines(head, 100, encode_events(SPECS))
    lines = text.decode().splitlines()
    assert (len(lines), new_head.sequence, last_id) == (len(SPECS), 45, 104)
    previous = head.hash
    for offset, line in enumerate(lines, start=1):
        row_id, sequence, hashed = line.split("\t")[:3]
        before, after, _ = encode_events([SPECS[offset - 1]])[0]
        content = before + row_id.encode() + after
        assert b'"id":' + str(100 + offset).encode() + b"," in content
        previous = entry_hash("audit", previous, 41 + offset, content)
        assert (int(row_id), int(sequence), hashed) == (100 + offset, 41 + offset, previous.hex())
    assert new_head.hash == previous
    assert canonical({"id": 5, "a": "x"}) == b'{"a":"x","id":5}'  # the splice relies on sorted keys


def test_new_ids_are_random_uuid4_text():
    ids = {new_id() for _ in range(10_000)}
    assert len(ids) == 10_000
    for made in list(ids)[:100]:
        parsed = uuid.UUID(made)
        assert (str(parsed), parsed.version, parsed.variant) == (made, 4, uuid.RFC_4122)
