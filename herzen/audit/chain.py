"""Appending to and verifying the hash chains of AuditEvent and AccessEvent (the rules are herzen.domain.ledger).

Appends are serialised per chain by locking the chain's `ChainHead` row (SELECT ... FOR UPDATE) inside the
caller's transaction: a second writer waits until the first commits or rolls back, then continues from the
head the first left behind, so the chain never forks and a rolled-back append leaves no gap. SQLite serialises
writers anyway. The lock is held until the caller's transaction ends, which is the price of a single ordered
log. So that it is held briefly, a service that records many events wraps its work in `audit.deferred()`
(herzen/audit/recorder.py): its events are kept and appended here in one call at the end, just before its
transaction commits — one lock, one bulk insert, one move of the head — and nested services no longer take
the lock one after another in the middle of a long transaction. Without it, the first event takes the lock.

Verification on PostgreSQL first streams the raw rows and hashes them (herzen.audit.streaming); the reference
verifier below then continues from the last entry that path knows good — over nothing when the chain is
intact, or from just before the first bad entry, to say precisely what is wrong with it.
"""

from collections.abc import Iterator, Sequence
from typing import TypeVar

from django.db import transaction

from herzen.audit import streaming
from herzen.audit.models import CHAINED_MODELS, ChainedEvent, ChainHead
from herzen.domain.ledger import GENESIS, ChainVerifier, Head, StoredEntry, extend

E = TypeVar("E", bound=ChainedEvent)

VERIFY_BATCH = 2000
EMPTY_HEAD = {"sequence": 0, "head_hash": GENESIS.hex(), "last_id": 0}


def chain_names() -> list[str]:
    return list(CHAINED_MODELS)


def _locked_head(chain: str) -> ChainHead:
    heads = ChainHead.objects.select_for_update()
    try:
        return heads.get(name=chain)
    except ChainHead.DoesNotExist:
        # The first append on a fresh database; get_or_create survives a concurrent first append.
        ChainHead.objects.get_or_create(name=chain, defaults=EMPTY_HEAD)
        return heads.get(name=chain)


def append(events: Sequence[E]) -> list[E]:
    """Give unsaved events of one model their ids, sequence numbers and hashes, and insert them.

    Must run inside a transaction (the caller's), which holds the chain's lock until it ends.
    """
    if not events:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("chain.append must run inside a transaction")
    model = type(events[0])
    head_row = _locked_head(model.chain_name)
    # Under the lock, so no other appender can take the same ids.
    next_id = head_row.last_id + 1
    for offset, event in enumerate(events):
        event.id = next_id + offset
    head = Head(head_row.sequence, bytes.fromhex(head_row.head_hash))
    links = extend(model.chain_name, head, (event.chain_content() for event in events))  # type: ignore[misc]
    for event, link in zip(events, links, strict=True):
        event.sequence = link.sequence
        event.entry_hash = link.hash.hex()
    model.objects.bulk_create(events)
    last = events[-1]
    ChainHead.objects.filter(name=model.chain_name).update(
        sequence=last.sequence, head_hash=last.entry_hash, last_id=last.id
    )
    return list(events)


def stored_entries(
    model: type[ChainedEvent], after: int = 0, batch: int = VERIFY_BATCH
) -> Iterator[list[StoredEntry]]:
    """The chain's rows in sequence order, in batches, read by keyset (constant memory, one index scan)."""
    fields = model.CHAINED_FIELDS
    rows = model._base_manager.order_by("sequence").values_list("sequence", "entry_hash", *fields)
    last = after
    while True:
        page = list(rows.filter(sequence__gt=last)[:batch])
        if not page:
            return
        yield [
            StoredEntry(
                key=str(row[2]),  # the id, the first chained field
                sequence=row[0],
                hash=_hash_bytes(row[1]),
                content=model.content_of(dict(zip(fields, row[2:], strict=True))),  # type: ignore[arg-type]
            )
            for row in page
        ]
        last = page[-1][0]


def _hash_bytes(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""  # an edited hash that is not even hex: it will not match


def verify_chain(
    chain: str, start: Head | None = None, hashes_at: Sequence[int] = (), batch: int = VERIFY_BATCH
) -> ChainVerifier:
    """Recompute one chain from `start` (default: its beginning). Rows that never got a sequence number and
    a head row that disagrees with the last entry are reported too. The reference verifier reads (through the
    ORM) only what the streaming path could not vouch for."""
    model = CHAINED_MODELS[chain]
    verifier = ChainVerifier(chain, start=start, hashes_at=hashes_at)
    try:
        streamed = streaming.verify_stream(model, verifier.head, tuple(hashes_at))
    except streaming.StreamUnavailable:
        pass
    else:
        verifier = ChainVerifier(chain, start=streamed.head, hashes_at=hashes_at)
        verifier.entries = streamed.entries
        verifier.hashes.update(streamed.hashes)
    for entries in stored_entries(model, after=verifier.head.sequence, batch=batch):
        if not verifier.feed(entries):
            return verifier
    unsequenced = (
        model._base_manager.filter(sequence__isnull=True).order_by("id").values_list("id", flat=True).first()
    )
    if unsequenced is not None:
        verifier.feed([StoredEntry(key=str(unsequenced), sequence=None, hash=b"", content={})])
        return verifier
    head_row = ChainHead.objects.filter(name=chain).first()
    if head_row is not None and head_row.sequence > verifier.head.sequence:
        verifier.fail(
            verifier.head.sequence + 1,
            None,
            f"the chain head records #{head_row.sequence} but the log ends at #{verifier.head.sequence}: "
            "entries were removed from the end",
        )
    return verifier


def current_head(chain: str) -> Head:
    row = ChainHead.objects.filter(name=chain).first()
    return Head(row.sequence, bytes.fromhex(row.head_hash)) if row else Head.empty()
