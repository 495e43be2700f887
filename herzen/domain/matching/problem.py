"""The numeric form the solvers work on: households with sizes, offers with capacities, scored candidate arcs.

Only eligible pairs become arcs (eligibility.py), so a solver can break no rule but capacity, and the solvers
check capacity themselves. Arrays are numpy so that 10⁵ households × 10⁶ arcs build and solve in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from herzen.domain.matching.eligibility import eligible
from herzen.domain.matching.model import Instance, Placement
from herzen.domain.matching.scoring import EmploymentModel, score

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ArcProblem:
    household_persons: IntArray
    household_children: IntArray
    offer_capacity: IntArray
    offer_child_beds: IntArray
    arc_household: IntArray
    arc_offer: IntArray
    arc_score: FloatArray

    @property
    def households(self) -> int:
        return int(self.household_persons.shape[0])

    @property
    def offers(self) -> int:
        return int(self.offer_capacity.shape[0])

    def objective(self, chosen_arcs: IntArray) -> float:
        return float(self.arc_score[chosen_arcs].sum())

    def with_scores(self, arc_score: FloatArray) -> ArcProblem:
        return ArcProblem(
            self.household_persons,
            self.household_children,
            self.offer_capacity,
            self.offer_child_beds,
            self.arc_household,
            self.arc_offer,
            arc_score,
        )

    def with_capacity(self, capacity: IntArray, child_beds: IntArray) -> ArcProblem:
        return ArcProblem(
            self.household_persons,
            self.household_children,
            capacity,
            child_beds,
            self.arc_household,
            self.arc_offer,
            self.arc_score,
        )


@dataclass(frozen=True)
class BuiltProblem:
    problem: ArcProblem
    household_keys: tuple[str, ...]
    offer_keys: tuple[str, ...]

    def placements(self, instance: Instance, chosen_arcs: IntArray) -> tuple[Placement, ...]:
        placements = []
        for arc in chosen_arcs.tolist():
            household = instance.households_by_key[self.household_keys[self.problem.arc_household[arc]]]
            offer_key = self.offer_keys[self.problem.arc_offer[arc]]
            placements.append(Placement(household.key, offer_key, household.persons, household.children))
        return tuple(placements)


def build_problem(
    instance: Instance,
    model: EmploymentModel,
    *,
    capacity_used: dict[str, tuple[int, int]] | None = None,
) -> BuiltProblem:
    """Arcs for every eligible pair; `capacity_used` (persons, children) is taken off offers already partly filled."""
    used = capacity_used or {}
    arcs_h: list[int] = []
    arcs_o: list[int] = []
    scores: list[float] = []
    for h_index, household in enumerate(instance.households):
        for o_index, offer in enumerate(instance.offers):
            if eligible(household, offer):
                arcs_h.append(h_index)
                arcs_o.append(o_index)
                scores.append(score(household, offer, instance, model).total)
    capacity = [max(0, o.capacity_persons - used.get(o.key, (0, 0))[0]) for o in instance.offers]
    beds = [max(0, o.child_beds - used.get(o.key, (0, 0))[1]) for o in instance.offers]
    problem = ArcProblem(
        household_persons=np.array([h.persons for h in instance.households], dtype=np.int64),
        household_children=np.array([h.children for h in instance.households], dtype=np.int64),
        offer_capacity=np.array(capacity, dtype=np.int64),
        offer_child_beds=np.array(beds, dtype=np.int64),
        arc_household=np.array(arcs_h, dtype=np.int64),
        arc_offer=np.array(arcs_o, dtype=np.int64),
        arc_score=np.array(scores, dtype=np.float64),
    )
    return BuiltProblem(
        problem,
        tuple(h.key for h in instance.households),
        tuple(o.key for o in instance.offers),
    )
