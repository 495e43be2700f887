"""Verifying a chain from its stored rows as raw bytes, with one SHA-256 per entry and almost nothing else.

A row here is what PostgreSQL's binary COPY sends for `SELECT <content in encoding v3> || <sequence as 8
bytes>, <stored hash as 32 bytes>` (herzen.audit.streaming): a 2-byte field count, the first column as a
4-byte length and the bytes, then the hash the same way. The binary COPY framing is only the transport: the
bytes of the first column are exactly the entry's content values (herzen.domain.ledger.encoding) followed by
its sequence number, the part of the entry's hash that changes from entry to entry. Each hash is then a copy
of one precomputed SHA-256 state (the chain's prefix and the table's header) updated with that column and the
previous hash.

This verifier only decides that a run of rows is intact. When a row does not match, it stops before that
row: `ChainVerifier`, fed the stored entries from there, says precisely what is wrong (and remains the
reference definition — if it finds nothing wrong, the row was fine).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from itertools import islice

from herzen.domain.ledger.chain import HASH_SIZE, Head, prefix, sequence_field
from herzen.domain.ledger.encoding import Content, Layout, encode, header, u32

FIELD_COUNT_SIZE = 2
HASHED_START = FIELD_COUNT_SIZE + 4  # the field count and the first column's length
HASH_FIELD_SIZE = 4 + HASH_SIZE
SEQUENCE_SIZE = 8


def row(layout: Layout, content: Content, sequence: int, stored_hash: bytes) -> bytes:
    """The row PostgreSQL sends for this entry (for tests, and to document the format)."""
    content_layout, values = encode(content)
    if content_layout != layout:
        raise ValueError(f"the content's layout {content_layout} is not the table's {layout}")
    hashed = values + sequence_field(sequence)
    return (
        (2).to_bytes(FIELD_COUNT_SIZE, "big")
        + u32(len(hashed))
        + hashed
        + u32(len(stored_hash))
        + stored_hash
    )


def row_sequence(data: bytes | memoryview) -> int:
    start = len(data) - HASH_FIELD_SIZE - SEQUENCE_SIZE
    return int.from_bytes(data[start : start + SEQUENCE_SIZE], "big", signed=True)


# How often (in rows) the verifier checks that sequence numbers ran on and moves its known-good head: often
# enough that a failure leaves little to re-read, rarely enough to cost nothing per row.
COMMIT_EVERY = 1 << 14


class RecordVerifier:
    """Checks rows in sequence order from `start` (`feed` takes any iterable, e.g. a stream, and may be
    called again with more), keeping the recomputed hashes at the sequence numbers in `hashes_at`.

    `head` only ever advances over rows that are verified: their hashes match, and their sequence numbers
    run on without a gap — checked every COMMIT_EVERY rows and at the end of each feed on the last row (the
    column is unique, so it is strictly increasing). After a failure, `head` is the last entry known good
    and `failed` is True.
    """

    def __init__(
        self, chain: str, layout: Layout, start: Head | None = None, hashes_at: Iterable[int] = ()
    ) -> None:
        self.head = start or Head.empty()
        self.entries = 0
        self.failed = False
        self.hashes: dict[int, bytes] = {}
        self._start = self.head.sequence
        wanted = set(hashes_at)
        self._wanted = {sequence - self._start for sequence in wanted if sequence > self._start}
        if self.head.sequence in wanted:
            self.hashes[self.head.sequence] = self.head.hash
        self._state = hashlib.sha256(prefix(chain) + header(layout))

    def feed(self, rows: Iterable[bytes | memoryview]) -> bool:
        """Check the next rows; False once a row fails (later rows are then ignored)."""
        if self.failed:
            return False
        fresh = self._state.copy
        previous = self.head.hash
        counted = self.entries
        found: dict[int, bytes] = {}
        remaining = iter(rows)
        last: bytes | memoryview | None = None
        while True:
            # The rows up to the next place where something besides hashing is done (a wanted hash is kept,
            # the head is committed) go through an inner loop that does nothing else: per row, any
            # bookkeeping costs a sizeable part of what hashing does.
            stop = self._next_stop(counted)
            checked = 0
            for checked, data in enumerate(islice(remaining, stop - counted), 1):
                digest = fresh()
                digest.update(data[HASHED_START:-HASH_FIELD_SIZE])
                digest.update(previous)
                computed = digest.digest()
                if data[-HASH_SIZE:] != computed:
                    self.failed = True
                    checked -= 1
                    break
                previous = computed
                last = data
            counted += checked
            ended = self.failed or counted < stop
            if counted in self._wanted:
                found[self._start + counted] = previous
            due = ended or not counted % COMMIT_EVERY
            if (
                due
                and last is not None
                and counted > self.entries
                and not self._commit(last, counted, previous, found)
            ):
                return False
            if ended:
                return not self.failed

    def _next_stop(self, counted: int) -> int:
        """The count at which the next wanted hash is kept or the next commit is due."""
        stop = (counted // COMMIT_EVERY + 1) * COMMIT_EVERY
        return min((wanted for wanted in self._wanted if counted < wanted < stop), default=stop)

    def _commit(
        self, last: bytes | memoryview, counted: int, previous: bytes, found: dict[int, bytes]
    ) -> bool:
        """Move the known-good head to the last verified row, if the sequence numbers ran on up to it."""
        if row_sequence(last) != self._start + counted:
            self.failed = True  # a gap since the last commit: ChainVerifier finds it from the head
            return False
        self.head = Head(self._start + counted, previous)
        self.entries = counted
        self.hashes.update(found)
        found.clear()
        return True
