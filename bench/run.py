"""Run every benchmark in order, record each result (bench/results.py) and print the table.

    .venv/bin/python -m bench.run --scale 1m          # what `make bench` runs
    .venv/bin/python -m bench.run --scale 100k        # a quick run (`make bench-quick`)
    .venv/bin/python -m bench.run --only case_list --only memory

Each benchmark is a module bench/<name>.py with `measure(**options) -> dict`; every one gets the same
options (scale, small, seed, reload) and ignores those it does not use. A module that is not there (yet), or
has no `measure`, is reported as "not available"; one that fails is reported and the others still run.
"""

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from bench.datasets import DEFAULT_SEED
from bench.results import README, record, table

# In the order: 1 case list, 2 intake throughput, 3 audit verification, 4 encryption cost, 5 memory
# (of benchmark 1's workers and of the load, so after it); then honest statistics (issue 21: the release
# against GROUP BY on the same data set, the margins' coverage, cross-organisation linkage).
BENCHMARKS = (
    ("case_list", "bench.case_list"),
    ("intake_throughput", "bench.intake_throughput"),
    ("audit_chain", "bench.audit_chain"),
    ("encryption_cost", "bench.encryption_cost"),
    ("memory", "bench.memory"),
    ("statistics", "bench.statistics"),
)
# Five minutes of 200 simulated users: `make loadtest` (or --only load_test), not part of every `make bench`.
ON_REQUEST = (("load_test", "bench.load_test"),)


def _measure_function(module_name: str) -> Callable[..., dict[str, Any]] | None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise
    measure = getattr(module, "measure", None)
    return measure if callable(measure) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Herzen's benchmarks (issue 8).")
    parser.add_argument("--scale", default="1m", help="the large data set: 1m (default), 100k, or a number")
    parser.add_argument("--small", default="10k", help="the reference data set (default 10k)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--reload", action="store_true", help="load the data sets again even if they match")
    parser.add_argument("--only", action="append", default=[], help="run only this benchmark (repeatable)")
    arguments = parser.parse_args(argv)
    if arguments.scale.lower() == arguments.small.lower():
        parser.error("--scale and --small must differ: the figures compare the two")
    options = {
        "scale": arguments.scale.lower(),
        "small": arguments.small.lower(),
        "seed": arguments.seed,
        "reload": arguments.reload,
    }

    started = time.perf_counter()
    recorded = []
    status = 0
    for name, module_name in BENCHMARKS + ON_REQUEST:
        if (arguments.only and name not in arguments.only) or (
            not arguments.only and (name, module_name) in ON_REQUEST
        ):
            continue
        try:
            measure = _measure_function(module_name)
        except Exception:
            traceback.print_exc()
            print(f"[{name}] could not be imported", flush=True)
            status = 1
            continue
        if measure is None:
            print(f"[{name}] not available", flush=True)
            continue
        print(f"[{name}] running…", flush=True)
        begun = time.perf_counter()
        try:
            result = measure(**options)
        except Exception:
            traceback.print_exc()
            print(f"[{name}] failed after {time.perf_counter() - begun:.0f} s", flush=True)
            status = 1
            continue
        path = record(result, scale=options["scale"])
        recorded.append(json.loads(path.read_text(encoding="utf-8")))
        print(f"[{name}] done in {time.perf_counter() - begun:.0f} s: {path.relative_to(path.parents[2])}")

    print()
    print(table(recorded) if recorded else "No benchmark was recorded.")
    print(
        f"\nTotal {time.perf_counter() - started:.0f} s. Results in bench/results/, table in {README.name}."
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
