"""Benchmark 5: memory. The peak RSS of a web worker while benchmark 1 runs against the large data set (goal
under 300 MB; the same at the small scale for reference), and the peak RSS of loading the large data set
(from `python -m bench.loadscale --report`, or sampled by bench/datasets.py when the report does not say).

It reports what benchmark 1 measured in this process (bench.case_list.LAST_RUN), and runs benchmark 1 first
when it has not run yet. A reused data set keeps the load figures of the run that loaded it.

    .venv/bin/python -m bench.memory --scale 1m
"""

import argparse
import json
from typing import Any

from bench import case_list
from bench.datasets import DEFAULT_SEED, peak_load_rss_mb
from bench.results import figure

WORKER_GOAL_MB = 300


def measure(**options: Any) -> dict[str, Any]:
    if not case_list.LAST_RUN:
        case_list.measure(**options)
    run = case_list.LAST_RUN
    small, large = run["scales"]
    peaks = run["peak_worker_rss_mb"]
    load = run["load"].get(large, {})
    load_peak = peak_load_rss_mb(load)
    figures = [
        figure(
            f"web worker peak RSS, case list at {large}",
            peaks[large],
            "MiB",
            reference_label=f"at {small}",
            reference=peaks[small],
            goal=f"< {WORKER_GOAL_MB} MiB",
            met=peaks[large] < WORKER_GOAL_MB,
        ),
        figure(
            f"peak RSS of loading {large} (largest process)",
            load_peak,
            "MiB",
            reference_label="whole process tree, sampled",
            reference=load.get("peak_rss_mb_sampled"),
            goal="reported",
        ),
    ]
    return {
        "name": "memory",
        "figures": figures,
        "details": {
            "scale": large,
            "peak_worker_rss_mb": peaks,
            "load_seconds": load.get("seconds"),
            "load_peak_rss_mb_sampled": load.get("peak_rss_mb_sampled"),
            "load_report": load.get("report"),
            "note": "worker RSS sampled every 0.2 s by bench/server.py during benchmark 1's timed rounds",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1m")
    parser.add_argument("--small", default="10k")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    arguments = parser.parse_args()
    print(json.dumps(measure(**vars(arguments)), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
