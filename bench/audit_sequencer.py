"""The sequenced audit log under load (issue 22): reads no longer serialise on a lock, and the sequencer keeps
its merge delay.

    .venv/bin/python -m bench.audit_sequencer                     # 8 clients, 2 x 2 rounds of 15 s
    .venv/bin/python -m bench.audit_sequencer --seconds 5 --households 20

1. Read throughput: 8 concurrent clients, each signed in as the demo's Tbilisi caseworker, open case pages
   (every one records an access event). Two gunicorn servers over the same database run side by side: one as
   shipped, one whose `audit.record_access` is replaced by a no-op (bench/no_access_log.py, loaded only in that
   server's process). Rounds alternate between them; the figure is pages/s with access logging ÷ without
   (goal ≥ 0.8).
2. Merge delay: `herzen sequencer` runs beside the servers, with a local witness cosigning every checkpoint,
   while a writer process commits a transaction of 3 audit events every 50 ms. A monitor polls the database
   and the checkpoint directory every 50 ms and, for every audit and access event written during the rounds, takes the time from when it was recorded until it was sequenced, and until a
   signed checkpoint covered it (goal: p99 ≤ 2 s).

The data set is a fresh database (`herzen_seq_bench`) filled by `herzen demo --no-serve` with a few households:
small, because the figure is a ratio measured side by side, and the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench.results import figure, percentile, record
from bench.server import ROOT, running_server
from bench.sessions import session_for

DATABASE = "herzen_seq_bench"
CASEWORKER = "tbilisi-caseworker"
CLIENTS = 8
# Audit events written beside the reads, as services write them (one transaction of 3 events every 50 ms).
WRITER = """
import sys, time, django
django.setup()
from django.db import transaction
from django.utils import timezone
from herzen.audit import chain
from herzen.audit.models import AuditEvent
stop = time.monotonic() + float(sys.argv[1])
n = 0
while time.monotonic() < stop:
    with transaction.atomic():
        chain.insert([AuditEvent(occurred_at=timezone.now(), action="bench.write", target_type="t",
                                 target_id=f"{n}-{k}") for k in range(3)])
    n += 1
    time.sleep(0.05)
print(n)
"""


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def environment(data_dir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "HERZEN_DATA_DIR": str(data_dir),
        "HERZEN_KEY_DIR": str(data_dir / "keys"),
        "HERZEN_AUDIT_CHECKPOINT_DIR": str(data_dir / "checkpoints"),
    }


def prepare(households: int, data_dir: Path) -> dict[str, str]:
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    env = environment(data_dir)
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "herzen.cli",
            "demo",
            "--no-serve",
            "--no-applications",
            "--households",
            str(households),
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def case_paths() -> list[str]:
    ids = psql(
        "SELECT c.id FROM cases_case c JOIN organisations_organisation o ON o.id = c.organisation_id "  # noqa: S608
        "JOIN organisations_membership m ON m.organisation_id = o.id JOIN accounts_user u ON u.id = m.user_id "
        f"WHERE u.username = '{CASEWORKER}' ORDER BY c.id LIMIT 40",
        DATABASE,
    ).split()
    return [f"/cases/{case_id}/" for case_id in ids]


def read_round(url: str, session: str, paths: list[str], seconds: float) -> tuple[int, int]:
    """Pages served by `url` to CLIENTS concurrent clients in `seconds`; (pages, errors)."""
    done, errors = [0] * CLIENTS, [0] * CLIENTS
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        with httpx.Client(base_url=url, cookies={"sessionid": session}, timeout=30) as http:
            i = n
            while time.monotonic() < stop:
                response = http.get(paths[i % len(paths)])
                i += CLIENTS
                if response.status_code == 200:
                    done[n] += 1
                else:
                    errors[n] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done), sum(errors)


class DelayMonitor:
    """Times each event of both chains from `occurred_at` to sequenced, and to covered by a signed checkpoint."""

    def __init__(self, checkpoints: Path) -> None:
        self.checkpoints = checkpoints
        self.waiting: dict[tuple[str, int], float] = {}  # (chain, id) -> recorded at (epoch seconds)
        self.placed: dict[tuple[str, int], tuple[int, float]] = {}  # (chain, id) -> (sequence, recorded at)
        self.sequenced: list[float] = []
        self.signed: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def signed_size(self, chain: str) -> int:
        sizes = []
        for path in self.checkpoints.glob(f"{chain}-*.json"):
            try:
                sizes.append(json.loads(path.read_text())["sequence"])
            except (OSError, ValueError):
                continue  # pruned or replaced while read
        return max(sizes, default=0)

    def run(self) -> None:
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}", autocommit=True) as db:
            while not self.stop.wait(0.05):
                for chain in ("audit", "access"):
                    self.poll(db, chain)

    def poll(self, db: Any, chain: str) -> None:
        now = time.time()
        rows = db.execute(
            f"SELECT id, extract(epoch from occurred_at), sequence FROM audit_{chain}event "  # noqa: S608
            "WHERE sequence IS NULL OR id = ANY(%s)",
            [[event_id for name, event_id in self.waiting if name == chain]],
        ).fetchall()
        for event_id, at, sequence in rows:
            key = (chain, event_id)
            if sequence is None:
                self.waiting.setdefault(key, float(at))
            elif key in self.waiting:
                self.placed[key] = (sequence, self.waiting.pop(key))
                self.sequenced.append(now - float(at))
        size = self.signed_size(chain)
        for key, (sequence, at) in list(self.placed.items()):
            if key[0] == chain and sequence <= size:
                self.signed.append(now - at)
                del self.placed[key]


def measure(seconds: float, rounds: int, households: int, reuse: bool) -> dict[str, Any]:
    data_dir = Path(tempfile.gettempdir()) / "herzen-seq-bench"  # the data set's keys: kept for --reuse
    started = time.perf_counter()
    if reuse and (data_dir / "keys").is_dir():
        env = environment(data_dir)
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
        env = prepare(households, data_dir)
    paths = case_paths()
    session = session_for(env, CASEWORKER)
    witness_dir = data_dir / "witness"
    shutil.rmtree(witness_dir, ignore_errors=True)  # a fresh witness: it trusts the log's head on first use
    witness_dir.mkdir()
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", **env}
    log_key = witness_dir / "log.pem"
    log_key.write_text(
        subprocess.run(
            [sys.executable, "-m", "herzen.cli", "audit", "public-key"], env=base, cwd=ROOT, capture_output=True,
            text=True, check=True,
        ).stdout.split("\n", 1)[1]
    )  # fmt: skip
    witness_public = witness_dir / "witness.pem"
    witness_public.write_text(
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "herzen.cli", "witness", "public-key", "--key", str(witness_dir / "key.pem")],
            env=base, cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split("\n", 1)[1]
    )  # fmt: skip
    witness = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "herzen.cli", "witness", "serve", "--key", str(witness_dir / "key.pem"), "--state",
         str(witness_dir / "state.json"), "--log-key", str(log_key), "--port", "8897"],
        env=base, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    base["HERZEN_AUDIT_WITNESSES"] = f"http://127.0.0.1:8897={witness_public}"
    sequencer = subprocess.Popen(
        [sys.executable, "-m", "herzen.cli", "sequencer", "--poll", "1"], env=base, cwd=ROOT
    )
    monitor = DelayMonitor(data_dir / "checkpoints")
    on = {"pages": 0, "errors": 0, "seconds": 0.0}
    off = {"pages": 0, "errors": 0, "seconds": 0.0}
    no_log_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.no_access_log"}
    try:
        with (
            running_server(env["DATABASE_URL"], workers=2, threads=4, env=env, timeout=240) as logged,
            running_server(
                env["DATABASE_URL"], workers=2, threads=4, env=no_log_env, timeout=240
            ) as unlogged,
        ):
            read_round(logged.url, session, paths, 3)  # warm up both
            read_round(unlogged.url, session, paths, 3)
            monitor.thread.start()
            writer = subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", WRITER, str(2 * rounds * seconds)], env=base, cwd=ROOT,
                stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            for _ in range(rounds):
                for url, tally in ((logged.url, on), (unlogged.url, off)):
                    pages, errors = read_round(url, session, paths, seconds)
                    tally["pages"] += pages
                    tally["errors"] += errors
                    tally["seconds"] += seconds
            writes = int(writer.communicate(timeout=600)[0].strip() or 0)
            time.sleep(3)  # let the last events be sequenced and signed
    finally:
        monitor.stop.set()
        sequencer.terminate()
        witness.terminate()
        sequencer.wait(timeout=30)
        witness.wait(timeout=30)
    rate_on, rate_off = on["pages"] / on["seconds"], off["pages"] / off["seconds"]
    p99_sequenced = percentile(monitor.sequenced, 99) if monitor.sequenced else None
    p99_signed = percentile(monitor.signed, 99) if monitor.signed else None
    witnessed = (
        json.loads((witness_dir / "state.json").read_text()) if (witness_dir / "state.json").exists() else {}
    )
    return {
        "name": "audit-sequencer",
        "title": "Reads with access logging, and the sequencer's merge delay (issue 22)",
        "figures": [
            figure(
                f"case pages/s, {CLIENTS} clients, access logging on ÷ off",
                rate_on,
                "pages/s",
                reference_label="access logging off",
                reference=rate_off,
                goal="≥ 0.8",
                met=rate_on / rate_off >= 0.8,
            ),
            figure(
                "merge delay p99: recorded → sequenced",
                p99_sequenced,
                "s",
                goal="≤ 2 s",
                met=p99_sequenced is not None and p99_sequenced <= 2,
            ),
            figure(
                "recorded → covered by a signed, witnessed checkpoint, p99",
                p99_signed,
                "s",
                goal="≤ 2 s",
                met=p99_signed is not None and p99_signed <= 2,
            ),
        ],
        "details": {
            "pages_logged": on["pages"],
            "pages_unlogged": off["pages"],
            "errors": on["errors"] + off["errors"],
            "audit_write_transactions": writes,
            "events_timed_sequenced": len(monitor.sequenced),
            "events_timed_signed": len(monitor.signed),
            "merge_delay_p50_s": round(percentile(monitor.sequenced, 50), 3) if monitor.sequenced else None,
            "merge_delay_max_s": round(max(monitor.sequenced), 3) if monitor.sequenced else None,
            "witness_holds": witnessed,
            "rounds": f"{rounds} x ({seconds:g} s logged + {seconds:g} s unlogged), alternating",
            "server": "gunicorn 2 workers x 4 threads (gthread) per server, both running side by side",
            "data": f"herzen demo --no-serve --no-applications --households {households}, fresh PostgreSQL database",
            "wall_seconds": round(time.perf_counter() - started, 1),
            "note": "a 2-core machine shared by 9 agents, loaded; reduced scale (not the 200-user load test)",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--households", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="reuse the database of the last run")
    options = parser.parse_args()
    result = measure(options.seconds, options.rounds, options.households, options.reuse)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    record(result, scale="demo")


if __name__ == "__main__":
    main()
