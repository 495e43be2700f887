"""Loading a national-size synthetic data set with COPY: plans from herzen.demo.planning, rows as the
services would store them (bench.bulk.households), the audit chain extended with herzen.domain.ledger.

The first chunk of households is planned from the seed exactly as `herzen.demo.generator.generate` plans
them; every further chunk from a seed derived from (seed, chunk number), so that two worker processes can plan
and encrypt chunks side by side while this process streams the rows into PostgreSQL and extends the audit
chain in order (ids and sequence numbers contiguous, `ChainHead` updated with every chunk). Workers hand over
bytes: COPY text per table and each audit event's canonical content cut around its id
(bench.bulk.audit), so this process does little more per event than one SHA-256.

Indexes, keys and foreign keys of the loaded tables (but for a few unique keys) are dropped for the load and
made again after it (bench.bulk.schema), also when it stops on an error, Ctrl-C or SIGTERM (not after
SIGKILL: then rerun into a fresh database).
A chunk whose rows clash with stored ones (a random case reference drawn twice) is built again and written.
"""

import gc
import itertools
import math
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from herzen.audit import sequencer
from herzen.audit.models import AuditEvent, ChainHead
from herzen.demo.planning import plan_households
from herzen.demo.plans import HouseholdPlan
from herzen.demo.staffing import DemoStaff, ensure_demo_staff
from herzen.demo.writer import Desk, desks_for
from herzen.domain.ledger import Head
from herzen.people.models import Person

from .audit import AUDIT, EncodedEvent, chain_lines, encode_events
from .batch import Batch, Clock
from .households import HouseholdWriter
from .schema import (
    BIG_TABLES,
    drop_foreign_keys,
    drop_secondary_indexes,
    drop_unique_constraints,
    recreate_indexes,
    restore_foreign_keys,
    restore_unique_constraints,
)

SCALES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
# Persons per household in the planner's output (seed 1917: 2.29); used to size a run by persons.
PERSONS_PER_HOUSEHOLD = 2.29
CHUNK_HOUSEHOLDS = 1000


class LoadRefused(Exception):
    """The target database cannot take a bulk load (not PostgreSQL, or not empty)."""


def persons_for(scale: str) -> int:
    if scale.lower() in SCALES:
        return SCALES[scale.lower()]
    try:
        persons = int(scale.replace("_", ""))
    except ValueError as error:
        raise ValueError(f"--scale must be one of {', '.join(SCALES)} or a number of persons") from error
    if persons < 1:
        raise ValueError("--scale must be at least 1 person")
    return persons


def households_for(persons: int) -> int:
    return max(1, math.ceil(persons / PERSONS_PER_HOUSEHOLD))


def refuse_unless_loadable() -> None:
    if connection.vendor != "postgresql":
        raise LoadRefused(
            "loadscale writes with PostgreSQL's COPY: point DATABASE_URL at a PostgreSQL database "
            f"(this one is {connection.vendor})."
        )
    if Person.objects.exists():
        raise LoadRefused(
            f"The database {connection.settings_dict['NAME']!r} already holds persons: loadscale only loads "
            "into a migrated database without any (create a fresh one and run `herzen migrate`)."
        )


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished workers, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


@dataclass
class Report:
    scale: str
    seed: int
    persons_planned: int
    households: int = 0
    persons: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    # Of the load phase: the main process writing (COPY and chaining) and waiting for built chunks.
    copy_seconds: float = 0.0
    waiting_seconds: float = 0.0
    logins: list[str] = field(default_factory=list)
    applications_by_state: dict[str, int] = field(default_factory=dict)

    def add_rows(self, rows: dict[str, int]) -> None:
        for name, number in rows.items():
            self.rows[name] = self.rows.get(name, 0) + number

    def as_json(self) -> dict[str, Any]:
        total = sum(self.seconds.values())
        return {
            "scale": self.scale,
            "seed": self.seed,
            "households": self.households,
            "persons": self.persons,
            "rows": dict(sorted(self.rows.items())),
            "seconds": {**{k: round(v, 2) for k, v in self.seconds.items()}, "total": round(total, 2)},
            "rows_per_second": round(sum(self.rows.values()) / total) if total else 0,
            "cpu_seconds": {k: round(v, 2) for k, v in self.cpu_seconds.items()},
            "load_phase": {
                "copy_seconds": round(self.copy_seconds, 2),
                "waiting_for_workers_seconds": round(self.waiting_seconds, 2),
            },
            "peak_rss_mb": {k: round(v, 1) for k, v in self.peak_rss_mb.items()},
            "logins": self.logins,
            "applications_by_state": dict(sorted(self.applications_by_state.items())),
        }


# --- what a worker process needs: set before the pool forks ------------------------------------------------


@dataclass
class Plan:
    seed: int
    households: int
    today: date
    desks: list[Desk]
    earlier_cases: bool = True
    chunk: int = CHUNK_HOUSEHOLDS
    # Application templates (bench.bulk.applications), copied onto the cases of later chunks.
    templates: Any = None

    @property
    def chunks(self) -> int:
        return math.ceil(self.households / self.chunk)

    def plans(self, index: int) -> Iterator[HouseholdPlan]:
        size = min(self.chunk, self.households - index * self.chunk)
        countries = [desk.organisation.country for desk in self.desks]
        if index == 0:
            return plan_households(
                seed=self.seed, households=size, today=self.today, organisation_countries=countries
            )
        # A chunk of its own seed starts with its own spotlight household: skip it, Anna Shchukina is one person.
        derived = self.seed * 1_000_003 + index
        planned = plan_households(
            seed=derived, households=size + 1, today=self.today, organisation_countries=countries
        )
        return itertools.islice(planned, 1, None)


_PLAN: Plan | None = None


def earlier_cases_of(index: int, number: int) -> int:
    """Closed earlier files at the same organisation: about 1.3 per household, so cases ≈ persons."""
    return (0, 1, 1, 2, 1, 2, 0, 2, 1, 3)[(index * 7 + number) % 10]


Chunk = tuple[int, int, dict[str, bytes], list[EncodedEvent], dict[str, int], dict[str, int]]


def build_chunk(index: int) -> Chunk:
    """Plan and build one chunk: (chunk, persons, COPY bytes by table, audit events, rows by table, apps).

    Everything but the audit chain is done here, in a worker: the main process only writes bytes."""
    # A chunk makes millions of objects and next to no reference cycles: the cyclic collector would only
    # walk them (and the name-key caches) again and again, ~6% of a worker's time. It runs after the chunk.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_chunk(index)
    finally:
        if collecting:
            gc.enable()


def _build_chunk(index: int) -> Chunk:
    assert _PLAN is not None
    plan = _PLAN
    batch, clock = Batch(), Clock()
    persons = 0
    for number, household in enumerate(plan.plans(index)):
        writer = HouseholdWriter(batch, plan.desks[household.organisation_index], plan.today, clock)
        writer.household(household, earlier_cases_of(index, number) if plan.earlier_cases else 0)
        persons += len(household.members)
    states: dict[str, int] = {}
    if plan.templates is not None and index > 0:
        from .applications import clone_for_cases

        states = clone_for_cases(batch, plan.templates, clock)
    text = {name: "".join(lines).encode() for name, lines in batch.lines.items()}
    rows = batch.counts()
    rows[AUDIT.name] = len(batch.audit)
    return index, persons, text, encode_events(batch.audit), rows, states


# --- the main process: COPY and the chain ------------------------------------------------------------------


class Copier:
    def __init__(self) -> None:
        # The loaded events go after everything already recorded: place what waits for the sequencer first, and
        # number the new rows after the highest id (an event still in flight elsewhere is placed after them).
        while sequencer.sequence_batch(AuditEvent.chain_name)[0]:
            pass
        head = ChainHead.objects.filter(name=AuditEvent.chain_name).first()
        self.head = Head(head.sequence, bytes.fromhex(head.head_hash)) if head else Head.empty()
        newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.last_id = max(head.last_id if head else 0, newest)

    def refresh_head(self) -> None:
        self.__init__()  # type: ignore[misc]

    def write(self, text: dict[str, bytes], events: list[EncodedEvent]) -> None:
        """One chunk in one transaction: its rows, then its audit events, then the chain head. The head moves
        on only once the transaction has committed (a failed chunk can be built again and written)."""
        audit, head, last_id = chain_lines(self.head, self.last_id, events)
        with transaction.atomic():
            raw = connection.connection
            assert raw is not None
            with raw.cursor() as cursor:
                # Losing the last chunks in a crash costs a rerun, never consistency: no need to wait for disk.
                cursor.execute("SET LOCAL synchronous_commit = off")
                for name in sorted(text, key=_table_order):
                    with cursor.copy(_statements[name]) as copy:
                        copy.write(text[name])
                with cursor.copy(AUDIT.copy_statement) as copy:
                    copy.write(audit)
                cursor.execute(
                    "UPDATE audit_chainhead SET sequence = %s, head_hash = %s, last_id = %s WHERE name = %s",
                    [head.sequence, head.hash.hex(), last_id, AuditEvent.chain_name],
                )
                # The id is an identity column (the sequencer's order): new events must be numbered after these.
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('audit_auditevent', 'id'), %s)", [max(last_id, 1)]
                )
        self.head, self.last_id = head, last_id


_statements: dict[str, str] = {}


def _table_order(name: str) -> int:
    return BIG_TABLES.index(name) if name in BIG_TABLES else len(BIG_TABLES)


def _register_statements() -> None:
    from .applications import TABLES as APPLICATION_TABLES
    from .batch import TABLES

    for table in (*TABLES.values(), *APPLICATION_TABLES.values()):
        _statements[table.name] = table.copy_statement


# --- the whole load -----------------------------------------------------------------------------------------


def load(
    *,
    scale: str,
    seed: int,
    today: date | None = None,
    households: int | None = None,
    applications: bool = True,
    earlier_cases: bool = True,
    workers: int = 2,
    chunk: int = CHUNK_HOUSEHOLDS,
    say: Callable[[str], None] = lambda line: None,
) -> tuple[Report, DemoStaff]:
    global _PLAN
    refuse_unless_loadable()
    persons = persons_for(scale)
    report = Report(scale=scale, seed=seed, persons_planned=persons)
    today = today or timezone.localdate()
    phase, cpu = time.perf_counter(), _cpu_seconds()

    def lap(name: str) -> None:
        nonlocal phase, cpu
        now, now_cpu = time.perf_counter(), _cpu_seconds()
        report.seconds[name] = report.seconds.get(name, 0.0) + now - phase
        for process, seconds in now_cpu.items():
            key = f"{name}_{process}"
            report.cpu_seconds[key] = report.cpu_seconds.get(key, 0.0) + seconds - cpu[process]
        phase, cpu = now, now_cpu

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    staff = ensure_demo_staff()
    report.logins = [login.username for login in staff.logins]
    plan = Plan(
        seed=seed,
        households=households if households is not None else households_for(persons),
        today=today,
        desks=desks_for(staff.writers()),
        earlier_cases=earlier_cases,
        chunk=chunk,
    )
    _register_statements()
    lap("staff")
    indexes = drop_secondary_indexes()
    foreign_keys = drop_foreign_keys()
    unique = drop_unique_constraints()
    lap("drop_indexes")
    copier = Copier()
    try:
        with _terminate_as_interrupt():
            _PLAN = plan
            # The first chunk here: the demo's applications are walked through the services on its cases and
            # become the templates copied onto the cases of every later chunk.
            _write_chunk(copier, report, plan, build_chunk(0))
            lap("load")
            if applications:
                from .applications import capture_templates, walk_demo_applications

                walked = walk_demo_applications(staff, today)
                for key, number in walked.items():
                    report.applications_by_state[key] = report.applications_by_state.get(key, 0) + number
                plan.templates = capture_templates(staff)
                copier.refresh_head()
                lap("applications_walk")
            _PLAN = plan
            for built in _chunks(plan, workers, report):
                started = time.perf_counter()
                _write_chunk(copier, report, plan, built)
                report.copy_seconds += time.perf_counter() - started
                if built[0] % 20 == 0:
                    elapsed = sum(report.seconds.values()) + time.perf_counter() - phase
                    say(f"  {report.households} households, {report.persons} persons… ({elapsed:.0f} s)")
            lap("load")
    finally:
        _PLAN = None
        if transaction.get_autocommit() and not connection.is_usable():
            connection.close()  # interrupted in the middle of a COPY: start the rebuild on a new connection
        restore_unique_constraints(unique)
        lap("unique_constraints")
        recreate_indexes(indexes)
        lap("indexes")
        restore_foreign_keys(foreign_keys)
        lap("foreign_keys")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    lap("analyze")
    report.peak_rss_mb = {
        "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    return report, staff


def _write_chunk(copier: Copier, report: Report, plan: Plan, built: Chunk) -> None:
    """Write a built chunk; if it clashes with what is already stored (a random case reference drawn twice
    among a million: 50 bits of randomness), build it again here with new random values and write that."""
    for attempt in range(3):
        try:
            copier.write(built[2], built[3])
            break
        except IntegrityError:
            if attempt == 2:
                raise
            built = build_chunk(built[0])
    index, planned, _, _, rows, states = built
    report.add_rows(rows)
    report.persons += planned
    report.households += min(plan.chunk, plan.households - index * plan.chunk)
    for key, number in states.items():
        report.applications_by_state[key] = report.applications_by_state.get(key, 0) + number


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a load as Ctrl-C does, so the dropped indexes are built again on the way out."""
    parent = os.getpid()

    def interrupt(signum: int, frame: Any) -> None:
        if os.getpid() != parent:  # a worker forked while this was installed: just stop
            os._exit(128 + signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker_started() -> None:
    # Pool.terminate() stops workers with SIGTERM: they must not take it for the main process's interrupt.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _cpu_seconds() -> dict[str, float]:
    """CPU time of this process and of its finished children (the workers count once the pool is closed)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"main": own.ru_utime + own.ru_stime, "workers": children.ru_utime + children.ru_stime}


def _chunks(plan: Plan, workers: int, report: Report) -> Iterator[Chunk]:
    """Chunks 1.. in order, built by `workers` forked processes, at most two per worker in flight (memory)."""
    indexes = range(1, plan.chunks)
    if workers <= 1 or len(indexes) <= 1:
        yield from (build_chunk(index) for index in indexes)
        return
    context = multiprocessing.get_context("fork")
    connection.close()  # a forked child must not share the parent's socket; reopened on next use
    with context.Pool(workers, initializer=_worker_started) as pool:
        pending: deque[Any] = deque()
        queue = iter(indexes)
        for index in itertools.islice(queue, workers * 2):
            pending.append(pool.apply_async(build_chunk, (index,)))
        while pending:
            waiting = time.perf_counter()
            result = pending.popleft().get()
            report.waiting_seconds += time.perf_counter() - waiting
            following = next(queue, None)
            if following is not None:
                pending.append(pool.apply_async(build_chunk, (following,)))
            yield result
