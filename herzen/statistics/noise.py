"""The noise, drawn by OpenDP: the discrete Laplace mechanism over a vector of counts, and its 95 % margin.

One measurement per table: the table's counts, in the fixed order of its public key universe, are one
vector whose L1 distance between neighbouring data sets is at most the measure's contribution bound; the
mechanism's scale is that bound over the table's ε, and OpenDP checks the privacy map before use.
"""

import opendp.prelude as dp

from herzen.domain.statistics.measures import Measure
from herzen.domain.statistics.privacy import noise_scale

dp.enable_features("contrib")

ALPHA = 0.05  # a 95 % margin


def margin_of(scale: float) -> float:
    return float(dp.discrete_laplacian_scale_to_accuracy(scale, ALPHA))


def noisy_counts(measure: Measure, epsilon: float, counts: list[int]) -> tuple[list[int], float]:
    """The counts with noise, and the 95 % margin of each."""
    scale = noise_scale(measure, epsilon)
    mechanism = dp.m.make_laplace(dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int), scale=scale)
    if mechanism.map(measure.contribution_bound) > epsilon + 1e-9:
        raise ValueError("the mechanism would spend more than the table's share of the budget")
    return [int(value) for value in mechanism(counts)], margin_of(scale)
