"""What NGOs do today, to measure the optimiser against: arrival-order greedy and first come, first served."""

from __future__ import annotations

import numpy as np

from herzen.domain.matching.problem import ArcProblem, IntArray


def _place_in_order(
    problem: ArcProblem, arrival: IntArray, choose_best: bool, rng: np.random.Generator
) -> IntArray:
    persons_left = problem.offer_capacity.astype(np.int64).copy()
    beds_left = problem.offer_child_beds.astype(np.int64).copy()
    order = np.lexsort((-problem.arc_score, problem.arc_household)).astype(np.int64)
    offsets = np.searchsorted(problem.arc_household[order], np.arange(problem.households + 1))
    arc_offer = problem.arc_offer.tolist()
    chosen: list[int] = []
    for household in arrival.tolist():
        size = int(problem.household_persons[household])
        kids = int(problem.household_children[household])
        arcs = order[offsets[household] : offsets[household + 1]].tolist()
        if not choose_best:
            rng.shuffle(arcs)
        for arc in arcs:
            offer = arc_offer[arc]
            if persons_left[offer] >= size and beds_left[offer] >= kids:
                persons_left[offer] -= size
                beds_left[offer] -= kids
                chosen.append(arc)
                break
    return np.array(sorted(chosen), dtype=np.int64)


def greedy(problem: ArcProblem, arrival: IntArray) -> IntArray:
    """Each household, in order of arrival, takes its best offer that still has room (Ahani et al.'s practice)."""
    return _place_in_order(problem, arrival, True, np.random.default_rng(0))


def first_come_first_served(problem: ArcProblem, arrival: IntArray, seed: int = 0) -> IntArray:
    """Each household, in order of arrival, takes any offer it is eligible for that still has room."""
    return _place_in_order(problem, arrival, False, np.random.default_rng(seed))
