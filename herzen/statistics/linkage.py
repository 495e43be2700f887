"""Linking two organisations' Bloom-filter keys with anonlink, so a coalition count is of distinct people.

Each organisation sends only its keys (herzen.domain.statistics.linkage_keys: CLKs made with the coalition's
secret, which the operator never holds) and the blocking tag of each. anonlink compares the keys of each
block by their Sørensen–Dice coefficient and its greedy solver keeps one-to-one matches above the threshold.
The matches turn into one identity per person (`canonical_units`), which the contribution bound then counts
once. The keys are deleted after the release (`forget`): they are as sensitive as the names they encode.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence

# anonlink 0.15 imports pkg_resources (setuptools < 81 is pinned for it) and warns that it is deprecated.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", UserWarning)
    import anonlink

from herzen.domain.statistics.linkage_keys import LinkageKey

# Dice similarity above which two keys are taken for one person (tuned on the benchmark's synthetic
# coalition: spellings by different transliteration schemes and a typo now and then stay above it).
THRESHOLD = 0.87


def link(
    first: Sequence[LinkageKey], second: Sequence[LinkageKey], threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    """One-to-one matches (index in first, index in second)."""
    if not first or not second:
        return []
    blocks = ([key.block for key in first], [key.block for key in second])

    def blocking(dataset: int, record: int, _clk: object) -> list[Hashable]:
        return [blocks[dataset][record]]

    candidates = anonlink.candidate_generation.find_candidate_pairs(
        [[key.clk for key in first], [key.clk for key in second]],
        anonlink.similarities.dice_coefficient_accelerated,
        threshold,
        blocking_f=blocking,
    )
    groups = anonlink.solving.greedy_solve(candidates)
    matches = []
    for group in groups:
        ends = sorted(group)
        if len(ends) == 2 and ends[0][0] == 0 and ends[1][0] == 1:
            matches.append((int(ends[0][1]), int(ends[1][1])))
    return matches


def canonical_units(
    first_units: Sequence[Hashable], second_units: Sequence[Hashable], matches: Sequence[tuple[int, int]]
) -> dict[Hashable, Hashable]:
    """For each unit of the second organisation matched to one of the first, the first's unit: counting rows
    under these identities counts a person known to both once."""
    return {second_units[j]: first_units[i] for i, j in matches}


def forget(keys: list[LinkageKey]) -> None:
    """Drop the keys once the release is computed (the list is emptied in place, so no caller keeps them)."""
    keys.clear()
