"""The validator names every broken rule; explanations say why a household went where it went."""

from __future__ import annotations

from datetime import date

import numpy as np

from herzen.domain.matching import (
    EmploymentModel,
    Household,
    Instance,
    Job,
    Offer,
    OfferKind,
    Part,
    Placement,
    Rule,
    Tie,
    dynamic,
    make_plan,
    solvers,
    validate,
    violations_by_rule,
)
from herzen.domain.matching.baselines import first_come_first_served, greedy
from herzen.domain.matching.problem import ArcProblem

MODEL = EmploymentModel.default()


def _flat(key: str, town: str, persons: int, **extra: object) -> Offer:
    fields: dict[str, object] = {
        "kind": OfferKind.HOUSING,
        "region": "Sachsen",
        "state": "DE",
        "capacity_persons": persons,
        "child_beds": 2,
        "local_languages": frozenset({"de"}),
    }
    fields.update(extra)
    return Offer(key=key, town=town, **fields)  # type: ignore[arg-type]


FAMILY = Household(
    key="ivanov",
    adults=2,
    children=2,
    destination_state="DE",
    languages=frozenset({"ru", "de"}),
    skills=frozenset({"nurse"}),
    ties=(Tie("Leipzig", "sister"),),
)


def test_each_hard_rule_is_reported_by_name() -> None:
    wheelchair = Household(
        "w", 1, 0, "DE", needs_accessible=True, has_pets=True, vetoes=frozenset({"Dresden"})
    )
    small = _flat(
        "small", "Dresden", 2, child_beds=0, pets_allowed=False, state="LT", available_to=date(2026, 1, 1)
    )
    instance = Instance(
        (FAMILY, wheelchair, Household("late", 1, 0, "LT", ready_on=date(2026, 5, 1))), (small,)
    )
    placements = [
        Placement("ivanov", "small", 3, 1),  # part of the family only
        Placement("w", "small", 1, 0),
        Placement("late", "small", 1, 0),
        Placement("late", "small", 1, 0),
        Placement("nobody", "small", 1, 0),
    ]
    counts = violations_by_rule(validate(instance, placements))
    for rule in (
        Rule.WHOLE_HOUSEHOLD,
        Rule.ONE_PLACE,
        Rule.CAPACITY_PERSONS,
        Rule.CHILD_BEDS,
        Rule.DESTINATION_STATE,
        Rule.ACCESSIBILITY,
        Rule.VETO,
        Rule.PETS,
        Rule.DATES,
        Rule.UNKNOWN,
    ):
        assert counts.get(rule.value), rule


def test_explanation_names_the_parts_and_the_better_offer_that_had_no_room() -> None:
    leipzig = _flat("leipzig", "Leipzig", 4)
    dresden = _flat("dresden", "Dresden", 3)
    jobs = (Job("clinic", "Dresden", 2, frozenset({"de"}), frozenset({"nurse"})),)
    instance = Instance((FAMILY,), (leipzig, dresden), jobs)
    result = make_plan(instance, MODEL)
    (explanation,) = result.explanations
    assert explanation.town == "Leipzig"
    parts = {part.part: part for part in explanation.parts}
    assert parts[Part.LOCAL_LANGUAGE].detail == "de"
    assert parts[Part.LOCAL_LANGUAGE].value > 0
    assert parts[Part.TIES].detail == "sister"
    (alternative,) = explanation.alternatives
    assert alternative.town == "Dresden"
    assert Part.PROFESSION in alternative.better_on
    assert alternative.reason == Rule.CAPACITY_PERSONS.value


def test_weights_are_data_and_can_be_changed_per_programme() -> None:
    heavy_ties = EmploymentModel.default({"weights": {"ties_distance": 5.0}})
    assert heavy_ties.weight_ties_distance == 5.0
    assert heavy_ties.coefficients == MODEL.coefficients


def _random_families(seed: int, n: int, m: int, k: int) -> ArcProblem:
    rng = np.random.default_rng(seed)
    persons = 1 + np.minimum(rng.poisson(1.3, n), 8)
    children = np.minimum(rng.poisson(0.5, n), persons - 1)
    capacity = np.maximum(1, rng.gamma(2.0, 1.0, m) * persons.sum() * 1.1 / (2.0 * m)).astype(np.int64)
    beds = (capacity // 2).astype(np.int64)
    arc_h = np.repeat(np.arange(n), k)
    arc_o = rng.integers(0, m, n * k)
    return ArcProblem(persons, children, capacity, beds, arc_h, arc_o, rng.random(n * k))


def test_lp_rounding_is_feasible_and_close_to_the_bound_and_beats_the_baselines() -> None:
    problem = _random_families(3, 2000, 40, 6)
    relaxation = solvers.solve_lp(problem)
    chosen = solvers.round_and_repair(problem, relaxation.values)
    assert len(set(problem.arc_household[chosen].tolist())) == chosen.size
    used = np.bincount(
        problem.arc_offer[chosen], problem.household_persons[problem.arc_household[chosen]], 40
    )
    assert (used <= problem.offer_capacity).all()
    value = problem.objective(chosen)
    assert value >= 0.99 * relaxation.bound
    arrival = np.random.default_rng(0).permutation(problem.households)
    assert value > problem.objective(greedy(problem, arrival))
    assert value > problem.objective(first_come_first_served(problem, arrival))


def test_dynamic_prices_keep_room_and_each_batch_fits() -> None:
    year = _random_families(5, 1000, 20, 5)
    prices = dynamic.potentials(year, year.offer_capacity, year.offer_child_beds)
    assert (prices.per_person >= 0).all()
    chosen = dynamic.solve_batch(year, prices)
    assert len(set(year.arc_household[chosen].tolist())) == chosen.size
