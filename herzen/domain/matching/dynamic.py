"""Weekly batches that keep room for those still to come (Ahani, Gölz, Procaccia, Teytelboym, Trapp 2024).

Before the year, an LP over the expected arrivals (a sample of past households scaled to the year's flow) gives
each offer a price per person and per child's bed: the dual of its capacity. Each week's batch is then solved
with every arc's score lowered by what the household would use up, so a batch takes a place only if it is
worth more now than it is expected to be worth to someone later. Prices are recomputed as weeks pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from herzen.domain.matching import solvers
from herzen.domain.matching.problem import ArcProblem, FloatArray, IntArray


@dataclass(frozen=True)
class Potentials:
    per_person: FloatArray
    per_child_bed: FloatArray


def potentials(expected: ArcProblem, capacity: IntArray, child_beds: IntArray) -> Potentials:
    """Dual prices of the offers' remaining capacity against the arrivals expected for the rest of the period."""
    relaxation = solvers.solve_lp(expected.with_capacity(capacity, child_beds))
    return Potentials(relaxation.capacity_price, relaxation.child_bed_price)


def priced_scores(batch: ArcProblem, prices: Potentials) -> FloatArray:
    size = batch.household_persons[batch.arc_household]
    kids = batch.household_children[batch.arc_household]
    cost = size * prices.per_person[batch.arc_offer] + kids * prices.per_child_bed[batch.arc_offer]
    return np.asarray(batch.arc_score - cost, dtype=np.float64)


def solve_batch(batch: ArcProblem, prices: Potentials) -> IntArray:
    """The batch's best placement under the prices; arcs whose score does not cover their price are not taken."""
    priced = batch.with_scores(priced_scores(batch, prices))
    if solvers.uniform_size(priced):
        return solvers.solve_flow(priced)
    relaxation = solvers.solve_lp(priced)
    return solvers.round_and_repair(priced, relaxation.values)
