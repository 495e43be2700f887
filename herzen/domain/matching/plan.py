"""One matching run from instance to checked plan: build the arcs, solve, validate, explain."""

from __future__ import annotations

from dataclasses import dataclass, replace

from herzen.domain.matching import dynamic, solvers
from herzen.domain.matching.explain import Explanation, explain
from herzen.domain.matching.model import Household, Instance, Plan
from herzen.domain.matching.problem import build_problem
from herzen.domain.matching.scoring import EmploymentModel
from herzen.domain.matching.validator import Violation, validate


class PlanRefused(Exception):
    """The validator found violations: a solver bug, never something to hand to a coordinator."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(f"{len(violations)} hard-rule violations")
        self.violations = violations


@dataclass(frozen=True)
class Result:
    plan: Plan
    explanations: list[Explanation]


def make_plan(
    instance: Instance,
    model: EmploymentModel,
    *,
    capacity_used: dict[str, tuple[int, int]] | None = None,
    time_limit: float = 10.0,
) -> Result:
    built = build_problem(instance, model, capacity_used=capacity_used)
    solved = solvers.solve(built.problem, time_limit=time_limit)
    placements = built.placements(instance, solved.chosen_arcs)
    violations = validate(_with_capacity_used(instance, capacity_used), placements)
    if violations:
        raise PlanRefused(violations)
    plan = Plan(placements, solved.objective, solved.method, solved.proven_optimal, solved.upper_bound)
    return Result(plan, explain(instance, placements, model))


def _with_capacity_used(instance: Instance, used: dict[str, tuple[int, int]] | None) -> Instance:
    """The instance with offers shrunk by what earlier, still standing placements already took."""
    if not used:
        return instance
    offers = tuple(
        replace(
            offer,
            capacity_persons=offer.capacity_persons - used.get(offer.key, (0, 0))[0],
            child_beds=offer.child_beds - used.get(offer.key, (0, 0))[1],
        )
        for offer in instance.offers
    )
    return Instance(instance.households, offers, instance.jobs)


# A price below this is no price: the offer's room is not scarce against the arrivals expected.
PRICE_FLOOR = 1e-9


@dataclass(frozen=True)
class DynamicResult:
    result: Result
    # Per offer key: the price per person at which its room is kept for households expected later (0: not scarce).
    reserved: dict[str, float]


def make_dynamic_plan(
    batch: Instance,
    expected: tuple[Household, ...],
    model: EmploymentModel,
    *,
    capacity_used: dict[str, tuple[int, int]] | None = None,
) -> DynamicResult:
    """Place the households who arrived now (`batch`) against today's capacity, keeping room for `expected`
    households still to come (dynamic.py, Ahani et al. 2024): each offer's room is priced by the dual of its
    capacity in the LP over everyone (now and later), and a household now takes a place only where its score
    covers that price. An alternative not taken because its room is kept for later is explained as "kept"."""
    current = _with_capacity_used(batch, capacity_used)
    now = build_problem(current, model)
    if now.problem.arc_household.size == 0:
        plan = Plan((), 0.0, "dynamic", False, None)
        return DynamicResult(Result(plan, explain(current, (), model)), {o.key: 0.0 for o in current.offers})
    arriving = {h.key for h in current.households}
    later = tuple(h for h in expected if h.key not in arriving)
    ahead = build_problem(Instance(current.households + later, current.offers, current.jobs), model)
    prices = dynamic.potentials(ahead.problem, ahead.problem.offer_capacity, ahead.problem.offer_child_beds)
    chosen = dynamic.solve_batch(now.problem, prices)
    placements = now.placements(current, chosen)
    violations = validate(current, placements)
    if violations:
        raise PlanRefused(violations)
    reserved = {key: max(0.0, float(prices.per_person[i])) for i, key in enumerate(now.offer_keys)}
    explanations = [
        replace(
            e,
            alternatives=tuple(
                replace(a, reason="kept")
                if a.reason == "plan" and reserved.get(a.offer_key, 0) > PRICE_FLOOR
                else a
                for a in e.alternatives
            ),
        )
        for e in explain(current, placements, model)
    ]
    plan = Plan(placements, now.problem.objective(chosen), "dynamic", False, None)
    return DynamicResult(Result(plan, explanations), reserved)
