"""A hash chain over log entries: each entry's hash covers its sequence number, its content and the previous hash.

Why a chain and not an RFC 9162 Merkle tree: Herzen verifies the whole log itself (`herzen audit verify`) and
hands witnesses signed checkpoints, which a chain supports with one hash per entry and a linear scan. A Merkle
tree would add inclusion and consistency proofs of O(log n) size; nobody asks for those yet, and checkpoints
over a chain already make edits, deletions, reordering and tail truncation detectable.

Each hash is SHA-256 over a domain-separation tag and the chain's name (`prefix`), the canonical content
(herzen.domain.ledger.encoding: a header of field names, then the values), the sequence number (8 bytes,
big-endian) and the previous hash (32 bytes). The prefix ends with a terminator,
the content parses unambiguously and the last two parts have fixed sizes, so no two different entries hash the
same bytes. The order puts what is the same for every entry of a table (prefix and header) first and the stored
row's own bytes next, so a verifier can start each hash from a precomputed state (herzen.domain.ledger.records).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from herzen.domain.ledger.encoding import Content, canonical, int64

HASH_SIZE = 32
GENESIS = bytes(HASH_SIZE)  # the "previous hash" of the first entry
FIRST_SEQUENCE = 1
_TAG = b"herzen.log.v3\x00"  # encoding v3 (docs/audit-log-encoding.md)
_CHAIN_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")


def check_chain_name(chain: str) -> bytes:
    if not _CHAIN_NAME.fullmatch(chain):
        raise ValueError(f"invalid chain name {chain!r}")
    return chain.encode("ascii")


def prefix(chain: str) -> bytes:
    """What every hash of `chain` starts with: the tag and the chain's name, terminated."""
    return _TAG + check_chain_name(chain) + b"\x00"


def sequence_field(sequence: int) -> bytes:
    """The sequence number as 8 bytes, big-endian (encoding v3: fixed width, no length)."""
    if not 0 < sequence < 2**63:
        raise ValueError("sequence numbers start at 1")
    return int64(sequence, "sequence")


def entry_hash(chain: str, previous: bytes, sequence: int, content: bytes) -> bytes:
    """The hash of entry `sequence` of `chain`, given the previous entry's hash and its canonical content."""
    if len(previous) != HASH_SIZE:
        raise ValueError("the previous hash must be 32 bytes")
    return hashlib.sha256(prefix(chain) + content + sequence_field(sequence) + previous).digest()


@dataclass(frozen=True)
class Head:
    """The end of a chain: the last sequence number (0 when empty) and its hash (GENESIS when empty)."""

    sequence: int
    hash: bytes

    @classmethod
    def empty(cls) -> Head:
        return cls(0, GENESIS)


@dataclass(frozen=True)
class Link:
    sequence: int
    hash: bytes


def extend(chain: str, head: Head, contents: Iterable[Content]) -> Iterator[Link]:
    """Sequence numbers and hashes for new entries appended after `head`, in order."""
    sequence, previous = head.sequence, head.hash
    for content in contents:
        sequence += 1
        previous = entry_hash(chain, previous, sequence, canonical(content))
        yield Link(sequence, previous)


@dataclass(frozen=True)
class StoredEntry:
    """An entry as read back from storage: `key` identifies the row in reports (its database id)."""

    key: str
    sequence: int | None
    hash: bytes
    content: Content


@dataclass(frozen=True)
class Problem:
    """The first thing wrong with a chain: which entry (sequence and row key) and why."""

    sequence: int | None
    key: str | None
    reason: str

    def __str__(self) -> str:
        where = f"entry #{self.sequence}" if self.sequence is not None else "the chain"
        if self.key is not None:
            where += f" (id {self.key})"
        return f"{where}: {self.reason}"


class ChainVerifier:
    """Recomputes a chain entry by entry, in sequence order, and keeps the first problem it finds.

    Entries are fed in batches (`feed`), so a log of any length is verified in constant memory. Start from
    `Head.empty()` to verify everything, or from a trusted head (a verified checkpoint) to verify only what
    came after it. `hashes_at` asks the verifier to remember the recomputed hash at given sequence numbers,
    so checkpoints can be compared afterwards.
    """

    def __init__(self, chain: str, start: Head | None = None, hashes_at: Iterable[int] = ()) -> None:
        check_chain_name(chain)
        self.chain = chain
        self.head = start or Head.empty()
        self.problem: Problem | None = None
        self.entries = 0
        self._wanted = set(hashes_at)
        self.hashes: dict[int, bytes] = {s: self.head.hash for s in self._wanted if s == self.head.sequence}

    def feed(self, entries: Iterable[StoredEntry]) -> bool:
        """Check the next entries; False once a problem has been found (later entries are then ignored)."""
        if self.problem is not None:
            return False
        for entry in entries:
            self.entries += 1
            expected = self.head.sequence + 1
            if entry.sequence is None:
                return self.fail(None, entry.key, "has no sequence number: it was not appended to the chain")
            if entry.sequence < expected:
                return self.fail(
                    entry.sequence, entry.key, f"sequence number repeats or goes back (expected #{expected})"
                )
            if entry.sequence > expected:
                missing = (
                    f"#{expected}" if entry.sequence == expected + 1 else f"#{expected}–#{entry.sequence - 1}"
                )
                return self.fail(entry.sequence, entry.key, f"entries {missing} are missing before this one")
            try:
                recomputed = entry_hash(self.chain, self.head.hash, entry.sequence, canonical(entry.content))
            except (TypeError, ValueError) as error:
                return self.fail(entry.sequence, entry.key, f"content cannot be serialised: {error}")
            if recomputed != entry.hash:
                return self.fail(
                    entry.sequence,
                    entry.key,
                    "hash does not match its content and the previous entry (edited, reordered or inserted)",
                )
            self.head = Head(entry.sequence, recomputed)
            if entry.sequence in self._wanted:
                self.hashes[entry.sequence] = recomputed
        return True

    def fail(self, sequence: int | None, key: str | None, reason: str) -> bool:
        self.problem = Problem(sequence, key, reason)
        return False
