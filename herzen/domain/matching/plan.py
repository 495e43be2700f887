"""One matching run from instance to checked plan: build the arcs, solve, validate, explain."""

from __future__ import annotations

from dataclasses import dataclass, replace

from herzen.domain.matching import solvers
from herzen.domain.matching.explain import Explanation, explain
from herzen.domain.matching.model import Instance, Plan
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
