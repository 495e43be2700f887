"""How long applications spend in each state, from their histories of moves.

A history is one application's moves in order: (state entered, when). The time spent in a state is the time
from entering it to the next move. Only stays that ended count: the state an application is in now has no
length yet (counting it up to "now" would mix finished and unfinished waits into one figure), and a
finished application's last state never ends.

Percentiles interpolate linearly between the two nearest ranks (the common "type 7" definition, as in
numpy and spreadsheets), so the median of an even count is the mean of the middle two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

SECONDS_PER_DAY = 86_400

Move = tuple[str, datetime]  # (the state entered, when)


@dataclass(frozen=True)
class StateDurations:
    state: str
    stays: int  # how many ended stays the figures are computed from
    median_days: float
    p90_days: float


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` (0..1) percentile of `values`, linearly interpolated between closest ranks."""
    if not values:
        raise ValueError("no values")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = math.floor(position)
    upper = math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def ended_stays(history: Sequence[Move]) -> list[tuple[str, float]]:
    """(state, days spent in it) for every state of one history that was left again, in order."""
    ordered = sorted(history, key=lambda move: move[1])
    return [
        (state, (left_at - entered_at).total_seconds() / SECONDS_PER_DAY)
        for (state, entered_at), (_, left_at) in pairwise(ordered)
    ]


def time_in_state(histories: Iterable[Sequence[Move]]) -> list[StateDurations]:
    """Median and 90th percentile of days spent in each state over many histories, in the order states are
    first met (a pathway's histories meet its states roughly in the order of its table)."""
    days: dict[str, list[float]] = {}
    for history in histories:
        for state, spent in ended_stays(history):
            days.setdefault(state, []).append(spent)
    return [
        StateDurations(
            state=state,
            stays=len(values),
            median_days=percentile(values, 0.5),
            p90_days=percentile(values, 0.9),
        )
        for state, values in days.items()
    ]
