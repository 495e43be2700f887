"""Writing events to, and verifying, the hash chains of AuditEvent and AccessEvent (rules: herzen.domain.ledger).

Services insert events unsequenced, each with its MAC, in their own transaction (`insert`): no shared row is
read or locked, so writers of different organisations never wait for each other. The sequencer
(herzen.audit.sequencer) later gives them their places and hashes in the order they became visible to it.

Verification on PostgreSQL first streams the raw rows and hashes them (herzen.audit.streaming); the reference
verifier below then continues from the last entry that path knows good — over nothing when the chain is
intact, or from just before the first bad entry, to say precisely what is wrong with it. Unsequenced events
are not part of the chain yet: `pending` reports them (and verification, those older than the merge delay).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from herzen.audit import streaming
from herzen.audit.keys import entry_mac_key
from herzen.audit.models import CHAINED_MODELS, ChainedEvent, ChainHead
from herzen.domain.ledger import GENESIS, ChainVerifier, Head, StoredEntry
from herzen.domain.ledger.authentication import entry_mac

E = TypeVar("E", bound=ChainedEvent)

VERIFY_BATCH = 2000
EMPTY_HEAD = {"sequence": 0, "head_hash": GENESIS.hex(), "last_id": 0}


def chain_names() -> list[str]:
    return list(CHAINED_MODELS)


def insert(events: Sequence[E]) -> list[E]:
    """Authenticate unsaved events of one model (their MAC) and insert them, unsequenced, in one statement.

    In the caller's transaction if there is one: the events commit or roll back with the change they record.
    """
    if not events:
        return []
    model = type(events[0])
    key = entry_mac_key()
    for event in events:
        event.mac = entry_mac(key, model.chain_name, event.chain_content())
    model.objects.bulk_create(events)
    return list(events)


@dataclass(frozen=True)
class Pending:
    """A chain's unsequenced events: how many, and when the oldest was recorded."""

    count: int
    oldest: datetime | None


def pending(chain: str) -> Pending:
    model = CHAINED_MODELS[chain]
    unsequenced = model._base_manager.filter(sequence__isnull=True)
    oldest = unsequenced.order_by("id").values_list("occurred_at", flat=True).first()
    return Pending(unsequenced.count() if oldest is not None else 0, oldest)


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
    """Recompute one chain's sequenced entries from `start` (default: its beginning). A head row that records
    more than the log holds is reported too. The reference verifier reads (through the ORM) only what the
    streaming path could not vouch for. Unsequenced events are not part of the chain (see `pending`)."""
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
