"""household_changes.coalesced(): the listeners hear of each household once, on its final state."""

import pytest

from herzen.people import household_changes


@pytest.fixture
def heard(monkeypatch):
    calls: list[tuple[object, object]] = []
    monkeypatch.setattr(
        household_changes, "_listeners", [lambda actor, household: calls.append((actor, household))]
    )
    return calls


def test_outside_a_block_each_change_is_told_at_once(heard):
    household_changes.household_risk_changed("actor", "h1")
    household_changes.household_risk_changed("actor", "h1")
    household_changes.household_risk_changed("actor", None)  # a person without a household
    assert heard == [("actor", "h1"), ("actor", "h1")]


def test_inside_a_block_each_household_is_told_once_at_its_end(heard):
    with household_changes.coalesced():
        household_changes.household_risk_changed("first", "h1")
        household_changes.household_risk_changed("first", "h2")
        with household_changes.coalesced():  # joins the outer block
            household_changes.household_risk_changed("second", "h1")
        assert heard == []
    assert heard == [("second", "h1"), ("first", "h2")]


def test_a_block_that_raises_tells_nobody(heard):
    def failing_change():
        with household_changes.coalesced():
            household_changes.household_risk_changed("actor", "h1")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert heard == []
    household_changes.household_risk_changed("actor", "h3")  # and the next change is told at once again
    assert heard == [("actor", "h3")]
