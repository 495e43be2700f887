"""`herzen audit verify` and `herzen audit status`: what is sequenced, signed and witnessed, and whether the log
still contains everything it signed and the witnesses cosigned.

Verification recomputes each chain and checks it against every trusted checkpoint found, against the newest
checkpoint a configured witness cosigned, and against the head each reachable witness holds now — the
witness's copy survives whatever is done to this server's database and checkpoint files. It also reports the
unsigned tail (entries after the newest signed checkpoint), checks the MAC of each entry in that tail and of
each event not yet sequenced, and fails on events left unsequenced for longer than the merge delay.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from herzen.audit.chain import Pending, pending, verify_chain
from herzen.audit.checkpointing import entries_between, load_stored, unauthenticated
from herzen.audit.keys import entry_mac_key, trusted_public_keys
from herzen.audit.models import CHAINED_MODELS, ChainHead
from herzen.audit.witnessing import WitnessRefused, WitnessUnavailable, configured_witnesses
from herzen.domain.ledger import Head, Problem, check_against_checkpoints, signature_is_valid
from herzen.domain.ledger.authentication import mac_is_valid
from herzen.domain.ledger.witness import cosignature_is_valid


@dataclass(frozen=True)
class ChainReport:
    chain: str
    entries: int
    head: Head
    checkpoints: int
    problem: Problem | None
    signed: int = 0  # the newest trusted checkpoint's size
    witnessed: int = 0  # the newest size a configured witness cosigned or holds
    pending: Pending = field(default_factory=lambda: Pending(0, None))
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def unsigned(self) -> int:
        return max(self.head.sequence - self.signed, 0)


def merge_delay() -> timedelta:
    return timedelta(seconds=float(settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS))


def verify(chain: str, checkpoint_dirs: Iterable[Path], batch: int | None = None) -> ChainReport:
    """Recompute the whole chain and check it against every signed checkpoint and witness found."""
    stored, problem = load_stored(list(checkpoint_dirs), chain)
    checkpoints = [item.checkpoint for item in stored]
    if problem is not None:
        return ChainReport(chain, 0, Head.empty(), len(checkpoints), problem)
    notes: list[str] = []
    witnesses = configured_witnesses()
    held: dict[str, Head] = {}
    for witness in witnesses:
        try:
            held[witness.url] = witness.latest(f"herzen-audit/{chain}")
        except (WitnessUnavailable, WitnessRefused) as error:
            notes.append(f"witness {witness.url} not reachable: {error}")
    wanted = [c.sequence for c in checkpoints] + [head.sequence for head in held.values()]
    options = {"batch": batch} if batch else {}
    verifier = verify_chain(chain, hashes_at=wanted, **options)  # type: ignore[arg-type]
    problem = verifier.problem
    end = verifier.head
    keys = trusted_public_keys()
    if problem is None and checkpoints:
        problem = check_against_checkpoints(checkpoints, keys, end, verifier.hashes)
    witness_keys = {witness.key_id: witness.public_key for witness in witnesses}
    witnessed = 0
    for item in stored:
        for cosignature in item.cosignatures:
            key = witness_keys.get(cosignature.key_id)
            if key is not None and cosignature_is_valid(cosignature, item.checkpoint, key):
                witnessed = max(witnessed, item.checkpoint.sequence)
    for url, head in held.items():
        if problem is None and head.sequence and verifier.hashes.get(head.sequence) != head.hash:
            cut = head.sequence > end.sequence
            problem = Problem(
                min(head.sequence, end.sequence + 1),
                None,
                f"witness {url} holds #{head.sequence}, which the log "
                + (
                    "no longer reaches: entries were removed from the end"
                    if cut
                    else "no longer matches: rewritten"
                ),
            )
        witnessed = max(witnessed, head.sequence)
    signed = max((c.sequence for c in checkpoints if signature_is_valid(c, keys)), default=0)
    if problem is None and end.sequence > signed:
        problem = unauthenticated(entries_between(chain, signed, end.sequence))
    waiting = pending(chain)
    if problem is None:
        problem = _unsequenced_problem(chain, waiting)
    return ChainReport(
        chain, verifier.entries, end, len(checkpoints), problem, signed, witnessed, waiting, notes
    )


def _unsequenced_problem(chain: str, waiting: Pending) -> Problem | None:
    if not waiting.count:
        return None
    model = CHAINED_MODELS[chain]
    fields = model.CHAINED_FIELDS
    key = entry_mac_key()
    rows = model._base_manager.filter(sequence__isnull=True).order_by("id").values_list("mac", *fields)
    for row in rows.iterator(chunk_size=2000):
        content = model.content_of(dict(zip(fields, row[1:], strict=True)))
        if not mac_is_valid(key, chain, content, row[0]):
            return Problem(
                None,
                str(row[1]),
                "an unsequenced event whose MAC does not authenticate it: forged or altered",
            )
    stale = model._base_manager.filter(sequence__isnull=True, occurred_at__lt=timezone.now() - merge_delay())
    late = stale.count()
    if late:
        return Problem(
            None,
            None,
            f"{late} event(s) unsequenced for longer than the merge delay "
            f"({settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS:g} s): is the sequencer running?",
        )
    return None


@dataclass(frozen=True)
class ChainStatus:
    """What `herzen audit status` and /health/ show of one chain, from the database and the checkpoint
    directory only (cheap: no chain is recomputed)."""

    chain: str
    head: int
    pending: Pending
    refused: list[int]
    signed: int
    oldest_unsigned: datetime | None
    sequenced_at: datetime | None

    def backlog_age(self, now: datetime) -> float:
        return (now - self.pending.oldest).total_seconds() if self.pending.oldest else 0.0

    def unsigned_age(self, now: datetime) -> float:
        return (now - self.oldest_unsigned).total_seconds() if self.oldest_unsigned else 0.0

    def healthy(self, now: datetime) -> bool:
        limit = merge_delay().total_seconds()
        return not self.refused and self.backlog_age(now) <= limit and self.unsigned_age(now) <= limit


def status(chain: str, directory: Path | None = None) -> ChainStatus:
    model = CHAINED_MODELS[chain]
    head_row = ChainHead.objects.filter(name=chain).first()
    head = head_row.sequence if head_row else 0
    stored, _problem = load_stored([directory or Path(settings.HERZEN_AUDIT_CHECKPOINT_DIR)], chain)
    signed = max((item.checkpoint.sequence for item in stored), default=0)
    oldest_unsigned = None
    if head > signed:
        oldest_unsigned = (
            model._base_manager.filter(sequence=signed + 1).values_list("occurred_at", flat=True).first()
        )
    return ChainStatus(
        chain=chain,
        head=head,
        pending=pending(chain),
        refused=list(head_row.refused) if head_row else [],
        signed=signed,
        oldest_unsigned=oldest_unsigned,
        sequenced_at=head_row.sequenced_at if head_row else None,
    )
