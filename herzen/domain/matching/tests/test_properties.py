"""Property tests: on small random instances every plan passes the independent validator and is optimal."""

from __future__ import annotations

from hypothesis import given, settings

from herzen.domain.matching import EmploymentModel, Instance, Placement, eligible, make_plan, score, validate
from herzen.domain.matching.tests.strategies import instances

MODEL = EmploymentModel.default()


def brute_force_best(instance: Instance) -> float:
    """Try every way of placing each household in one of its eligible offers or nowhere; the best total."""
    households = instance.households
    options = [
        [None] + [offer for offer in instance.offers if eligible(household, offer)]
        for household in households
    ]
    best = 0.0

    def walk(index: int, used: dict[str, tuple[int, int]], total: float) -> None:
        nonlocal best
        if index == len(households):
            best = max(best, total)
            return
        household = households[index]
        for offer in options[index]:
            if offer is None:
                walk(index + 1, used, total)
                continue
            persons, children = used.get(offer.key, (0, 0))
            persons += household.persons
            children += household.children
            if persons <= offer.capacity_persons and children <= offer.child_beds:
                walk(
                    index + 1,
                    {**used, offer.key: (persons, children)},
                    total + score(household, offer, instance, MODEL).total,
                )

    walk(0, {}, 0.0)
    return best


@settings(max_examples=60, deadline=None)
@given(instances())
def test_families_plan_passes_the_validator_and_is_optimal(instance: Instance) -> None:
    result = make_plan(instance, MODEL)
    assert validate(instance, result.plan.placements) == []
    assert result.plan.proven_optimal
    assert result.plan.objective >= brute_force_best(instance) - 1e-6


@settings(max_examples=40, deadline=None)
@given(instances(uniform=True))
def test_single_size_plan_is_min_cost_flow_and_optimal(instance: Instance) -> None:
    result = make_plan(instance, MODEL)
    assert result.plan.method == "min_cost_flow"
    assert validate(instance, result.plan.placements) == []
    assert abs(result.plan.objective - brute_force_best(instance)) < 1e-4


@settings(max_examples=40, deadline=None)
@given(instances())
def test_every_household_is_explained_and_placed_at_most_once(instance: Instance) -> None:
    result = make_plan(instance, MODEL)
    placed = [p.household_key for p in result.plan.placements]
    assert len(placed) == len(set(placed))
    assert {e.household_key for e in result.explanations} == {h.key for h in instance.households}
    for placement in result.plan.placements:
        assert isinstance(placement, Placement)
