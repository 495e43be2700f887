"""Search recall per spelling family (issue 16): is the person found by the spelling on the paper in front of
the caseworker, and who else comes with them?

Labelled synthetic data: the demo generator's persons (herzen.demo.planning, seed 1917), each rendered into
the spellings of every family (herzen.demo.spellings: English, French, Polish, Czech, Ukrainian, Kazakh,
German, and the internal passport's MRZ line), and each rendering once more with a typo. Every query goes
through what the database search does, without the database: candidates are the persons holding a key of
every word (strict keys, and for the near-miss tier the deletion-neighbourhood keys the persons are stored
under), confirmed with `match_person` on their keys, as herzen.people.search confirms them after decrypting.

Figures per family: recall of clean renderings (goal >= 98 %), recall with a typo (near misses on), and the
strangers per query (results whose name is another one). "as typed" is the baseline without other
languages' readings: what the search found before this issue.

    .venv/bin/python -m bench.search_recall [--households 300]
"""

import argparse
import random
import re
import time
from collections import defaultdict
from datetime import date
from typing import Any

from herzen.demo.planning import plan_households
from herzen.demo.spellings import FAMILIES, render, with_typo
from herzen.domain.names import FullName, name_keys, person_name_keys, skeleton
from herzen.domain.names.near import person_near_keys
from herzen.domain.names.search import QueryWord, Rank, match_person, parse_query

NAME = "linkage-search"
GOAL = 0.98


class Population:
    def __init__(self, names: list[FullName]) -> None:
        self.names = names
        self.keys = [person_name_keys([name]) for name in names]
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.by_near: dict[str, set[int]] = defaultdict(set)
        for person, keys in enumerate(self.keys):
            for key in keys:
                self.by_key[key].add(person)
            for key in person_near_keys(keys):
                self.by_near[key].add(person)

    def _bucket(self, word: QueryWord, *, near: bool, as_typed: bool) -> set[int]:
        keys = word.exact | word.phonetic if as_typed else word.strict_keys
        found = set().union(*(self.by_key.get(key, set()) for key in keys))
        if near:
            found |= set().union(*(self.by_near.get(key, set()) for key in word.near))
        return found

    def search(self, query: str, *, near: bool, as_typed: bool = False) -> dict[int, Rank]:
        words = _as_typed(query) if as_typed else parse_query(query)
        if not words:
            return {}
        candidates = set.intersection(*(self._bucket(w, near=near, as_typed=as_typed) for w in words))
        hits = {}
        for person in candidates:
            match = match_person(words, self.keys[person], near=near)
            if match is not None:
                hits[person] = match.rank
        return hits


def _as_typed(query: str) -> list[QueryWord]:
    """The query as the search read it before issue 16: each word as typed, no other language's reading, no
    MRZ line."""
    words = []
    for text in re.split(r"[\s,;]+", query):
        keys = name_keys(text)
        exact = frozenset(key for key in keys if key.startswith("f:"))
        if keys:
            words.append(QueryWord(text, exact, keys - exact))
    return words


def _same_name(first: FullName, second: FullName) -> bool:
    """Namesakes are no strangers: the same surname (either gender's form) and given name, by sound."""

    def stem(word: str) -> str:
        sound = skeleton(word)
        return sound[:-1] if sound.endswith("a") else sound

    return stem(first.surname) == stem(second.surname) and skeleton(first.given_name) == skeleton(
        second.given_name
    )


def measure(households: int = 300, seed: int = 1917, **_: Any) -> dict[str, Any]:
    plans = plan_households(
        seed=seed, households=households, today=date(2026, 11, 23), organisation_countries=["GE", "KZ", "DE"]
    )
    names = [FullName(m.surname, m.given_name, m.patronymic) for h in plans for m in h.members]
    started = time.perf_counter()
    population = Population(names)
    rng = random.Random(seed)  # noqa: S311 (synthetic renderings, nothing secret)
    tally: dict[str, dict[str, float]] = {family: defaultdict(float) for family in FAMILIES}
    misses: dict[str, list[str]] = defaultdict(list)
    for person, name in enumerate(names):
        for family in FAMILIES:
            query = render(name, family, rng)
            counts = tally[family]
            counts["queries"] += 1
            hits = population.search(query, near=False)
            if person in hits:
                counts["found"] += 1
            elif len(misses[family]) < 15:
                misses[family].append(f"{name.surname} {name.given_name} {name.patronymic} -> {query}")
            counts["found_as_typed"] += person in population.search(query, near=False, as_typed=True)
            counts["strangers"] += sum(1 for other in hits if not _same_name(names[other], name))
            if family == "mrz":
                continue  # a machine-readable line is pasted, not typed
            typo = with_typo(query, rng)
            counts["typo_queries"] += 1
            near_hits = population.search(typo, near=True)
            counts["typo_found"] += person in near_hits
            counts["typo_strangers"] += sum(1 for other in near_hits if not _same_name(names[other], name))
    elapsed = time.perf_counter() - started
    figures = []
    per_family = {}
    for family in FAMILIES:
        counts = tally[family]
        recall = counts["found"] / counts["queries"]
        per_family[family] = {
            "queries": int(counts["queries"]),
            "recall": round(recall, 4),
            "recall_as_typed_before": round(counts["found_as_typed"] / counts["queries"], 4),
            "strangers_per_query": round(counts["strangers"] / counts["queries"], 3),
            "typo_queries": int(counts["typo_queries"]),
            "typo_recall_with_near_misses": round(counts["typo_found"] / counts["typo_queries"], 4)
            if counts["typo_queries"]
            else None,
            "typo_strangers_per_query": round(counts["typo_strangers"] / counts["typo_queries"], 3)
            if counts["typo_queries"]
            else None,
            "misses_sample": misses[family],
        }
        figures.append(
            {
                "label": f"search recall, {family} spellings",
                "value": round(recall, 4),
                "unit": "share found",
                "reference_label": "as typed (before issue 16)",
                "reference": per_family[family]["recall_as_typed_before"],
                "ratio": None,
                "goal": f">= {GOAL}",
                "met": recall >= GOAL,
            }
        )
        typo_recall = per_family[family]["typo_recall_with_near_misses"]
        if typo_recall is not None:
            figures.append(
                {
                    "label": f"search recall with a typo, {family} spellings",
                    "value": typo_recall,
                    "unit": "share found",
                    "reference_label": "",
                    "reference": None,
                    "ratio": None,
                    "goal": f">= {GOAL}",
                    "met": typo_recall >= GOAL,
                }
            )
    return {
        "name": NAME,
        "figures": figures,
        "details": {
            "scale": f"{len(names)} persons ({households} demo households, seed {seed})",
            "families": per_family,
            "seconds": round(elapsed, 1),
            "notes": (
                "In-process, no database: the same keys, buckets and confirmation as herzen.people.search. "
                "Run on the shared 2-core machine while other agents were working."
            ),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=300)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    result = measure(households=args.households)
    for family, figures in result["details"]["families"].items():
        shown = {k: v for k, v in figures.items() if k != "misses_sample"}
        print(family, shown)
    if not args.no_record:
        from bench.results import record

        print(record(result))


if __name__ == "__main__":
    main()
