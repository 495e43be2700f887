"""Benchmark: honest statistics (issue 21).

1. A monthly release of the 8 available tables (bounded contributions, OpenDP noise, post-processing) against
   the same tables as plain GROUP BY queries, in the same run, alternating: goal ≤ 2×.
2. Empirical coverage of the published 95 % margins over 1,000 simulated releases of the month's exact
   counts: goal 94–96.5 %.
3. Cross-organisation linkage of synthetic persons spelled differently by each organisation (ICAO passports
   against MVD-310, Wikipedia/press, German and Cyrillic spellings, 5 % with a typo), hashing included:
   goal ≤ 30 s for 100k × 100k, recall ≥ 95 % at precision ≥ 99 %.

Part of `make bench` (bench/run.py calls `measure`, which loads or reuses the scale's data set, bench/datasets.py,
and runs the measurement in a process of its own against it); on its own:

    .venv/bin/python -m bench.run --scale 100k --only statistics
    .venv/bin/python -m bench.statistics --scale 100k --persons 20000    # against $DATABASE_URL, no recording
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any

from bench.datasets import DEFAULT_SEED, ROOT

ROUNDS = 3
SIMULATED_RELEASES = 1000


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def busiest_month() -> str:
    from django.db.models import Count
    from django.db.models.functions import TruncMonth
    from django.utils import timezone

    from herzen.pathways.models import ApplicationDecision

    this_month = timezone.localdate().replace(day=1)
    row = (
        ApplicationDecision.objects.filter(decided_on__lt=this_month)
        .annotate(month=TruncMonth("decided_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if row is None:  # no decision before this month: the last month that has ended
        month = this_month - timedelta(days=1)
        return f"{month.year}-{month.month:02d}"
    return f"{row['month'].year}-{row['month'].month:02d}"


def release_against_group_by(period: str) -> dict[str, Any]:
    from herzen.domain.statistics.measures import available_measures
    from herzen.statistics.compute import release_tables
    from herzen.statistics.sources import plain_counts

    measures = available_measures()
    release_times, plain_times = [], []
    for _ in range(ROUNDS):
        begun = time.perf_counter()
        tables = release_tables(period, 1.0, measures)
        release_times.append(time.perf_counter() - begun)
        begun = time.perf_counter()
        plain = [plain_counts(m, period) for m in measures]
        plain_times.append(time.perf_counter() - begun)
    return {
        "period": period,
        "release_seconds": statistics.median(release_times),
        "group_by_seconds": statistics.median(plain_times),
        "rounds": ROUNDS,
        "cells_published": sum(1 for t in tables for c in t.cells if c.value is not None),
        "cells_suppressed": sum(t.suppressed_cells for t in tables),
        "units_counted": sum(sum(p.values()) for p in plain),
    }


def coverage(period: str) -> dict[str, Any]:
    from herzen.domain.statistics.measures import available_measures
    from herzen.domain.statistics.privacy import publish, split_epsilon
    from herzen.statistics.compute import exact_counts
    from herzen.statistics.noise import noisy_counts
    from herzen.statistics.sources import universe

    measures = available_measures()
    shares = split_epsilon(1.0, measures)
    exact = {m.key: exact_counts(m, period) for m in measures}
    inside = total = shown_inside = shown_total = 0
    for _ in range(SIMULATED_RELEASES):
        for item in measures:
            keys = universe(item)
            truth = [exact[item.key].cells.get(key, 0) for key in keys]
            noisy, margin = noisy_counts(item, shares[item.key], truth)
            for true_value, value in zip(truth, noisy, strict=True):
                total += 1
                inside += abs(value - true_value) <= margin
            table = publish(item, period, shares[item.key], dict(zip(keys, noisy, strict=True)), margin)
            for cell in table.cells:
                if cell.value is not None and not cell.is_merged:
                    shown_total += 1
                    shown_inside += abs(cell.value - exact[item.key].cells.get(cell.key, 0)) <= cell.error95
    return {
        "releases": SIMULATED_RELEASES,
        "cells": total,
        "coverage": inside / total,
        "published_cells": shown_total,
        "published_coverage": shown_inside / shown_total if shown_total else None,
    }


# --- linkage --------------------------------------------------------------------------------------------
def synthetic_coalition(persons: int, seed: int = 1917) -> tuple[list[Any], list[Any], int, list[int]]:
    """Org A has `persons` persons spelled as in ICAO passports; org B as many, half of them A's persons
    spelled another way (MVD-310, Wikipedia/press, German, Cyrillic; 5 % with a letter dropped), half others."""
    import iuliia
    from faker import Faker

    from herzen.demo.russian_names import family_surname, given_name, surname_for
    from herzen.domain.names.german import to_german
    from herzen.domain.statistics.linkage_keys import LinkagePerson

    rng = random.Random(seed)  # noqa: S311 - synthetic data, not a secret
    faker = Faker("ru_RU")
    faker.seed_instance(seed)

    def person() -> tuple[str, str, str]:
        sex = rng.choice("MF")
        year = rng.randint(1950, 2010)
        return (
            given_name(rng, faker, sex, year),
            surname_for(family_surname(rng, faker), sex),
            f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )

    schemes = [
        iuliia.MVD_310.translate,
        iuliia.WIKIPEDIA.translate,
        lambda word: to_german(word).capitalize(),
        lambda word: word,
    ]

    def other_spelling(word: str) -> str:
        spelled = rng.choice(schemes)(word)
        if rng.random() < 0.05 and len(spelled) > 3:
            cut = rng.randrange(1, len(spelled) - 1)
            spelled = spelled[:cut] + spelled[cut + 1 :]
        return spelled

    def icao(word: str) -> str:
        return str(iuliia.ICAO_DOC_9303.translate(word))

    shared = persons // 2
    people_a = [person() for _ in range(persons)]
    people_b = people_a[:shared] + [person() for _ in range(persons - shared)]
    org_a = [LinkagePerson(icao(g), icao(f), d) for g, f, d in people_a]
    org_b = [LinkagePerson(other_spelling(g), other_spelling(f), d) for g, f, d in people_b]
    order = list(range(persons))
    rng.shuffle(order)  # org B's records in another order than A's
    return org_a, [org_b[i] for i in order], shared, order


def _encode_all(secret: bytes, persons: list[Any]) -> list[Any]:
    from herzen.domain.statistics.linkage_keys import ClkEncoder

    encoder = ClkEncoder(secret)
    return [encoder.encode(person) for person in persons]


def linkage(persons: int) -> dict[str, Any]:
    from herzen.statistics.linkage import THRESHOLD, link

    org_a, org_b, shared, order = synthetic_coalition(persons)
    secret = os.urandom(32)
    # Each organisation would hash its own persons on its own side, at the same time; here both run one after
    # the other in this one process (no multiprocessing), so the figure is the sum of the two.
    begun = time.perf_counter()
    keys_a = _encode_all(secret, org_a)
    hashed_a = time.perf_counter() - begun
    keys_b = _encode_all(secret, org_b)
    hashed = time.perf_counter() - begun
    begun = time.perf_counter()
    matches = link(keys_a, keys_b)
    linked = time.perf_counter() - begun
    # org B's record at position j is org B's original person order[j]; it is A's person i when order[j] == i
    correct = sum(1 for i, j in matches if order[j] == i and i < shared)
    return {
        "persons_per_organisation": persons,
        "shared_persons": shared,
        "threshold": THRESHOLD,
        "hash_seconds": hashed,
        "hash_seconds_first_organisation": hashed_a,
        "link_seconds": linked,
        "total_seconds": hashed + linked,
        "matches": len(matches),
        "correct_matches": correct,
        "recall": correct / shared,
        "precision": correct / len(matches) if matches else None,
        "distinct_persons_counted": 2 * persons - len(matches),
        "distinct_persons_true": 2 * persons - shared,
    }


def measure_here(scale: str, persons: int) -> dict[str, Any]:
    from bench.results import figure

    _setup_django()
    begun_all = time.perf_counter()
    period = busiest_month()
    speed = release_against_group_by(period)
    covered = coverage(period)
    linked = linkage(persons)
    # Hashing grows with the persons, blocked comparisons with their square (the blocks grow with them).
    factor = 100_000 / persons
    extrapolated = (
        linked["hash_seconds"] * factor + linked["link_seconds"] * factor**2 if persons < 100_000 else None
    )
    ratio = speed["release_seconds"] / speed["group_by_seconds"]
    link_seconds = extrapolated if extrapolated is not None else linked["total_seconds"]
    return {
        "name": "statistics",
        "figures": [
            figure(
                "monthly release of 8 tables (DP) ÷ the same tables as GROUP BY",
                speed["release_seconds"],
                "s",
                reference_label="plain GROUP BY",
                reference=speed["group_by_seconds"],
                goal="≤ 2",
                met=ratio <= 2,
            ),
            figure(
                "coverage of the 95 % margins, 1,000 simulated releases",
                covered["coverage"] * 100,
                "%",
                goal="94–96.5",
                met=0.94 <= covered["coverage"] <= 0.965,
            ),
            figure(
                f"linkage {persons:,} × {persons:,}, hashing included"
                + (" (extrapolated to 100k × 100k)" if extrapolated else ""),
                link_seconds,
                "s",
                goal="≤ 30",
                met=link_seconds <= 30,
            ),
            figure("linkage recall", linked["recall"] * 100, "%", goal="≥ 95", met=linked["recall"] >= 0.95),
            figure(
                "linkage precision",
                (linked["precision"] or 0) * 100,
                "%",
                goal="≥ 99",
                met=(linked["precision"] or 0) >= 0.99,
            ),
        ],
        "details": {
            "scale": scale,
            "release": speed,
            "coverage": covered,
            "linkage": linked,
            "linkage_extrapolated_100k_seconds": extrapolated,
            "seconds": time.perf_counter() - begun_all,
            "load_average_at_end": os.getloadavg(),
            "notes": (
                f"The release is measured on the {scale} data set of bench/datasets.py (the issue names 1M; "
                "`make bench` runs 1m, `make bench-quick` 100k). Coverage is over every cell of every table (raw noisy "
                "counts against the exact ones); published_coverage is over the cells a release shows, which are "
                "selected for being large and so is conditional. Linkage persons are synthetic (herzen.demo's "
                "Russian names); dates of birth are never missing, and blocking is on a keyed hash of the birth "
                "year, so a wrong year would be missed. Hashing of both organisations runs in this one process, "
                "one after the other (no multiprocessing); each would hash its own on its own side."
            ),
        },
    }


def measure(
    *, scale: str = "1m", seed: int = DEFAULT_SEED, reload: bool = False, persons: int = 100_000, **_: Any
) -> dict[str, Any]:
    """For bench/run.py: the scale's data set (loaded or reused), then the measurement in a process of its own
    with that database, its blind-index population and local settings."""
    from bench.datasets import ensure_dataset, herzen_environment

    dataset = ensure_dataset(scale, seed=seed, reload=reload)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.statistics", "--inner", "--scale", scale, "--persons", str(persons)],
        cwd=ROOT,
        env=herzen_environment(dataset.url, dataset.population),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the statistics benchmark failed: {done.stderr.strip()[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["details"]["dataset"] = {
        "name": dataset.name,
        "persons": dataset.persons,
        "reused": dataset.reused,
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="100k")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--inner", action="store_true", help="print the result as JSON (for `measure`)")
    arguments = parser.parse_args(argv)
    result = measure_here(arguments.scale, arguments.persons)
    if arguments.inner:
        print(json.dumps(result, default=str))
        return 0
    for row in result["figures"]:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
