"""The privacy budget and the post-processing of noisy counts.

Each release spends at most ε = 1 and every person's releases in a calendar year at most ε = 4: every release
counts every person in the records, so the person's spend is the sum of the releases' ε (sequential
composition), and the ledger of releases is the per-person ledger. Inside a release the ε is split evenly over
its tables (a person can be in all of them).

The noise itself is drawn by OpenDP (herzen.statistics.noise); this module only takes what the mechanism
returns and its stated 95 % margin, and makes the published table: counts made non-negative integers,
cells whose margin exceeds half their value merged into one "other" cell (and that cell suppressed if it is
still too small), and a total that is the sum of the cells shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from herzen.domain.statistics.measures import Measure
from herzen.domain.statistics.tables import MERGED_KEY, CellKey, PublishedCell, PublishedTable

MAX_RELEASE_EPSILON = 1.0
MAX_YEARLY_EPSILON = 4.0
# A cell is published when its 95 % margin is at most this share of its value.
RELIABILITY_SHARE = 0.5

METHOD = (
    "Differential privacy (pure ε-DP) with OpenDP's discrete Laplace mechanism. Each person (or household, "
    "as the measure states) contributes at most the stated number of records to a table; the noise is scaled "
    "to that bound divided by the table's ε. The release's ε (at most 1) is split evenly over its tables, and "
    "a person's releases in a calendar year spend at most ε = 4 in total. The 95 % margin of each cell comes "
    "from OpenDP's accuracy function. Noisy counts are rounded to non-negative integers; cells whose margin "
    "would exceed half their value are merged into one 'other' cell, which is itself suppressed if it is "
    "still below that threshold (its margin assumes independent noises and is approximate); totals are the "
    "sums of the cells shown."
)


class BudgetExceeded(ValueError):
    pass


@dataclass(frozen=True)
class Budget:
    spent_this_year: float

    @property
    def remaining(self) -> float:
        return max(0.0, MAX_YEARLY_EPSILON - self.spent_this_year)

    def check(self, epsilon: float) -> None:
        """Refuse a release above ε = 1, at or below 0, or one that would take the year above ε = 4."""
        if not 0 < epsilon <= MAX_RELEASE_EPSILON:
            raise BudgetExceeded(f"a release spends more than 0 and at most {MAX_RELEASE_EPSILON}")
        if self.spent_this_year + epsilon > MAX_YEARLY_EPSILON + 1e-9:
            raise BudgetExceeded(
                f"the year's budget of {MAX_YEARLY_EPSILON} would be exceeded "
                f"({self.spent_this_year:g} spent, {epsilon:g} asked)"
            )


def split_epsilon(epsilon: float, measures: Sequence[Measure]) -> dict[str, float]:
    """The release's ε split evenly over its tables; the shares sum to the release's ε."""
    if not measures:
        return {}
    share = epsilon / len(measures)
    return {m.key: share for m in measures}


def noise_scale(measure: Measure, epsilon: float) -> float:
    """The discrete Laplace scale giving ε-DP for a table whose L1 sensitivity is the contribution bound."""
    return measure.contribution_bound / epsilon


def publish(
    measure: Measure,
    period: str,
    epsilon: float,
    noisy: Mapping[CellKey, int],
    error95: float,
    *,
    distinct_across_organisations: bool = False,
    linked_organisations: int = 0,
) -> PublishedTable:
    """The published table from one measure's noisy counts (all drawn with the same scale, so one margin)."""
    margin = math.ceil(error95)
    shown: list[PublishedCell] = []
    small: list[int] = []
    for key in sorted(noisy):
        value = max(0, int(noisy[key]))
        if margin <= RELIABILITY_SHARE * value:
            shown.append(PublishedCell(measure.key, key, value, margin))
        else:
            # The raw noisy value, not the one clamped at zero: clamping each small cell before adding them
            # would bias the merged cell upwards.
            small.append(int(noisy[key]))
    if small:
        # Approximate margin of a sum of independent noises: exact for one cell, conservative for many
        # (a normal approximation gives 1.96·√(2k)·scale, below √k times the single-cell bound of ~3·scale).
        merged_margin = math.ceil(error95 * math.sqrt(len(small)))
        merged_value = max(0, sum(small))
        reliable = merged_margin <= RELIABILITY_SHARE * merged_value
        shown.append(
            PublishedCell(
                measure.key,
                MERGED_KEY,
                merged_value if reliable else None,
                merged_margin,
                merged_from=len(small),
            )
        )
    return PublishedTable(
        measure=measure,
        period=period,
        epsilon=epsilon,
        cells=tuple(shown),
        distinct_across_organisations=distinct_across_organisations,
        suppressed_cells=len(small),
        linked_organisations=linked_organisations if distinct_across_organisations else 0,
    )
