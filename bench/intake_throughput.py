"""Benchmark 2: intake submission through the real HTTP stack into PostgreSQL, against pgbench.

    .venv/bin/python -m bench.intake_throughput [--submissions 200] [--clients 8] [--database-url URL]

What is measured ("a submission"): an applicant's complete draft — every step answered as the intake's
services store them (the applicant, a partner and a child, two documents, two dangers, needs, the receiving
organisation) — sent with the final POST of /apply/check/, which turns it into the organisation's person
records, household and case, each audited. Drafts are prepared beforehand through the intake services, and
each HTTP client's session is bound to its draft through the draft's private link (untimed). Then `clients`
concurrent clients send the submissions to gunicorn (2 workers) on 127.0.0.1; throughput is submissions
completed per second of wall-clock time.

The reference, in the same run: pgbench with the same number of clients, for at least as long, running a
transaction of as many INSERTs as one submission inserts rows (counted from the SQL of one submission), into
scratch tables (one per Herzen table written, of the same average row width: a bigint key, a unique uuid and
a text payload). Reported: Herzen/pgbench transactions per second, goal at least 0.25.

Also in the details: the statements of one submission by kind, rows per table, where its time goes (cProfile
of submissions in-process) and how long each holds the audit chain's row lock — every audited write appends
to one hash chain under that lock (herzen/audit/chain.py); a submission appends all its events together just
before it commits (audit.deferred), so submissions cannot overlap only from that append to their commit, and
1 / (time under the lock) bounds the throughput whatever the concurrency.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

from bench.clients import RequestFailed, Timings, new_client, percentiles, submit
from bench.server import ROOT, running_server, server_environment

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/herzen_benchhttp_intake"
GOAL = 0.25
PLAIN_GOAL = 0.5
PGBENCH = "/usr/bin/pgbench"
SCRATCH_PREFIX = "bench_pgbench_"


def _maintenance_url(database_url: str) -> tuple[str, str]:
    base, name = database_url.rsplit("/", 1)
    return f"{base}/postgres", name


def ensure_database(database_url: str) -> None:
    """Create the database if it does not exist, then `herzen migrate` (quick when nothing is new)."""
    maintenance, name = _maintenance_url(database_url)
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    herzen = Path(sys.executable).with_name("herzen")
    subprocess.run(  # noqa: S603
        [str(herzen), "migrate", "--verbosity=0"], cwd=ROOT, env=server_environment(database_url), check=True
    )


def fixture(database_url: str, command: str, *arguments: str) -> dict[str, Any]:
    """Run one bench/http_fixtures.py command (Django, in a subprocess) and return its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.http_fixtures", command, "--out", out.name, *arguments],
            cwd=ROOT,
            env=server_environment(database_url),
            check=True,
        )
        return json.loads(Path(out.name).read_text())  # type: ignore[no-any-return]


def rows_inserted_so_far(database_url: str) -> int:
    with psycopg.connect(database_url) as connection:
        row = connection.execute("SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables").fetchone()
        return int(row[0]) if row else 0


async def submit_all(url: str, tokens: list[str], clients: int, timeout: float) -> dict[str, Any]:
    timings = Timings()
    sessions = [new_client(url, timeout) for _ in tokens]
    gate = asyncio.Semaphore(clients)

    async def bind(client: Any, token: str) -> None:
        async with gate:
            response = await client.get(f"/apply/link/{token}/")
            assert response.status_code == 302, response.status_code
            response = await client.get("/apply/check/")  # sets the CSRF cookie, as a browser would
            assert response.status_code == 200, response.status_code

    await asyncio.gather(*(bind(c, t) for c, t in zip(sessions, tokens, strict=True)))

    queue: asyncio.Queue[Any] = asyncio.Queue()
    for session in sessions:
        queue.put_nowait(session)
    references: list[str] = []

    async def client_loop() -> None:
        while not queue.empty():
            session = queue.get_nowait()
            with contextlib.suppress(RequestFailed):
                references.append(await submit(session, timings, kind="submission"))

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    seconds = time.perf_counter() - started
    for session in sessions:
        await session.aclose()
    return {
        "seconds": seconds,
        "completed": len(references),
        "references": references,
        "errors": dict(timings.errors),
        "error_samples": timings.error_samples,
        "latency": percentiles(timings.latencies["submission"]),
    }


def _payload(widths: dict[str, int], table: str) -> int:
    """The payload that makes a scratch row as wide as the Herzen table's average row (header and keys aside)."""
    return max(widths.get(table, 64) - 24 - 8 - 16 - 4, 1)


def _scratch_tables(database_url: str, rows: dict[str, int], *, drop_only: bool = False) -> None:
    with psycopg.connect(database_url, autocommit=True) as connection:
        for table in rows:
            connection.execute(f'DROP TABLE IF EXISTS "{SCRATCH_PREFIX}{table}"')
            if not drop_only:
                connection.execute(
                    f'CREATE TABLE "{SCRATCH_PREFIX}{table}" (id bigserial PRIMARY KEY, '
                    "ref uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(), payload text NOT NULL)"
                )


def plain_orm(
    database_url: str,
    rows: dict[str, int],
    widths: dict[str, int],
    clients: int,
    workers: int,
    threads: int,
    submissions: int,
    timeout: float,
) -> dict[str, Any]:
    """The same rows through a plain Django view (bench/plain_view.py), on the same gunicorn."""
    _scratch_tables(database_url, rows)
    plan = {table: [count, _payload(widths, table)] for table, count in rows.items()}
    env = {"DJANGO_SETTINGS_MODULE": "bench.plain_settings", "BENCH_PLAIN_ROWS": json.dumps(plan)}
    timings = Timings()

    async def post_all(url: str) -> tuple[float, int]:
        remaining = list(range(submissions))
        done = 0

        async def client_loop() -> None:
            nonlocal done
            async with new_client(url, timeout) as client:
                while remaining:
                    remaining.pop()
                    started = time.perf_counter()
                    response = await client.post("/plain/")
                    timings.latencies["plain"].append(time.perf_counter() - started)
                    if response.status_code == 204:
                        done += 1
                    else:
                        timings.errors[str(response.status_code)] += 1

        started = time.perf_counter()
        await asyncio.gather(*(client_loop() for _ in range(clients)))
        return time.perf_counter() - started, done

    try:
        with running_server(database_url, workers=workers, threads=threads, env=env, timeout=300) as server:
            seconds, done = asyncio.run(post_all(server.url))
    finally:
        _scratch_tables(database_url, rows, drop_only=True)
    return {
        "tps": done / seconds if seconds else 0.0,
        "completed": done,
        "seconds": round(seconds, 2),
        "errors": dict(timings.errors),
        "latency": percentiles(timings.latencies["plain"]),
    }


def pgbench(
    database_url: str, rows: dict[str, int], widths: dict[str, int], clients: int, seconds: int
) -> dict[str, Any]:
    """pgbench, `clients` clients for `seconds`, one transaction = the rows one submission inserts."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        for table in rows:
            scratch = SCRATCH_PREFIX + table
            # The payload makes the row as wide as the Herzen table's average row (header and keys aside).
            connection.execute(f'DROP TABLE IF EXISTS "{scratch}"')
            connection.execute(
                f'CREATE TABLE "{scratch}" (id bigserial PRIMARY KEY, '
                "ref uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(), payload text NOT NULL)"
            )
    lines = ["BEGIN;"]
    for table, count in rows.items():
        payload = _payload(widths, table)
        insert = f"INSERT INTO {SCRATCH_PREFIX}{table} (payload) VALUES (repeat('x', {payload}));"  # noqa: S608
        lines += [insert] * count
    lines.append("END;")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("\n".join(lines) + "\n")
    command = [PGBENCH, "-n", f"-c{clients}", f"-j{min(clients, 2)}", f"-T{seconds}", "-f", script.name]
    result = subprocess.run(  # noqa: S603
        [*command, database_url], capture_output=True, text=True, check=True
    )
    Path(script.name).unlink()
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", result.stdout)
    with psycopg.connect(database_url, autocommit=True) as connection:
        for table in rows:
            connection.execute(f'DROP TABLE IF EXISTS "{SCRATCH_PREFIX}{table}"')
    return {
        "tps": float(tps.group(1)) if tps else 0.0,
        "inserts_per_transaction": sum(rows.values()),
        "command": " ".join(command),
        "output_tail": result.stdout.strip().splitlines()[-4:],
    }


def measure(
    *,
    database_url: str = DEFAULT_DATABASE_URL,
    submissions: int = 80,
    clients: int = 8,
    workers: int = 2,
    threads: int = 4,
    profile_rounds: int = 10,
    timeout: float = 120,
    **_options: Any,  # the runner's scale, seed, …: this benchmark needs no data set
) -> dict[str, Any]:
    ensure_database(database_url)
    one = fixture(database_url, "submission", "--count", str(profile_rounds))
    tokens = [
        d["token"]
        for d in fixture(database_url, "drafts", "--count", str(submissions), "--seed", "2")["drafts"]
    ]
    # A loaded machine can take minutes to start gunicorn: a generous start-up timeout.
    with running_server(database_url, workers=workers, threads=threads, timeout=300) as server:
        before = rows_inserted_so_far(database_url)
        run = asyncio.run(submit_all(server.url, tokens, clients, timeout))
        peak_rss = server.peak_worker_rss_mb
    time.sleep(1.5)  # PostgreSQL publishes a backend's table statistics within a second of it going idle
    inserted_per_submission = (rows_inserted_so_far(database_url) - before) / max(run["completed"], 1)
    herzen_tps = run["completed"] / run["seconds"]
    reference = pgbench(
        database_url,
        one["rows_inserted"],
        one["row_widths_bytes"],
        clients,
        max(10, round(run["seconds"])),
    )
    ratio = herzen_tps / reference["tps"] if reference["tps"] else 0.0
    plain = plain_orm(
        database_url,
        one["rows_inserted"],
        one["row_widths_bytes"],
        clients,
        workers,
        threads,
        max(submissions, 40),
        timeout,
    )
    plain_ratio = herzen_tps / plain["tps"] if plain["tps"] else 0.0
    lock_ms = one["audit_lock_held_ms_median"]
    return {
        "name": "intake_throughput",
        "figures": [
            {
                "label": "intake submissions/s (HTTP, gunicorn 2 workers, PostgreSQL)",
                "value": round(herzen_tps, 2),
                "unit": "tx/s",
                "reference_label": f"pgbench, {reference['inserts_per_transaction']} INSERTs per transaction",
                "reference": round(reference["tps"], 1),
                "ratio": round(ratio, 4),
                "goal": f">= {GOAL}",
                "met": ratio >= GOAL and not run["errors"],
            },
            {
                "label": "intake submissions/s against a plain Django view inserting the same rows (ORM only)",
                "value": round(herzen_tps, 2),
                "unit": "tx/s",
                "reference_label": "plain ORM view, no encryption, audit or validation (bench/plain_view.py)",
                "reference": round(plain["tps"], 1),
                "ratio": round(plain_ratio, 4),
                "goal": f">= {PLAIN_GOAL}",
                "met": plain_ratio >= PLAIN_GOAL and not run["errors"] and not plain["errors"],
            },
        ],
        "details": {
            "submissions": submissions,
            "completed": run["completed"],
            "errors": run["errors"],
            "error_samples": run["error_samples"],
            "clients": clients,
            "server": f"gunicorn {workers} workers x {threads} threads (gthread)",
            "seconds": round(run["seconds"], 2),
            "submission_latency": run["latency"],
            "rows_inserted_per_submission_sql": one["rows_inserted_total"],
            "rows_inserted_per_submission_pg_stats": round(inserted_per_submission, 1),
            "rows_inserted_by_table": one["rows_inserted"],
            "statements_per_submission": one["statements"],
            "in_process_ms_per_submission": one["in_process_ms_per_submission"],
            "audit_lock_held_ms_median": lock_ms,
            "audit_lock_bound_tx_per_s": round(1000 / lock_ms, 2) if lock_ms else None,
            "peak_worker_rss_mb": peak_rss,
            "pgbench": reference,
            "plain_orm_view": plain,
            "profile_top": one["profile"].splitlines()[:60],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--profile-rounds", type=int, default=10)
    options = parser.parse_args()
    result = measure(
        database_url=options.database_url,
        submissions=options.submissions,
        clients=options.clients,
        threads=options.threads,
        profile_rounds=options.profile_rounds,
    )
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
