"""Solvers over an ArcProblem. Each returns the indexes of the chosen arcs (at most one per household).

- `solve_flow`: OR-Tools min-cost flow, exact when every household has the same size (each offer then has a
  number of slots and the constraint matrix is totally unimodular).
- `solve_lp` + `round_and_repair`: HiGHS LP relaxation of the generalised assignment with capacities in persons
  and children's beds; the LP is nearly integral, so rounding and a greedy repair of the few fractional
  households lands within a fraction of a percent of the LP bound (research note §5.2).
- `solve_mip`: HiGHS branch and bound for small instances, a proven optimum within its time limit.
- `solve`: picks among them and says which it used and whether the result is proven optimal.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from ortools.graph.python import min_cost_flow

from herzen.domain.matching.problem import ArcProblem, FloatArray, IntArray

COST_SCALE = 1_000_000
EXACT_ARC_LIMIT = 4_000
INTEGRAL = 1.0 - 1e-6


@dataclass(frozen=True)
class SolveResult:
    chosen_arcs: IntArray
    objective: float
    method: str
    proven_optimal: bool
    upper_bound: float | None


@dataclass(frozen=True)
class Relaxation:
    values: FloatArray
    bound: float
    capacity_price: FloatArray
    child_bed_price: FloatArray


def uniform_size(problem: ArcProblem) -> bool:
    persons, children = problem.household_persons, problem.household_children
    return bool(persons.size == 0 or ((persons == persons[0]).all() and (children == children[0]).all()))


def solve_flow(problem: ArcProblem) -> IntArray:
    """Exact for uniform households: households → offers (capacity in slots) → sink, plus an 'unplaced' arc."""
    n, m = problem.households, problem.offers
    if n == 0 or problem.arc_score.size == 0:
        return np.zeros(0, dtype=np.int64)
    size, children = int(problem.household_persons[0]), int(problem.household_children[0])
    slots = problem.offer_capacity // max(size, 1)
    if children > 0:
        slots = np.minimum(slots, problem.offer_child_beds // children)
    sink = n + m
    flow = min_cost_flow.SimpleMinCostFlow()
    # Only arcs worth taking: a household stays unplaced rather than take a place scoring below zero.
    usable = np.flatnonzero(problem.arc_score > 0)
    cost = -np.round(problem.arc_score[usable] * COST_SCALE).astype(np.int64)
    starts = np.concatenate([problem.arc_household[usable], n + np.arange(m), np.arange(n)])
    ends = np.concatenate([n + problem.arc_offer[usable], np.full(m, sink), np.full(n, sink)])
    capacities = np.concatenate([np.ones(usable.size), slots, np.ones(n)]).astype(np.int64)
    costs = np.concatenate([cost, np.zeros(m + n, dtype=np.int64)])
    arc_ids = flow.add_arcs_with_capacity_and_unit_cost(starts, ends, capacities, costs)
    supplies = np.concatenate([np.ones(n), np.zeros(m), [-n]]).astype(np.int64)
    flow.set_nodes_supplies(np.arange(n + m + 1), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    flows = np.asarray(flow.flows(arc_ids[: usable.size]))
    chosen: IntArray = usable[flows > 0].astype(np.int64)
    return chosen


def solve_units(
    capacities: list[int], arc_unit: list[int], arc_offer: list[int], arc_score: list[float]
) -> list[int]:
    """The best arcs when each unit (a household for a sponsor, an adult for a job) takes one slot of one offer
    or none: min-cost flow, exact. `capacities` are each offer's slots; the arcs are the eligible pairs."""
    if not arc_unit:
        return []
    units = max(arc_unit) + 1
    problem = ArcProblem(
        household_persons=np.ones(units, dtype=np.int64),
        household_children=np.zeros(units, dtype=np.int64),
        offer_capacity=np.array([max(0, c) for c in capacities], dtype=np.int64),
        offer_child_beds=np.zeros(len(capacities), dtype=np.int64),
        arc_household=np.array(arc_unit, dtype=np.int64),
        arc_offer=np.array(arc_offer, dtype=np.int64),
        arc_score=np.array(arc_score, dtype=np.float64),
    )
    return [int(arc) for arc in solve_flow(problem).tolist()]


def _highs_model(problem: ArcProblem, *, integer: bool) -> highspy.HighsLp:
    n, m, arcs = problem.households, problem.offers, problem.arc_score.size
    children = problem.household_children[problem.arc_household]
    has_child = children > 0
    counts = 2 + has_child.astype(np.int64)
    start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    index = np.empty(int(start[-1]), dtype=np.int32)
    value = np.empty(int(start[-1]), dtype=np.float64)
    base = start[:-1]
    index[base] = problem.arc_household
    value[base] = 1.0
    index[base + 1] = n + problem.arc_offer
    value[base + 1] = problem.household_persons[problem.arc_household]
    index[base[has_child] + 2] = n + m + problem.arc_offer[has_child]
    value[base[has_child] + 2] = children[has_child]
    lp = highspy.HighsLp()
    lp.num_col_ = arcs
    lp.num_row_ = n + 2 * m
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = problem.arc_score.astype(np.float64)
    lp.col_lower_ = np.zeros(arcs)
    lp.col_upper_ = np.ones(arcs)
    lp.row_lower_ = np.zeros(n + 2 * m)
    lp.row_upper_ = np.concatenate([np.ones(n), problem.offer_capacity, problem.offer_child_beds]).astype(
        np.float64
    )
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * arcs
    return lp


def _highs(problem: ArcProblem, *, integer: bool, time_limit: float | None) -> highspy.Highs:
    highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    if integer:
        # A proven optimum means optimal, not within HiGHS's default 0.01 % gap.
        highs.setOptionValue("mip_rel_gap", 0.0)
    highs.passModel(_highs_model(problem, integer=integer))
    highs.run()
    return highs


def components(problem: ArcProblem) -> IntArray:
    """A component label per arc: households and offers linked through candidate arcs share one.

    Destination countries never share offers, so a pool splits at least by country; simplex time grows faster
    than linearly, so solving the parts apart is faster than solving them together (and gives the same LP)."""
    n, m = problem.households, problem.offers
    household_label = np.arange(n, dtype=np.int64)
    offer_label = np.full(m, n + m, dtype=np.int64)
    while True:
        new_offer = np.full(m, n + m, dtype=np.int64)
        np.minimum.at(new_offer, problem.arc_offer, household_label[problem.arc_household])
        new_household = household_label.copy()
        np.minimum.at(new_household, problem.arc_household, new_offer[problem.arc_offer])
        if (new_household == household_label).all() and (new_offer == offer_label).all():
            break
        household_label, offer_label = new_household, new_offer
    labels: IntArray = household_label[problem.arc_household]
    return labels


def _arc_subproblem(problem: ArcProblem, arcs: IntArray) -> ArcProblem:
    return ArcProblem(
        problem.household_persons,
        problem.household_children,
        problem.offer_capacity,
        problem.offer_child_beds,
        problem.arc_household[arcs],
        problem.arc_offer[arcs],
        problem.arc_score[arcs],
    )


def solve_lp(problem: ArcProblem, *, time_limit: float | None = None, split: bool = True) -> Relaxation:
    n, m = problem.households, problem.offers
    if problem.arc_score.size == 0:
        return Relaxation(np.zeros(0), 0.0, np.zeros(m), np.zeros(m))
    if split:
        labels = components(problem)
        distinct = np.unique(labels)
        if distinct.size > 1:
            values = np.zeros(problem.arc_score.size)
            person_price, bed_price, bound = np.zeros(m), np.zeros(m), 0.0
            for label in distinct.tolist():
                arcs = np.flatnonzero(labels == label)
                part = solve_lp(_arc_subproblem(problem, arcs), time_limit=time_limit, split=False)
                values[arcs] = part.values
                bound += part.bound
                offers = np.unique(problem.arc_offer[arcs])
                person_price[offers] = part.capacity_price[offers]
                bed_price[offers] = part.child_bed_price[offers]
            return Relaxation(values, bound, person_price, bed_price)
    highs = _highs(problem, integer=False, time_limit=time_limit)
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"LP relaxation ended with {highs.modelStatusToString(highs.getModelStatus())}")
    solution = highs.getSolution()
    values = np.asarray(solution.col_value, dtype=np.float64)
    duals = np.abs(np.asarray(solution.row_dual, dtype=np.float64))
    bound = float(highs.getInfo().objective_function_value)
    return Relaxation(values, bound, duals[n : n + m], duals[n + m :])


def _arcs_by_household(problem: ArcProblem) -> tuple[IntArray, IntArray]:
    order = np.lexsort((-problem.arc_score, problem.arc_household)).astype(np.int64)
    offsets = np.searchsorted(problem.arc_household[order], np.arange(problem.households + 1)).astype(
        np.int64
    )
    return order, offsets


def round_and_repair(problem: ArcProblem, values: FloatArray) -> IntArray:
    """Keep the LP's whole placements, then place the fractional and left-out households greedily, best first."""
    persons_left = problem.offer_capacity.astype(np.int64).copy()
    beds_left = problem.offer_child_beds.astype(np.int64).copy()
    whole = np.flatnonzero(values >= INTEGRAL)
    np.subtract.at(
        persons_left, problem.arc_offer[whole], problem.household_persons[problem.arc_household[whole]]
    )
    np.subtract.at(
        beds_left, problem.arc_offer[whole], problem.household_children[problem.arc_household[whole]]
    )
    placed = np.zeros(problem.households, dtype=bool)
    placed[problem.arc_household[whole]] = True
    chosen = [whole]
    order, offsets = _arcs_by_household(problem)
    # Households the LP split between offers first (largest LP weight on their best arc), then everyone else.
    weight = np.zeros(problem.households)
    np.maximum.at(weight, problem.arc_household, values * problem.arc_score)
    pending = np.flatnonzero(~placed & (np.bincount(problem.arc_household, minlength=problem.households) > 0))
    pending = pending[np.argsort(-weight[pending], kind="stable")]
    extra = []
    for household in pending.tolist():
        size = int(problem.household_persons[household])
        kids = int(problem.household_children[household])
        for arc in order[offsets[household] : offsets[household + 1]].tolist():
            if problem.arc_score[arc] <= 0:
                break
            offer = int(problem.arc_offer[arc])
            if persons_left[offer] >= size and beds_left[offer] >= kids:
                persons_left[offer] -= size
                beds_left[offer] -= kids
                extra.append(arc)
                break
    chosen.append(np.array(extra, dtype=np.int64))
    return np.sort(np.concatenate(chosen)).astype(np.int64)


def solve_mip(problem: ArcProblem, *, time_limit: float = 10.0) -> tuple[IntArray, bool]:
    """Branch and bound; the flag says whether HiGHS proved the result optimal within the time limit."""
    if problem.arc_score.size == 0:
        return np.zeros(0, dtype=np.int64), True
    highs = _highs(problem, integer=True, time_limit=time_limit)
    status = highs.getModelStatus()
    if highs.getInfo().primal_solution_status != 2:  # no feasible point found
        return np.zeros(0, dtype=np.int64), False
    values = np.asarray(highs.getSolution().col_value)
    return np.flatnonzero(values > 0.5).astype(np.int64), status == highspy.HighsModelStatus.kOptimal


def solve(
    problem: ArcProblem, *, exact_arc_limit: int = EXACT_ARC_LIMIT, time_limit: float = 10.0
) -> SolveResult:
    if uniform_size(problem):
        chosen = solve_flow(problem)
        objective = problem.objective(chosen)
        return SolveResult(chosen, objective, "min_cost_flow", True, objective)
    relaxation = solve_lp(problem)
    if problem.arc_score.size <= exact_arc_limit:
        chosen, proven = solve_mip(problem, time_limit=time_limit)
        if proven:
            return SolveResult(chosen, problem.objective(chosen), "mip", True, relaxation.bound)
    chosen = round_and_repair(problem, relaxation.values)
    objective = problem.objective(chosen)
    proven = objective >= relaxation.bound - 1e-9
    return SolveResult(chosen, objective, "lp_round_repair", proven, relaxation.bound)
