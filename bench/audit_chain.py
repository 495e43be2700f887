"""Benchmark 3 (issue 8): `herzen audit verify` throughput against plain SHA-256 over the same bytes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/herzen_bench .venv/bin/python -m bench.audit_chain \
        [--entries 1000000]

End to end on PostgreSQL: N synthetic audit events are appended to the audit chain of a database of the
benchmark's own, `<DATABASE_URL's name>_auditbench_<N>` (created and migrated on first use, kept for the next
run; only a database of that name is ever dropped, when it holds something else). They are built as
`audit.record` builds them and chained by `herzen.domain.ledger.extend` over `AuditEvent.content_of`, exactly
as `chain.append` does, but inserted with COPY (minutes, not hours, for a million).

Then, side by side and alternating (absolute times drift on a shared machine), several rounds of:
- verify:    `herzen audit verify`'s function for the audit chain (herzen.audit.checkpointing.verify), reading
             every row from PostgreSQL and checking it against a signed checkpoint of the head;
- sha256:    hashlib.sha256 over each entry's canonical bytes, one by one, in memory — the honest floor.
The figure is the ratio of the medians' throughputs (entries/s); the goal is at least 0.5. The details add
the CPU time per entry of each side (this process, and the PostgreSQL backend serving the rows), which other
load on the machine does not inflate, and the speed of the reference verifier (ORM reads and
herzen.domain.ledger.ChainVerifier: what verification costs on SQLite, and did before the streaming path)
over the last 100,000 entries.
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NAME = "audit_verify"
GOAL = 0.5
ROUNDS = 3
SEED = 8
INSERT_BATCH = 50_000
REFERENCE_PATH_TAIL = 100_000
ACTIONS = ("person.update", "case.open", "stay.record", "document.add", "case.note_add", "application.submit")
FIELDS = ("surname", "status", "exit_date", "number", "body", "given_name", "country", "priority")


def measure(entries: int = 1_000_000, database_url: str | None = None, **_options: Any) -> dict[str, Any]:
    """Run the benchmark in a fresh process (Django is set up for the benchmark's own database there) and
    return its result. Options other benchmarks take (scale, seed, …) are accepted and ignored."""
    # Under `make bench` no DATABASE_URL is set: the benchmark then works beside the data sets.
    url = database_url or os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/herzen_bench"
    if not url or not url.startswith(("postgres://", "postgresql://")):
        raise ValueError("benchmark 3 needs a PostgreSQL DATABASE_URL")
    command = [sys.executable, "-m", "bench.audit_chain", "--entries", str(entries), "--here", "--json"]
    environment = dict(os.environ, DATABASE_URL=bench_database_url(url, entries))
    environment.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.audit_chain failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def bench_database_url(url: str, entries: int) -> str:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "herzen"
    return urlunsplit(parts._replace(path=f"/{name}_auditbench_{entries}"))


# ----------------------------------------------------------------------------------------------------------
# In the benchmark's process (DATABASE_URL is the benchmark's database).


def _prepare_database(url: str) -> None:
    """Create the benchmark's database if needed; Django's settings read DATABASE_URL at import."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def _drop_and_recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "_auditbench_" not in name:
        raise RuntimeError(f"refusing to drop {name}: not a database of this benchmark")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _chain_is_ready(entries: int) -> bool:
    from herzen.audit.models import AuditEvent, ChainHead

    head = ChainHead.objects.filter(name="audit").first()
    return (
        head is not None
        and head.sequence == entries
        and AuditEvent._base_manager.count() == entries
        and not AuditEvent._base_manager.exclude(action__in=ACTIONS).exists()
    )


def _actors() -> tuple[list[int], list[uuid.UUID]]:
    from herzen.accounts.models import User
    from herzen.organisations.models import Organisation

    organisations = [
        Organisation.objects.get_or_create(
            name=f"Audit bench {n}", defaults={"kind": Organisation._meta.get_field("kind").choices[0][0]}
        )[0].pk
        for n in range(3)
    ]
    users = [User.objects.get_or_create(username=f"audit-bench-{n}")[0].pk for n in range(20)]
    return users, organisations


def _events(count: int, users: list[int], organisations: list[uuid.UUID], first_id: int):  # type: ignore[no-untyped-def]
    """AuditEvents as audit.record builds them (unsaved), deterministic for a seed."""
    from herzen.audit.models import AuditEvent

    rng = random.Random(SEED + first_id)  # noqa: S311 - synthetic benchmark data
    start = datetime(2026, 1, 1, tzinfo=UTC)
    events = []
    for offset in range(count):
        parent = rng.random() < 0.6
        event = AuditEvent(
            occurred_at=start + timedelta(seconds=first_id + offset, microseconds=rng.randrange(1_000_000)),
            actor_user_id=rng.choice(users) if rng.random() > 0.01 else None,
            organisation_id=rng.choice(organisations),
            action=rng.choice(ACTIONS),
            target_type=rng.choice(("people.person", "cases.case", "people.stay", "cases.note")),
            target_id=str(uuid.UUID(int=rng.getrandbits(128))),
            parent_type="people.person" if parent else "",
            parent_id=str(uuid.UUID(int=rng.getrandbits(128))) if parent else "",
            changed_fields=sorted(rng.sample(FIELDS, rng.randrange(0, 4))),
        )
        event.id = first_id + offset
        events.append(event)
    return events


def _load(entries: int) -> float:
    """Append `entries` events to the (empty) audit chain; returns the seconds it took."""
    from django.db import connection, transaction

    from herzen.audit.models import AuditEvent, ChainHead
    from herzen.domain.ledger import Head, extend

    started = time.perf_counter()
    users, organisations = _actors()
    columns = [field.column for field in AuditEvent._meta.concrete_fields]
    attnames = [field.attname for field in AuditEvent._meta.concrete_fields]
    head = Head.empty()
    with transaction.atomic():
        row = ChainHead.objects.select_for_update().filter(name="audit").first()
        if row is not None and row.sequence:
            raise RuntimeError("the benchmark's audit chain is not empty")
        for first in range(1, entries + 1, INSERT_BATCH):
            events = _events(min(INSERT_BATCH, entries - first + 1), users, organisations, first)
            for event, link in zip(
                events, extend("audit", head, (e.chain_content() for e in events)), strict=True
            ):
                event.sequence, event.entry_hash = link.sequence, link.hash.hex()
            head = Head(events[-1].sequence, bytes.fromhex(events[-1].entry_hash))
            with connection.cursor() as cursor:
                copy_sql = f"COPY {AuditEvent._meta.db_table} ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for event in events:
                        copy.write_row(
                            [
                                json.dumps(value) if name == "changed_fields" else value
                                for name, value in ((n, getattr(event, n)) for n in attnames)
                            ]
                        )
        ChainHead.objects.update_or_create(
            name="audit",
            defaults={"sequence": head.sequence, "head_hash": head.hash.hex(), "last_id": entries},
        )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {AuditEvent._meta.db_table}")
    return time.perf_counter() - started


def _reference_bytes() -> list[bytes]:
    """Each entry's canonical bytes (header and values), taken from the rows as PostgreSQL sends them.

    They are the bytes `canonical(AuditEvent.content_of(row))` gives — verification has just proven it, as
    each row's stored hash was computed from those at append — and a sample is checked against it here."""
    from herzen.audit import streaming
    from herzen.audit.models import AuditEvent, chained_layout
    from herzen.domain.ledger import canonical, header
    from herzen.domain.ledger.records import HASH_FIELD_SIZE, HASHED_START, SEQUENCE_SIZE

    start = header(chained_layout(AuditEvent))
    end = HASH_FIELD_SIZE + SEQUENCE_SIZE
    blobs = [start + bytes(data[HASHED_START:-end]) for data in streaming.rows(AuditEvent)]
    sample = AuditEvent._base_manager.order_by("sequence").values(*AuditEvent.CHAINED_FIELDS)[:1000]
    for blob, values in zip(blobs, sample, strict=False):
        assert blob == canonical(AuditEvent.content_of(values)), (
            "the streamed bytes are not the canonical ones"
        )  # type: ignore[arg-type]
    return blobs


def _sha256_each(blobs: list[bytes]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of hashing each blob."""
    sha256 = hashlib.sha256
    started, cpu = time.perf_counter(), time.process_time()
    for blob in blobs:
        sha256(blob).digest()
    return time.perf_counter() - started, time.process_time() - cpu


def _backend_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (None if it cannot be read)."""
    import psutil
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        times = psutil.Process(pid).cpu_times()
    except (psutil.Error, OSError):
        return None
    return float(times.user + times.system)


def _verify(directory: Path, entries: int) -> tuple[float, float, float | None]:
    """Wall-clock seconds, this process's CPU seconds and the PostgreSQL backend's CPU seconds."""
    from herzen.audit import checkpointing

    backend = _backend_cpu()
    started, cpu = time.perf_counter(), time.process_time()
    report = checkpointing.verify("audit", [directory])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    backend_after = _backend_cpu()
    if not report.ok or report.entries != entries or report.checkpoints != 1:
        raise RuntimeError(f"verification did not pass: {report}")
    return seconds, cpu, None if backend is None or backend_after is None else backend_after - backend


def _reference_path(entries: int, tail: int) -> float:
    """Seconds the reference verifier (ORM reads, ChainVerifier) takes over the last `tail` entries: what
    `herzen audit verify` did before the streaming path, and what it still does on SQLite."""
    from herzen.audit import chain
    from herzen.audit.models import AuditEvent
    from herzen.domain.ledger import ChainVerifier, Head

    after = max(entries - tail, 0)
    start_hash = AuditEvent._base_manager.get(sequence=after).entry_hash if after else "00" * 32
    verifier = ChainVerifier("audit", start=Head(after, bytes.fromhex(start_hash)))
    started = time.perf_counter()
    for batch in chain.stored_entries(AuditEvent, after=after):
        verifier.feed(batch)
    seconds = time.perf_counter() - started
    if verifier.problem is not None or verifier.head.sequence != entries:
        raise RuntimeError(f"the reference verifier did not pass: {verifier.problem}")
    return seconds


def measure_here(entries: int) -> dict[str, Any]:
    url = os.environ["DATABASE_URL"]
    _prepare_database(url)
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from herzen.audit import checkpointing

    call_command("migrate", verbosity=0)
    load_seconds = None
    if not _chain_is_ready(entries):
        from herzen.audit.models import AuditEvent

        if AuditEvent._base_manager.exists():
            connection.close()
            _drop_and_recreate(url)
            call_command("migrate", verbosity=0)
        load_seconds = _load(entries)

    workdir = Path(tempfile.mkdtemp(prefix="herzen-auditbench-"))
    settings.HERZEN_AUDIT_SIGNER = "herzen.audit.keys.file_signer"
    settings.HERZEN_AUDIT_SIGNING_KEY_FILE = str(workdir / "signing.pem")
    settings.HERZEN_AUDIT_GENERATE_KEY = True
    settings.HERZEN_AUDIT_TRUSTED_KEYS = []
    checkpoints = workdir / "checkpoints"
    checkpointing.write_checkpoint("audit", checkpoints, datetime.now(UTC))

    blobs = _reference_bytes()
    size = sum(map(len, blobs))
    reference, verify = [], []
    for _ in range(ROUNDS):  # alternating, so drift on a shared machine hits both alike
        reference.append(_sha256_each(blobs))
        verify.append(_verify(checkpoints, entries))
    del blobs
    reference_rate = entries / statistics.median(wall for wall, _ in reference)
    verify_rate = entries / statistics.median(wall for wall, _, _ in verify)
    ratio = verify_rate / reference_rate
    tail = min(entries, REFERENCE_PATH_TAIL)
    reference_path = _reference_path(entries, tail)

    def per_entry(seconds: float | None) -> float | None:
        return None if seconds is None else round(seconds / entries * 1e6, 3)

    reference_cpu = statistics.median(cpu for _, cpu in reference)
    verify_cpu = statistics.median(cpu for _, cpu, _ in verify)
    backend_cpus = [backend for _, _, backend in verify if backend is not None]
    backend_cpu = statistics.median(backend_cpus) if backend_cpus else None
    return {
        "name": NAME,
        "figures": [
            {
                "label": f"herzen audit verify, {entries:,} entries (PostgreSQL, end to end)",
                "value": round(verify_rate),
                "unit": "entries/s",
                "reference_label": "hashlib.sha256 over each entry's canonical bytes, in memory",
                "reference": round(reference_rate),
                "ratio": round(ratio, 3),
                "goal": f">= {GOAL}",
                "met": ratio >= GOAL,
            }
        ],
        "details": {
            "entries": entries,
            "canonical_bytes_per_entry": round(size / entries, 1),
            "verify_seconds": [round(wall, 3) for wall, _, _ in verify],
            "sha256_seconds": [round(wall, 3) for wall, _ in reference],
            # CPU time per entry, which the machine's other load does not inflate: where the time goes.
            "cpu_us_per_entry": {
                "sha256": per_entry(reference_cpu),
                "verify_python": per_entry(verify_cpu),
                "verify_postgresql_backend": per_entry(backend_cpu),
            },
            "reference_verifier_us_per_entry": round(reference_path / tail * 1e6, 2),
            "reference_verifier_entries_timed": tail,
            "load_seconds": None if load_seconds is None else round(load_seconds, 1),
            "database": connection.settings_dict["NAME"],
            "postgresql": connection.cursor().connection.info.server_version,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", action="store_true", help="print only the result as JSON")
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)  # run in this process
    arguments = parser.parse_args()
    if arguments.here:
        result = measure_here(arguments.entries)
    else:
        result = measure(arguments.entries, arguments.database_url)
    print(json.dumps(result, indent=None if arguments.json else 2))


if __name__ == "__main__":
    main()
