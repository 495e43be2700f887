"""Time in state: ended stays only, median and 90th percentile with linear interpolation."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.workflow.durations import ended_stays, percentile, time_in_state

START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def history(*steps: tuple[str, float]) -> list[tuple[str, datetime]]:
    """A history from (state entered, days after START)."""
    return [(state, START + timedelta(days=days)) for state, days in steps]


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([10.0], 0.9) == 10.0
    # 10 values 1..10: position (10-1)*0.9 = 8.1 -> 9 + 0.1 * (10 - 9)
    assert percentile([float(v) for v in range(10, 0, -1)], 0.9) == pytest.approx(9.1)
    assert percentile([3.0, 1.0, 2.0], 0.0) == 1.0
    assert percentile([3.0, 1.0, 2.0], 1.0) == 3.0


def test_percentile_refuses_nothing_and_bad_fractions() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1.0], 1.5)


def test_the_current_state_has_no_length_yet() -> None:
    stays = ended_stays(history(("draft", 0), ("submitted", 2.5), ("decided", 12.5)))
    assert stays == [("draft", 2.5), ("submitted", 10.0)]
    assert ended_stays(history(("draft", 0))) == []


def test_moves_out_of_order_are_put_in_time_order() -> None:
    assert ended_stays(list(reversed(history(("draft", 0), ("submitted", 3))))) == [("draft", 3.0)]


def test_figures_over_a_known_set_of_histories() -> None:
    histories = [
        history(("draft", 0), ("submitted", 1), ("decided", 11)),
        history(("draft", 0), ("submitted", 2), ("decided", 22)),
        history(("draft", 0), ("submitted", 3), ("decided", 33)),
        history(("draft", 0), ("submitted", 4)),  # still at the authority: its wait does not count yet
    ]
    by_state = {row.state: row for row in time_in_state(histories)}
    assert list(by_state) == ["draft", "submitted"]
    assert by_state["draft"].stays == 4
    assert by_state["draft"].median_days == 2.5  # 1, 2, 3, 4
    assert by_state["draft"].p90_days == pytest.approx(3.7)  # position 2.7 -> 3 + 0.7
    assert by_state["submitted"].stays == 3
    assert by_state["submitted"].median_days == 20.0  # 10, 20, 30
    assert by_state["submitted"].p90_days == pytest.approx(28.0)  # position 1.8 -> 20 + 0.8 * 10


def test_a_state_visited_twice_counts_both_stays() -> None:
    rows = time_in_state([history(("a", 0), ("b", 1), ("a", 4), ("b", 10))])
    by_state = {row.state: row for row in rows}
    assert by_state["a"].stays == 2
    assert by_state["a"].median_days == 3.5  # 1 and 6


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=50))
def test_percentiles_lie_within_the_values_and_in_order(values: list[float]) -> None:
    median = percentile(values, 0.5)
    p90 = percentile(values, 0.9)
    assert min(values) <= median <= p90 <= max(values) or median == pytest.approx(p90)
