"""The linkage model as data: what is compared, how much each outcome weighs, and which pairs are compared.

The m and u probabilities are fixed here rather than trained on each organisation's records: an organisation
has a few hundred to a few thousand persons, too few duplicates for expectation maximisation to learn from,
and a fixed model gives the same pairs on every backend and every run (docs/adr/0095). They were set from
the labelled benchmark (bench/linkage.py): m is how often a true pair shows the outcome, u how often two
different people do.

Each level carries a code ("surname:cyrillic") that the pages translate, to say which comparisons agreed.
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on

# Pairs at or above this probability wait in the merge queue.
DEFAULT_THRESHOLD = 0.9
# One pair in this many, drawn at random from a small organisation's persons, is one person twice: the prior
# where the records themselves say too little (prior_for).
PRIOR_MATCH = 1e-4
# The share of true pairs the deterministic rules of prior_for find (same name and birth date, or document).
DETERMINISTIC_RECALL = 0.6

Level = tuple[str, Callable[[], Any], float, float]  # code, Splink level, m, u

_BOTH_WOMEN = "sex_l = 'F' AND sex_r = 'F'"  # unquoted: Spark SQL reads double quotes as a string

# Outcomes that confirm a pair beyond the names: without one of them, two records are only namesakes as far
# as the data go, and the pair is never proposed as more likely than NAMES_ONLY_CEILING (engine).
CORROBORATING_LEVELS = frozenset(
    {"date_of_birth:same", "date_of_birth:typo", "documents:same", "contacts:same"}
)
NAMES_ONLY_CEILING = 0.9
# ...and below any queue threshold when the names only nearly agree (a letter apart), or a document number or
# contact both records hold differs: namesakes, as far as the data go.
NAMES_WEAK_CEILING = 0.5
FULL_NAME_LEVELS = frozenset(
    {
        "surname:cyrillic",
        "surname:phonetic",
        "given_name:cyrillic",
        "given_name:phonetic",
        "patronymic:phonetic",
    }
)
CONTRADICTING_LEVELS = frozenset({"documents:different", "contacts:different"})
# The code a pair carries when nothing but its names agree (the pages say so).
NAMES_ONLY = "names:only"

# Per comparison: the column whose absence means "not known", then the levels best first ("else" last).
LEVELS: dict[str, tuple[str, tuple[Level, ...]]] = {
    "surname": (
        "surname_sk",
        (
            ("surname:cyrillic", lambda: cll.ExactMatchLevel("surname_cyr"), 0.55, 0.0008),
            # Any spelling of one meets any of the other, the other gender's form included (Иванова, Ivanov).
            ("surname:phonetic", lambda: cll.ArrayIntersectLevel("surname_keys", 1), 0.30, 0.0015),
            ("surname:typo", lambda: cll.DamerauLevenshteinLevel("surname_sk", 1), 0.06, 0.004),
            ("surname:similar", lambda: cll.JaroWinklerLevel("surname_sk", 0.9), 0.03, 0.01),
            # Two women with different surnames: one may have married. A man's surname rarely changes, so a
            # different surname weighs more against two men (or a man and a woman) than against two women.
            ("surname:married", lambda: cll.CustomLevel(_BOTH_WOMEN), 0.055, 0.24),
            ("surname:different", cll.ElseLevel, 0.005, 0.7437),
        ),
    ),
    "given_name": (
        "given_sk",
        (
            ("given_name:cyrillic", lambda: cll.ExactMatchLevel("given_cyr"), 0.70, 0.006),
            ("given_name:phonetic", lambda: cll.ArrayIntersectLevel("given_keys", 1), 0.22, 0.004),
            ("given_name:typo", lambda: cll.DamerauLevenshteinLevel("given_sk", 1), 0.05, 0.01),
            ("given_name:different", cll.ElseLevel, 0.03, 0.98),
        ),
    ),
    "patronymic": (
        "patronymic_sk",
        (
            ("patronymic:phonetic", lambda: cll.ArrayIntersectLevel("patronymic_keys", 1), 0.90, 0.02),
            ("patronymic:typo", lambda: cll.DamerauLevenshteinLevel("patronymic_sk", 1), 0.07, 0.01),
            ("patronymic:different", cll.ElseLevel, 0.03, 0.95),
        ),
    ),
    "date_of_birth": (
        "dob",
        (
            ("date_of_birth:same", lambda: cll.ExactMatchLevel("dob"), 0.93, 0.00008),
            # One digit typed wrong, or two neighbouring digits swapped.
            ("date_of_birth:typo", lambda: cll.DamerauLevenshteinLevel("dob", 1), 0.066, 0.003),
            # Rare in a true pair: namesakes born on other days must stay below the threshold.
            ("date_of_birth:different", cll.ElseLevel, 0.004, 0.99692),
        ),
    ),
    "documents": (
        "documents",
        (
            ("documents:same", lambda: cll.ArrayIntersectLevel("documents", 1), 0.35, 0.000001),
            ("documents:different", cll.ElseLevel, 0.65, 0.999999),
        ),
    ),
    "contacts": (
        "contacts",
        (
            ("contacts:same", lambda: cll.ArrayIntersectLevel("contacts", 1), 0.40, 0.00001),
            ("contacts:different", cll.ElseLevel, 0.60, 0.99999),
        ),
    ),
    "citizenship": (
        "citizenships",
        (
            ("citizenship:same", lambda: cll.ArrayIntersectLevel("citizenships", 1), 0.97, 0.85),
            ("citizenship:different", cll.ElseLevel, 0.03, 0.15),
        ),
    ),
    "sex": (
        "sex",
        (
            ("sex:same", lambda: cll.ExactMatchLevel("sex"), 0.98, 0.5),
            ("sex:different", cll.ElseLevel, 0.02, 0.5),
        ),
    ),
}

# Every pair compared shares at least one of these. The date of birth alone, because a true pair may differ in
# every name (a married surname and a French spelling of the given name); the names (two of the three), for a
# date of birth missing or mistyped, or a slip in the given name; documents and contacts, for the rest. At 1M persons a day of birth holds about 45.
BLOCKING_RULES = (
    ("dob",),
    ("surname_sk", "given_sk"),
    ("surname_sk", "patronymic_sk"),
    ("document_first",),
    ("contact_first",),
)

# The codes of the levels that count as agreement, for the pages' explanation of a pair.
AGREEMENT_LEVELS = tuple(
    code
    for _, levels in LEVELS.values()
    for code, _, m, u in levels
    if m > u and code.split(":")[1] not in {"different", "married"}
)


def level_weight(m: float, u: float) -> float:
    return math.log2(m / u)


def level_of_weight(comparison: str, weight: float) -> str | None:
    """The level a pair reached in a comparison, read from its match weight (each level's weight is distinct;
    a missing value weighs 0 and has no level)."""
    if weight == 0:
        return None
    levels = LEVELS[comparison][1]
    return min(levels, key=lambda level: abs(level_weight(level[2], level[3]) - weight))[0]


def _comparison(name: str) -> Any:
    null_column, levels = LEVELS[name]
    creators: list[Any] = [cll.NullLevel(null_column)]
    for code, creator, m, u in levels:
        creators.append(creator().configure(m_probability=m, u_probability=u, label_for_charts=code))
    return cl.CustomComparison(comparison_levels=creators, output_column_name=name)


def _pairs_sharing(rows: Sequence[dict[str, object]], columns: tuple[str, ...]) -> int:
    groups = Counter(
        tuple(row[column] for column in columns)
        for row in rows
        if all(row.get(column) is not None for column in columns)
    )
    return sum(size * (size - 1) // 2 for size in groups.values())


def prior_for(rows: Sequence[dict[str, object]]) -> float:
    """The probability that two records drawn at random are one person, estimated from these records as Splink
    does (pairs found by near-certain rules ÷ their recall ÷ all pairs), in plain Python so that every backend
    gets the same number. Among many persons a random pair is less likely to be one person than among few;
    where the rules find nearly nothing (a small organisation), PRIOR_MATCH holds."""
    count = len(rows)
    if count < 2:
        return PRIOR_MATCH
    all_pairs = count * (count - 1) / 2
    certain = _pairs_sharing(rows, ("dob", "surname_sk", "given_sk")) + _pairs_sharing(
        rows, ("document_first",)
    )
    estimated = certain / DETERMINISTIC_RECALL / all_pairs
    floor = min(PRIOR_MATCH, 1 / (count - 1))
    return min(max(estimated, floor if certain < 10 else 1e-9), 0.01)


def settings(prior: float = PRIOR_MATCH) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=prior,
        comparisons=[_comparison(name) for name in LEVELS],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in BLOCKING_RULES],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,  # the per-comparison weights explain a pair
    )
