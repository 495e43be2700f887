"""Load test: simulated caseworkers and applicants against a local Herzen (gunicorn on 127.0.0.1 only).

    .venv/bin/python -m bench.load_test                          # 200 users for 5 minutes
    .venv/bin/python -m bench.load_test --users 20 --seconds 20  # a quick run

Users start spread over a ramp (a fifth of the run, at most a minute) and stop at the end of the run (a
request under way is finished; nothing new starts):
- caseworkers (`bench-cw-<n>` accounts of the intake NGOs, made once by bench/http_fixtures.py): the first
  --real-logins (20) log in through allauth with their password and the current TOTP code, at most 25 a minute
  (allauth allows one address 30 logins a minute, and every simulated user comes from 127.0.0.1); the others
  start with a session stored as allauth leaves it after such a login. Then, with think time between pages
  (5-15 s by default),
  open the case list filtered by status and country ordered by priority, search a name in some spelling, open
  a case from those lists and a person of that case;
- applicants start an application at /apply/, answer every step (adding household members and documents one
  by one as the pages do), check and send it, note the reference they are shown, and start another.

Every 5xx, unexpected status, timeout and connection error counts as an error (goal 0). Afterwards every
reference an applicant was given must be a case in the database, and the cases and persons created must be
exactly those of the submissions.

The server is gunicorn with 2 workers of 8 threads (gthread): a request spends most of its time waiting for
PostgreSQL, and the audit chain's row lock serialises writes, so threads keep the CPU busy while others wait;
the GIL makes more than ~8 per worker pointless on 2 cores, and 2 x 8 = 16 database connections (CONN_MAX_AGE
keeps one per thread) stay well under PostgreSQL's max_connections (100 by default) beside other clients.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.clients import (
    RequestFailed,
    Timings,
    applicant_answers,
    apply,
    browse,
    log_in,
    new_client,
    percentiles,
)
from bench.datasets import database_url as datasets_database_url
from bench.datasets import ensure_dataset, psql
from bench.intake_throughput import ensure_database, fixture
from bench.results import record
from bench.server import running_server

LOAD_TEST_DATABASE = "herzen_bench_loadtest"
LOGINS_PER_MINUTE = 25


class Stopped(Exception):
    """The run is over: the user stops before the next request."""


class Run:
    def __init__(self, seconds: float, think: tuple[float, float], seed: int) -> None:
        self.deadline = time.monotonic() + seconds
        self.think_range = think
        self.rng = random.Random(seed)  # noqa: S311 - synthetic load
        self.timings = Timings()
        self.references: list[str] = []
        self.logins = 0
        self.sessions_made = 0
        self.login_failures = 0
        self.rounds = 0
        self.abandoned = 0  # applications cut short by an error

    def over(self) -> bool:
        return time.monotonic() >= self.deadline

    async def think(self) -> None:
        pause = self.rng.uniform(*self.think_range)
        if time.monotonic() + pause >= self.deadline:
            raise Stopped
        await asyncio.sleep(pause)


async def caseworker(
    run: Run, url: str, account: dict[str, str], delay: float, timeout: float, real_login: bool
) -> None:
    await asyncio.sleep(delay)
    async with new_client(url, timeout) as client:
        if not real_login:
            client.cookies.set("sessionid", account["session_key"])
            run.sessions_made += 1
        while real_login and not run.over():
            try:
                await log_in(
                    client, run.timings, account["username"], account["password"], account["totp_secret"]
                )
                run.logins += 1
                break
            except RequestFailed:
                run.login_failures += 1
                try:
                    await run.think()
                except Stopped:
                    return
        try:
            while True:
                await browse(client, run.timings, run.rng, account["country"], run.think)
                run.rounds += 1
                await run.think()
        except RequestFailed:
            await caseworker_after_error(run, client, account)
        except Stopped:
            return


async def caseworker_after_error(run: Run, client: Any, account: dict[str, str]) -> None:
    """Go on browsing after an error (already counted), as someone would reload the page."""
    try:
        while True:
            await run.think()
            try:
                await browse(client, run.timings, run.rng, account["country"], run.think)
                run.rounds += 1
            except RequestFailed:
                continue
    except Stopped:
        return


async def applicant(
    run: Run, url: str, organisations: list[dict[str, str]], delay: float, timeout: float
) -> None:
    await asyncio.sleep(delay)
    try:
        while not run.over():
            organisation = run.rng.choice(organisations)
            answers = applicant_answers(run.rng, organisation["id"], organisation["country"])
            async with new_client(url, timeout) as client:  # each application from a new browser
                try:
                    run.references.append(await apply(client, run.timings, answers, run.think))
                except RequestFailed:
                    run.abandoned += 1
            await run.think()
    except Stopped:
        return


async def drive(
    url: str,
    *,
    users: int,
    seconds: float,
    staff: list[dict[str, str]],
    organisations: list[dict[str, str]],
    think: tuple[float, float],
    timeout: float,
    seed: int,
    real_logins: int,
) -> Run:
    run = Run(seconds, think, seed)
    ramp = min(60.0, seconds / 5)
    tasks = []
    for index in range(users):
        delay = ramp * index / max(users, 1)
        if index % 2 == 0 and index // 2 < len(staff):
            number = index // 2
            real = number < real_logins
            if real:
                # allauth allows 30 logins a minute from one address ("login": "30/m/ip"); all of ours come
                # from 127.0.0.1, so real logins are spread to stay under it.
                delay = number * 60 / LOGINS_PER_MINUTE
            tasks.append(caseworker(run, url, staff[number], delay, timeout, real))
        else:
            tasks.append(applicant(run, url, organisations, delay, timeout))
    await asyncio.gather(*tasks)
    return run


def copy_of_dataset(scale: str) -> str:
    """A fresh copy of the benchmarks' data set of `scale` (loaded first if needed): the run adds cases and
    accounts, and the data set itself must stay as loaded for the other benchmarks. The blind-index population
    of the copy is the data set's, for the server and the fixtures alike (they inherit this environment)."""
    dataset = ensure_dataset(scale)
    os.environ.update(dataset.environment())
    postgres = datasets_database_url("postgres")
    psql(postgres, f"drop database if exists {LOAD_TEST_DATABASE} with (force)")
    psql(postgres, f"create database {LOAD_TEST_DATABASE} template {dataset.name}")
    return datasets_database_url(LOAD_TEST_DATABASE)


def measure(
    *,
    database_url: str | None = None,
    users: int = 200,
    seconds: float = 300,
    workers: int = 2,
    threads: int = 8,
    think: tuple[float, float] = (5.0, 15.0),
    timeout: float = 60.0,
    seed: int = 1,
    real_logins: int = 20,
    small: str = "10k",
    **_options: Any,  # the runner's other options
) -> dict[str, Any]:
    """Half the users are caseworkers (one account each), half applicants. The first `real_logins`
    caseworkers log in through allauth (password, then TOTP); the others start with a session stored as
    allauth leaves it after such a login, since one address may only log in 30 times a minute."""
    # The results table names the data set the users worked on, not the runner's large scale.
    dataset = small if database_url is None else "given database"
    if database_url is None:
        database_url = copy_of_dataset(small)
    ensure_database(database_url)
    caseworkers = (users + 1) // 2
    staff = fixture(database_url, "sessions", "--count", str(caseworkers))["staff"]
    organisations = fixture(database_url, "organisations")["organisations"]
    before = fixture(database_url, "census")
    started = time.monotonic()
    with running_server(database_url, workers=workers, threads=threads) as server:
        run = asyncio.run(
            drive(
                server.url,
                users=users,
                seconds=seconds,
                staff=staff,
                organisations=organisations,
                think=think,
                timeout=timeout,
                seed=seed,
                real_logins=real_logins,
            )
        )
        peak_rss = server.peak_worker_rss_mb
    wall = time.monotonic() - started
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as listing:
        json.dump(run.references, listing)
    after = fixture(database_url, "census", "--references", listing.name)
    Path(listing.name).unlink()

    submitted = len(run.references)
    new_cases = after["cases"] - before["cases"]
    new_persons = after["persons"] - before["persons"]
    all_present = after["references_found"] == submitted == after["references_with_their_draft"] == new_cases
    errors = sum(run.timings.errors.values())
    latency = run.timings.summary()
    every = [value for values in run.timings.latencies.values() for value in values]

    overall = percentiles(every)
    return {
        "name": "load_test",
        "figures": [
            {
                "label": f"load test errors ({users} users, {seconds:.0f} s)",
                "value": errors,
                "unit": "errors",
                "reference_unit": "requests",
                "reference_label": "all requests",
                "reference": run.timings.requests,
                "ratio": round(errors / max(run.timings.requests, 1), 5),
                "goal": "0 errors",
                "met": errors == 0,
            },
            {
                "label": "load test p95, all requests",
                "value": overall.get("p95_ms", 0),
                "unit": "ms",
                "reference_label": "p50",
                "reference": overall.get("p50_ms", 0),
                "ratio": round(overall.get("p95_ms", 0) / max(overall.get("p50_ms", 1), 1e-9), 2),
                "goal": "reported",
                "met": True,
            },
            {
                "label": "load test: submitted intakes present afterwards",
                "value": after["references_found"],
                "unit": "cases",
                "reference_label": "references received by applicants",
                "reference": submitted,
                "ratio": round(after["references_found"] / submitted, 4) if submitted else 1.0,
                "goal": "all present",
                "met": all_present and new_persons == 3 * submitted,
            },
        ],
        "details": {
            "scale": dataset,
            "users": users,
            "caseworkers": min(caseworkers, len(staff)),
            "applicants": users - min(caseworkers, len(staff)),
            "seconds": seconds,
            "wall_seconds_with_server_start": round(wall, 1),
            "think_seconds": list(think),
            "server": f"gunicorn {workers} workers x {threads} threads (gthread)",
            "requests": run.timings.requests,
            "requests_per_second": round(run.timings.requests / seconds, 1),
            "errors": dict(run.timings.errors),
            "error_samples": run.timings.error_samples,
            "logins": run.logins,
            "sessions_stored_for_caseworkers": run.sessions_made,
            "login_failures": run.login_failures,
            "caseworker_rounds": run.rounds,
            "applications_submitted": submitted,
            "applications_abandoned_after_error": run.abandoned,
            "latency_overall": overall,
            "latency_by_kind": latency,
            "cases_created": new_cases,
            "persons_created": new_persons,
            "persons_expected": 3 * submitted,
            "references_found": after["references_found"],
            "references_missing": after["references_missing"],
            "peak_worker_rss_mb": peak_rss,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=None, help="a prepared database (default: a fresh copy of the 10k data set)"
    )
    parser.add_argument("--small", default="10k", help="the data set to copy when no database is given")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument("--think-min", type=float, default=5.0, help="seconds on a page, at least")
    parser.add_argument("--think-max", type=float, default=15.0, help="seconds on a page, at most")
    parser.add_argument("--real-logins", type=int, default=20, help="caseworkers who log in through allauth")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds before a request counts as failed"
    )
    options = parser.parse_args()
    result = measure(
        database_url=options.database_url,
        users=options.users,
        seconds=options.seconds,
        threads=options.threads,
        think=(options.think_min, options.think_max),
        timeout=options.timeout,
        real_logins=options.real_logins,
        small=options.small,
    )
    record(result, scale=options.small)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
