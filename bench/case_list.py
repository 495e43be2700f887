"""Benchmark 1: the caseworker's case list and name search at a small and a large scale, side by side.

Two real servers (bench/server.py: gunicorn, 2 workers, DEBUG off), one on herzen_bench_10k and one on the
large database (herzen_bench_1m), each with a signed-in demo caseworker (bench/sessions.py). Requests go
to the two servers in turn (small, large, large, small, ...), so drift of a shared machine hits both alike:

- list: /cases/?status=open&country=<the busiest country>&sort=priority (first page);
- search: /cases/?q=<a name on file>, in Cyrillic and in Latin spellings (ICAO passports, German registries).

Figures: p50 and p95 of each at both scales and the ratio large/small (goal at most 1.5: indexes, not
scans). The peak RSS of the web workers is kept for benchmark 5 (bench/memory.py).

    .venv/bin/python -m bench.case_list --scale 1m [--small 10k] [--rounds 40] [--reload]
"""

import argparse
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.datasets import DEFAULT_SEED, Dataset, ensure_dataset
from bench.results import figure, percentile
from bench.search_terms import read_search_terms
from bench.server import Server, running_server
from bench.sessions import session_for

CASEWORKER = "tbilisi-caseworker"
GOAL_RATIO = 1.5
# What the last run measured, for benchmark 5 (memory), which reports it without running the servers again.
LAST_RUN: dict[str, Any] = {}


@dataclass
class Target:
    dataset: Dataset
    server: Server
    client: httpx.Client


RESULT_COUNT = re.compile(r'<p class="result-count">([^<·]*)')


def _get(client: httpx.Client, path: str, counts: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or 'id="case-results"' not in response.text:
        raise RuntimeError(
            f"{path} answered {response.status_code}, not the case list: {response.text[:300]}"
        )
    if counts is not None:  # what the page said it found ("3 cases found"), kept to explain the figures
        found = RESULT_COUNT.search(response.text)
        counts[path] = found.group(1).strip() if found else "none"
    return elapsed * 1000


def _paths(terms: dict[str, Any]) -> dict[str, list[str]]:
    listing = {"status": "open", "sort": "priority"}
    if terms["country"]:
        listing["country"] = terms["country"]
    return {
        # One list against eight searches per round: asked three times, so its p95 rests on as many samples.
        "list": [f"/cases/?{urlencode(listing)}"] * 3,
        "search": [f"/cases/?{urlencode({'q': q['query']})}" for q in terms["queries"]],
    }


def measure(
    *,
    scale: str = "1m",
    small: str = "10k",
    seed: int = DEFAULT_SEED,
    rounds: int = 40,
    warmup: int = 3,
    reload: bool = False,
    **_: Any,
) -> dict[str, Any]:
    datasets = [
        ensure_dataset(small, seed=seed, reload=reload),
        ensure_dataset(scale, seed=seed, reload=reload),
    ]
    # The queries come from the small set: a generator run from one seed holds its persons at every scale.
    terms = read_search_terms({"DATABASE_URL": datasets[0].url, **datasets[0].environment()}, CASEWORKER)
    paths = _paths(terms)
    timings: dict[tuple[str, str], list[float]] = {(kind, d.scale): [] for kind in paths for d in datasets}
    found: dict[str, dict[str, str]] = {d.scale: {} for d in datasets}

    with (
        running_server(datasets[0].url, env=datasets[0].environment()) as small_server,
        running_server(datasets[1].url, env=datasets[1].environment()) as large_server,
    ):
        targets = []
        for dataset, server in zip(datasets, (small_server, large_server), strict=True):
            key = session_for({"DATABASE_URL": dataset.url, **dataset.environment()}, CASEWORKER)
            client = httpx.Client(base_url=server.url, cookies={"sessionid": key}, timeout=120)
            targets.append(Target(dataset, server, client))
        try:
            for _round in range(warmup):  # both workers of each server load code and warm their caches
                for kind_paths in paths.values():
                    for path in kind_paths:
                        for target in targets:
                            _get(target.client, path, found[target.dataset.scale])
            for target in targets:
                target.server.reset_peaks()
            for round_number in range(rounds):
                for kind, kind_paths in paths.items():
                    for path in kind_paths:
                        order = targets if round_number % 2 == 0 else list(reversed(targets))
                        for target in order:
                            timings[(kind, target.dataset.scale)].append(_get(target.client, path))
            time.sleep(0.5)  # one more sample of the workers' memory after the last request
            peaks = {target.dataset.scale: target.server.peak_worker_rss_mb for target in targets}
        finally:
            for target in targets:
                target.client.close()

    small_scale, large_scale = datasets[0].scale, datasets[1].scale
    figures = []
    summary: dict[str, Any] = {}
    for kind in paths:
        for q in (50, 95):
            small_ms = percentile(timings[(kind, small_scale)], q)
            large_ms = percentile(timings[(kind, large_scale)], q)
            ratio = large_ms / small_ms
            figures.append(
                figure(
                    f"{kind} p{q} at {large_scale}",
                    large_ms,
                    "ms",
                    reference_label=f"p{q} at {small_scale}",
                    reference=small_ms,
                    goal=f"ratio ≤ {GOAL_RATIO}",
                    met=ratio <= GOAL_RATIO,
                )
            )
            summary[f"{kind}_p{q}_ms"] = {small_scale: round(small_ms, 2), large_scale: round(large_ms, 2)}
    LAST_RUN.clear()
    LAST_RUN.update(
        peak_worker_rss_mb=peaks,
        scales=(small_scale, large_scale),
        load={d.scale: d.load for d in datasets},
    )
    return {
        "name": "case_list",
        "figures": figures,
        "details": {
            "scale": large_scale,
            "reference_scale": small_scale,
            "persons": {d.scale: d.persons for d in datasets},
            "datasets_reused": {d.scale: d.reused for d in datasets},
            "requests_per_figure": {kind: len(timings[(kind, large_scale)]) for kind in paths},
            "paths": paths,
            "queries": terms["queries"],
            "found": found,
            "percentiles_ms": summary,
            "peak_worker_rss_mb": peaks,
            "server": "gunicorn, 2 sync workers, DEBUG off, one per database; requests alternate between them",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1m")
    parser.add_argument("--small", default="10k")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--reload", action="store_true")
    arguments = parser.parse_args()
    result = measure(**vars(arguments))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
