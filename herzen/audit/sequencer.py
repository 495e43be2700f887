"""The sequencer: gives each committed audit and access event its place in its chain and its hash, then signs
and witnesses a checkpoint of both chains. One process (`herzen sequencer`; `herzen demo` runs one beside the
server), in the design of Certificate Transparency and Trillian: services only insert, the sequencer orders.

Commit order. Each pass takes, in one transaction, the events it can see that have no place yet — committed
ones only, since it reads committed data — in insertion-id order, and numbers them after the chain's head.
An event whose transaction commits later (even one with a smaller id) is not skipped: the next pass finds it,
because a pass selects "unsequenced", never "ids after the last one". So the chain's order is the order in
which events became visible, i.e. commit order to within one pass, and no committed event is lost or left
with a gap: a pass that is killed (kill -9) rolls back whole, and the next pass redoes it. Two sequencers
never interleave: a pass locks the chain's ChainHead row, which nothing else locks.

Authentication. Before placing an event the sequencer checks its MAC (herzen.domain.ledger.authentication).
An event that fails is refused loudly: logged as an error, left unsequenced, and listed in ChainHead.refused,
which makes `herzen audit status` and /health/ fail. A forged row can thus never be chained and signed.

Waking. On PostgreSQL a trigger on the event tables NOTIFYs `herzen_audit` when events are inserted, and the
sequencer LISTENs; it also polls every `poll` seconds (the only way on SQLite, which has one writer anyway).
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from herzen.audit import checkpointing
from herzen.audit.chain import EMPTY_HEAD, chain_names
from herzen.audit.keys import entry_mac_key
from herzen.audit.models import CHAINED_MODELS, ChainHead
from herzen.domain.ledger import Head, extend
from herzen.domain.ledger.authentication import mac_is_valid

logger = logging.getLogger("herzen.audit.sequencer")
CHANNEL = "herzen_audit"
BATCH = 5000


@dataclass
class PassResult:
    sequenced: dict[str, int] = field(default_factory=dict)
    refused: dict[str, list[int]] = field(default_factory=dict)
    signed: dict[str, Path] = field(default_factory=dict)
    signing_refused: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.sequenced.values())


def _locked_head(chain: str) -> ChainHead:
    heads = ChainHead.objects.select_for_update()
    try:
        return heads.get(name=chain)
    except ChainHead.DoesNotExist:
        # A first pass, or a database whose head row was lost: continue after the last placed event (what the
        # rows claim is checked against the latest checkpoint before anything is signed).
        last = (
            CHAINED_MODELS[chain]
            ._base_manager.filter(sequence__isnull=False)
            .order_by("-sequence")
            .values("sequence", "entry_hash", "id")
            .first()
        )
        start = (
            {"sequence": last["sequence"], "head_hash": last["entry_hash"], "last_id": last["id"]}
            if last
            else EMPTY_HEAD
        )
        ChainHead.objects.get_or_create(name=chain, defaults=start)
        return heads.get(name=chain)


def sequence_batch(chain: str, limit: int = BATCH) -> tuple[int, list[int]]:
    """Place up to `limit` unsequenced events of `chain`; returns (how many placed, ids newly refused)."""
    model = CHAINED_MODELS[chain]
    fields = model.CHAINED_FIELDS
    key = entry_mac_key()
    with transaction.atomic():
        head_row = _locked_head(chain)
        known_refused = set(head_row.refused)
        queue = model._base_manager.filter(sequence__isnull=True).order_by("id")
        if known_refused:
            queue = queue.exclude(id__in=known_refused)
        rows = list(queue.values_list("mac", *fields)[:limit])
        if not rows:
            return 0, []
        accepted: list[tuple[int, dict[str, object]]] = []
        refused: list[int] = []
        for row in rows:
            content = model.content_of(dict(zip(fields, row[1:], strict=True)))
            if mac_is_valid(key, chain, content, row[0]):
                accepted.append((int(row[1]), content))
            else:
                refused.append(int(row[1]))
        for event_id in refused:
            logger.error(
                "REFUSED %s event id %s: its MAC does not authenticate it (forged, or altered after it was "
                "written). It stays unsequenced; status and health fail until an operator investigates.",
                chain,
                event_id,
            )
        head = Head(head_row.sequence, bytes.fromhex(head_row.head_hash))
        links = list(extend(chain, head, (content for _id, content in accepted)))
        _store_places(
            model,
            [
                (event_id, link.sequence, link.hash.hex())
                for (event_id, _), link in zip(accepted, links, strict=True)
            ],
        )
        if links:
            head_row.sequence, head_row.head_hash = links[-1].sequence, links[-1].hash.hex()
            head_row.last_id = max(head_row.last_id, max(event_id for event_id, _ in accepted))
        head_row.refused = sorted(known_refused | set(refused))
        head_row.sequenced_at = timezone.now()
        head_row.save()
    return len(links), refused


def _store_places(model: type, places: list[tuple[int, int, str]]) -> None:
    if not places:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS t SET sequence = v.s, entry_hash = v.h "  # noqa: S608 - a model's table
                "FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::bigint[]) AS s, unnest(%s::text[]) AS h) v "
                "WHERE t.id = v.id",
                [[p[0] for p in places], [p[1] for p in places], [p[2] for p in places]],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET sequence = %s, entry_hash = %s WHERE id = %s",  # noqa: S608
                [(sequence, digest, event_id) for event_id, sequence, digest in places],
            )


def run_pass(directory: Path | None = None, now: Callable[[], datetime] = timezone.now) -> PassResult:
    """Sequence everything waiting in both chains, then sign (and have witnessed) a checkpoint of each chain
    that moved — or whose witnesses are behind. A chain whose log does not extend its latest checkpoint is
    not signed: logged loudly as CRITICAL, and reported in the result."""
    directory = directory or Path(settings.HERZEN_AUDIT_CHECKPOINT_DIR)
    result = PassResult()
    for chain in chain_names():
        placed = 0
        while True:
            count, refused = sequence_batch(chain)
            placed += count
            if refused:
                result.refused.setdefault(chain, []).extend(refused)
            if count + len(refused) < BATCH:
                break
        result.sequenced[chain] = placed
    for chain in chain_names():
        try:
            path = checkpointing.write_checkpoint(chain, directory, now())
        except checkpointing.ChainBroken as broken:
            logger.critical("REFUSING TO SIGN the %s chain: %s", chain, broken.problem)
            result.signing_refused[chain] = str(broken.problem)
            continue
        if path is not None:
            result.signed[chain] = path
    return result


class Waker:
    """Waits for the next NOTIFY on PostgreSQL (or just sleeps, on SQLite), at most `timeout` seconds."""

    def __init__(self) -> None:
        self.listening = False

    def listen(self) -> None:
        if connection.vendor != "postgresql":
            return
        connection.ensure_connection()
        connection.connection.execute(f"LISTEN {CHANNEL}")
        self.listening = True

    def wait(self, timeout: float, stopping: threading.Event) -> None:
        if not self.listening:
            stopping.wait(timeout)
            return
        # Returns at the first notification (several inserts coalesce into one wake-up) or at the timeout.
        for _notice in connection.connection.notifies(timeout=timeout, stop_after=1):
            break


def serve(
    stopping: threading.Event,
    poll: float = 1.0,
    directory: Path | None = None,
    on_pass: Callable[[PassResult], None] | None = None,
) -> None:
    """Run passes until `stopping` is set: at once, then whenever woken or every `poll` seconds."""
    waker = Waker()
    waker.listen()
    while not stopping.is_set():
        try:
            result = run_pass(directory)
        except Exception:
            logger.exception("Sequencer pass failed; retrying")
            connection.close()
            stopping.wait(poll)
            waker = Waker()
            try:
                waker.listen()
            except Exception:
                logger.exception("Cannot listen for notifications; polling")
            continue
        if on_pass is not None:
            on_pass(result)
        if result.total:
            continue  # more may have arrived meanwhile
        waker.wait(poll, stopping)
