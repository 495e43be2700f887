from datetime import UTC, datetime, timedelta
from typing import Any

from herzen.domain.ledger import ChainVerifier, Head, RecordVerifier, StoredEntry, encode, extend, row

CHAIN = "audit"


def contents(n: int) -> list[dict[str, Any]]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        {
            "id": 100 + i,
            "at": start + timedelta(seconds=i, microseconds=i * 7),
            "who": None if i % 3 else str(i),
            "action": "person.update",
            "fields": ["a", "b"][: i % 3],
        }
        for i in range(n)
    ]


def rows(n: int) -> tuple[list[bytes], list[StoredEntry]]:
    items = contents(n)
    layout = encode(items[0])[0]
    links = list(extend(CHAIN, Head.empty(), items))
    data = [row(layout, item, link.sequence, link.hash) for item, link in zip(items, links, strict=True)]
    stored = [
        StoredEntry(key=str(item["id"]), sequence=link.sequence, hash=link.hash, content=item)
        for item, link in zip(items, links, strict=True)
    ]
    return data, stored


LAYOUT = encode(contents(1)[0])[0]


def feed(verifier: RecordVerifier, data: list[bytes], batch: int = 7) -> RecordVerifier:
    for start in range(0, len(data), batch):
        if not verifier.feed([memoryview(d) for d in data[start : start + batch]]):
            break
    return verifier


def test_intact_rows_verify_to_the_same_head_and_checkpoint_hashes_as_the_reference() -> None:
    data, stored = rows(40)
    fast = feed(RecordVerifier(CHAIN, LAYOUT, hashes_at=[0, 5, 40]), data)
    reference = ChainVerifier(CHAIN, hashes_at=[0, 5, 40])
    reference.feed(stored)
    assert not fast.failed
    assert reference.problem is None
    assert (fast.head, fast.entries, fast.hashes) == (reference.head, reference.entries, reference.hashes)


def test_verification_can_start_from_a_trusted_head() -> None:
    data, stored = rows(20)
    fast = feed(RecordVerifier(CHAIN, LAYOUT, start=Head(10, stored[9].hash)), data[10:])
    assert not fast.failed
    assert fast.head == Head(20, stored[19].hash)


def test_an_edited_row_stops_verification_just_before_it() -> None:
    data, stored = rows(30)
    edited = data[12].replace(b"person.update", b"person.delete")
    data[12] = edited
    fast = feed(RecordVerifier(CHAIN, LAYOUT), data)
    assert fast.failed
    assert fast.head == Head(12, stored[11].hash)  # entries 1–12 are known good; #13 goes to ChainVerifier


def test_a_row_from_another_chain_fails() -> None:
    data, _ = rows(3)
    assert feed(RecordVerifier("access", LAYOUT), data).failed


def test_a_gap_in_sequence_numbers_fails_the_batch_even_with_rewritten_hashes() -> None:
    items = contents(10)
    links = list(extend(CHAIN, Head.empty(), items))
    # Someone deleted #5 and renumbered nothing, but rewrote every later hash so that each link matches.
    data = [row(LAYOUT, item, link.sequence, link.hash) for item, link in zip(items[:4], links, strict=False)]
    previous = links[3].hash
    for item, sequence in zip(items[5:], range(6, 11), strict=True):
        forged = next(extend(CHAIN, Head(sequence - 1, previous), [item])).hash
        data.append(row(LAYOUT, item, sequence, forged))
        previous = forged
    fast = feed(RecordVerifier(CHAIN, LAYOUT), data, batch=4)
    assert fast.failed
    assert fast.head == Head(4, links[3].hash)  # the last batch that ran on without a gap


def test_an_empty_stream_leaves_the_start() -> None:
    fast = feed(RecordVerifier(CHAIN, LAYOUT, start=Head(3, b"\x01" * 32)), [])
    assert not fast.failed
    assert fast.head == Head(3, b"\x01" * 32)


def test_wanted_hashes_and_commits_inside_one_long_feed(monkeypatch: Any) -> None:
    from herzen.domain.ledger import records

    monkeypatch.setattr(records, "COMMIT_EVERY", 8)
    data, stored = rows(40)
    data[13] = data[13].replace(b"person.update", b"person.delete")  # entry #14
    fast = RecordVerifier(CHAIN, LAYOUT, hashes_at=[5, 13, 16])
    assert not fast.feed(data)
    # #13 is a wanted hash, not a commit point: the head still reaches it, and nothing past it is kept.
    assert fast.head == Head(13, stored[12].hash)
    assert fast.hashes == {5: stored[4].hash, 13: stored[12].hash}
    assert fast.entries == 13


def test_a_gap_found_at_a_commit_inside_one_long_feed(monkeypatch: Any) -> None:
    from herzen.domain.ledger import records

    monkeypatch.setattr(records, "COMMIT_EVERY", 8)
    items = contents(20)
    links = list(extend(CHAIN, Head.empty(), items))
    data = [
        row(LAYOUT, item, link.sequence, link.hash) for item, link in zip(items[:10], links, strict=False)
    ]
    previous = links[9].hash
    for item, sequence in zip(items[11:], range(12, 21), strict=True):  # #11 deleted, later hashes rewritten
        forged = next(extend(CHAIN, Head(sequence - 1, previous), [item])).hash
        data.append(row(LAYOUT, item, sequence, forged))
        previous = forged
    fast = RecordVerifier(CHAIN, LAYOUT)
    assert not fast.feed(data)
    assert fast.head == Head(8, links[7].hash)  # the last commit before the gap
