"""Measures as data, one measure per table, the budget, contribution bounds and post-processing."""

import random

import pytest

from herzen.domain.statistics.linkage_keys import ClkEncoder, LinkageKey, LinkagePerson, distinct_persons
from herzen.domain.statistics.measures import MEASURES, Unit, available_measures, measure
from herzen.domain.statistics.privacy import (
    MAX_YEARLY_EPSILON,
    Budget,
    BudgetExceeded,
    noise_scale,
    publish,
    split_epsilon,
)
from herzen.domain.statistics.tables import (
    MERGED_KEY,
    CellKey,
    Counts,
    MixedMeasures,
    PublishedCell,
    PublishedTable,
    bound_contributions,
)

OPEN_CASES = measure("open_cases_by_transit_country")
DECISIONS = measure("decisions_by_pathway_outcome")


def test_every_measure_declares_what_it_counts() -> None:
    keys = [m.key for m in MEASURES]
    assert len(keys) == len(set(keys))
    for m in MEASURES:
        assert m.name
        assert m.definition
        assert m.source
        assert m.geography
        assert isinstance(m.unit, Unit)
        assert m.contribution_bound >= 1
        assert m.hxl_tag.startswith("#")
    assert not measure("payouts_by_channel").available
    assert len(available_measures()) == 8


def test_counts_of_two_measures_are_never_added() -> None:
    a = Counts(OPEN_CASES, {("GE",): 3})
    b = Counts(measure("stays_expiring_30_days"), {("GE",): 2})
    with pytest.raises(MixedMeasures):
        a + b


def test_counts_of_one_measure_from_two_organisations_add_but_are_not_distinct_persons() -> None:
    total = Counts(OPEN_CASES, {("GE",): 3}, True) + Counts(OPEN_CASES, {("GE",): 2, ("AM",): 1}, True)
    assert total.cells == {("GE",): 5, ("AM",): 1}
    assert total.distinct_across_organisations is False


def test_a_published_table_refuses_a_cell_of_another_measure_and_is_never_added() -> None:
    foreign = PublishedCell(DECISIONS.key, ("asylum", "granted"), 40, 3)
    with pytest.raises(MixedMeasures):
        PublishedTable(OPEN_CASES, "2026-11", 0.5, (foreign,), False)
    table = PublishedTable(OPEN_CASES, "2026-11", 0.5, (), False)
    with pytest.raises(MixedMeasures):
        table + table


def test_a_cell_must_have_the_measures_dimensions() -> None:
    with pytest.raises(ValueError, match="dimensions"):
        Counts(DECISIONS, {("GE",): 1})


def test_the_budget_refuses_a_release_above_one_and_a_year_above_four() -> None:
    Budget(0).check(1.0)
    Budget(3.0).check(1.0)
    with pytest.raises(BudgetExceeded):
        Budget(0).check(1.01)
    with pytest.raises(BudgetExceeded):
        Budget(3.5).check(0.6)
    with pytest.raises(BudgetExceeded):
        Budget(0).check(0)
    assert Budget(3.5).remaining == pytest.approx(MAX_YEARLY_EPSILON - 3.5)


def test_the_release_epsilon_is_split_evenly_and_sums_back() -> None:
    shares = split_epsilon(1.0, available_measures())
    assert sum(shares.values()) == pytest.approx(1.0)
    assert noise_scale(DECISIONS, shares[DECISIONS.key]) == pytest.approx(2 / 0.125)


def test_removing_one_person_changes_each_cell_within_the_bound() -> None:
    rng = random.Random(7)
    rows: list[tuple[int, CellKey]] = [
        (rng.randrange(200), (rng.choice(["a", "b", "c"]), rng.choice(["x", "y"]))) for _ in range(2000)
    ]
    full = bound_contributions(DECISIONS, rows)
    for unit in range(0, 200, 7):
        without = bound_contributions(DECISIONS, [r for r in rows if r[0] != unit])
        changes = [abs(full.cells.get(k, 0) - without.cells.get(k, 0)) for k in full.cells]
        assert max(changes) <= DECISIONS.contribution_bound
        assert sum(changes) <= DECISIONS.contribution_bound  # the L1 sensitivity the noise is scaled to


def test_post_processing_gives_non_negative_integers_merges_small_cells_and_keeps_totals_consistent() -> None:
    noisy: dict[CellKey, int] = {("GE",): 130, ("AM",): 9, ("TR",): -4, ("RS",): 12, ("KZ",): 60}
    table = publish(OPEN_CASES, "2026-11", 0.125, noisy, error95=24.4)
    values = {c.key: c.value for c in table.cells}
    assert values[("GE",)] == 130
    assert values[("KZ",)] == 60
    merged = next(c for c in table.cells if c.key == MERGED_KEY)
    assert merged.merged_from == 3
    assert merged.value is None  # 9 - 4 + 12 with a margin of ±43 is suppressed too
    assert all(c.value is None or (isinstance(c.value, int) and c.value >= 0) for c in table.cells)
    assert table.total == 190  # the shown cells; the merged one (9 - 4 + 12) is suppressed
    assert not table.total_covers_everything
    assert all(c.error95 == 25 for c in table.cells if not c.is_merged)


def test_linkage_keys_match_spellings_of_one_person_and_not_another() -> None:
    encoder = ClkEncoder(b"coalition-secret-of-32-bytes....")

    def dice(a: LinkageKey, b: LinkageKey) -> float:
        return 2 * (a.clk & b.clk).count() / (a.clk.count() + b.clk.count())

    one = encoder.encode(LinkagePerson("Юлия", "Щеглова", "1990-05-17"))
    same = encoder.encode(LinkagePerson("Yuliya", "Shcheglova", "1990-05-17"))
    other = encoder.encode(LinkagePerson("Ivan", "Petrov", "1990-05-17"))
    assert dice(one, same) > 0.9 > 0.6 > dice(one, other)
    assert one.block == same.block
    different_secret = ClkEncoder(b"another-coalition-secret-32-byte").encode(
        LinkagePerson("Юлия", "Щеглова", "1990-05-17")
    )
    assert different_secret.clk != one.clk
    assert distinct_persons((10, 8), 5) == 13


def test_the_vectorised_bits_are_the_bits_pprl_core_sets() -> None:
    from bitarray import bitarray
    from pprl_core.bits import enhanced_double_hash

    from herzen.domain.statistics.linkage_keys import enhanced_double_hash_indices

    rng = random.Random(21)
    for hashes in (1, 20, 30, 60):
        for _ in range(200):
            h1, h2 = rng.randint(-(2**31), 2**31 - 1), rng.randint(-(2**31), 2**31 - 1)
            expected = bitarray(1024)
            expected.setall(0)
            enhanced_double_hash(expected, hashes, h1, h2)
            ours = bitarray(1024)
            ours.setall(0)
            for index in enhanced_double_hash_indices(h1, h2, hashes, 1024):
                ours[int(index)] = 1
            assert ours == expected
