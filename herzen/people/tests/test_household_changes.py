"""household_changes: the listeners hear of every change at once, inside the changing transaction."""

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
