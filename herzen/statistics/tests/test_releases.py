"""Releases: the budget, the job, the review, the noise, and the bound on one person's influence."""

from collections import Counter

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.domain.statistics.measures import available_measures, measure
from herzen.domain.statistics.tables import bound_contributions
from herzen.jobs.testing import run_queued
from herzen.statistics import compute, services
from herzen.statistics.models import ReleaseStatus, StatisticsRelease
from herzen.statistics.sources import rows_of, universe

pytestmark = pytest.mark.django_db

OPEN_CASES = measure("open_cases_by_transit_country")


def test_a_release_that_would_exceed_the_years_budget_is_refused(officer_a, last_month):
    for _ in range(4):
        services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    with pytest.raises(Invalid) as refused:
        services.release_request(actor=officer_a, period=last_month, epsilon=0.1)
    assert "ε = 4" in refused.value.message
    assert StatisticsRelease.objects.count() == 4


def test_a_release_above_epsilon_one_or_of_a_month_not_over_is_refused(officer_a, last_month):
    with pytest.raises(Invalid):
        services.release_request(actor=officer_a, period=last_month, epsilon=1.5)
    with pytest.raises(Invalid):
        services.release_request(actor=officer_a, period="2999-01", epsilon=0.5)
    with pytest.raises(Invalid):
        services.release_request(actor=officer_a, period="last month", epsilon=0.5)


def test_only_a_statistics_officer_asks_and_another_one_approves(
    officer_a, officer_b, caseworker_a, coalition_records, last_month
):
    with pytest.raises(PermissionDenied):
        services.release_request(actor=caseworker_a, period=last_month, epsilon=1.0)
    release = services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    run_queued()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.AWAITING_REVIEW
    assert {t["measure"] for t in release.tables} == {m.key for m in available_measures()}
    with pytest.raises(PermissionDenied):
        services.release_approve(actor=officer_a, release_id=release.pk)
    services.release_approve(actor=officer_b, release_id=release.pk)
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED
    assert release.reviewed_by == officer_b.user
    actions = set(AuditEvent.objects.filter(target_id=str(release.pk)).values_list("action", flat=True))
    assert actions >= {
        "statistics_release.request",
        "statistics_release.compute",
        "statistics_release.approve",
    }


def test_a_rejected_release_still_spends_its_budget(officer_a, officer_b, last_month):
    release = services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    run_queued()
    services.release_reject(actor=officer_b, release_id=release.pk)
    assert services.spent_in_year(release.budget_year) == pytest.approx(1.0)


def test_every_cell_of_the_universe_gets_noise_and_no_released_cell_is_an_exact_count(
    coalition_records, last_month, monkeypatch
):
    exact = compute.exact_counts(OPEN_CASES, last_month)
    assert exact.cells == {("GE",): 8, ("KZ",): 4}
    draws: list[tuple[list[int], list[int]]] = []
    original = compute.noisy_counts

    def spy(item, epsilon, counts):
        noisy, margin = original(item, epsilon, counts)
        draws.append((list(counts), noisy))
        return noisy, margin

    monkeypatch.setattr(compute, "noisy_counts", spy)
    keys = universe(OPEN_CASES)
    unchanged = Counter()
    for _ in range(40):
        (table,) = compute.release_tables(last_month, 0.2, [OPEN_CASES])
        counts, noisy = draws[-1]
        # the mechanism saw the whole public universe, zeros included
        assert counts == [exact.cells.get(key, 0) for key in keys]
        drawn = dict(zip(keys, noisy, strict=True))
        for cell in table.cells:
            if cell.value is not None and not cell.is_merged:
                # what is published is the mechanism's draw, never the exact count
                assert cell.value == max(0, drawn[cell.key])
        unchanged.update(n == c for n, c in zip(noisy, counts, strict=True))
    # with ε = 0.2 the noise is zero about one time in ten; an unprotected count would always be unchanged
    assert unchanged[True] < 0.25 * (unchanged[True] + unchanged[False])


def test_removing_one_person_changes_each_cell_within_the_stated_bound(coalition_records, last_month):
    for item in available_measures():
        rows = list(rows_of(item, last_month))
        full = bound_contributions(item, rows)
        for unit in {unit for unit, _cell in rows}:
            without = bound_contributions(item, [row for row in rows if row[0] != unit])
            changes = [abs(full.cells.get(k, 0) - without.cells.get(k, 0)) for k in full.cells]
            assert sum(changes) <= item.contribution_bound


def test_the_plain_group_by_agrees_with_the_bounded_count_where_each_person_counts_once(
    coalition_records, last_month
):
    from herzen.statistics.sources import plain_counts

    assert plain_counts(OPEN_CASES, last_month) == compute.exact_counts(OPEN_CASES, last_month).cells


def test_linked_keys_count_a_person_known_to_two_organisations_once():
    from herzen.domain.statistics.linkage_keys import ClkEncoder, LinkagePerson
    from herzen.statistics.linkage import canonical_units, link

    secret = b"a coalition secret, 32 bytes ..."
    first = [
        LinkagePerson("Iuliia", "Shcheglova", "1990-05-17"),
        LinkagePerson("Dmitrii", "Kuznetsov", "1985-01-02"),
        LinkagePerson("Anna", "Ivanova", "1990-05-18"),
    ]
    second = [
        LinkagePerson("Petr", "Smirnov", "1979-03-04"),
        LinkagePerson("Julija", "Schtscheglowa", "1990-05-17"),  # German spelling of the first person
        LinkagePerson("Anna", "Ivanova", "1991-07-18"),  # same name, another person
    ]
    keys_a = [ClkEncoder(secret).encode(p) for p in first]
    keys_b = [ClkEncoder(secret).encode(p) for p in second]
    matches = link(keys_a, keys_b)
    assert matches == [(0, 1)]
    identities = canonical_units(
        [["a0", "a1", "a2"], ["b0", "b1", "b2"]], [[(0, i), (1, j)] for i, j in matches]
    )
    rows = [("a0", ("GE",)), ("a1", ("GE",)), ("a2", ("AM",))]
    rows += [
        (identities.get(unit, unit), cell)
        for unit, cell in [("b0", ("GE",)), ("b1", ("GE",)), ("b2", ("AM",))]
    ]
    counted = bound_contributions(OPEN_CASES, rows, distinct=True)
    assert counted.cells == {("GE",): 3, ("AM",): 2}


def test_a_release_whose_job_fails_gives_its_budget_back(officer_a, last_month, monkeypatch):
    from herzen.jobs.models import Job

    def broken(*args, **kwargs):
        raise RuntimeError

    monkeypatch.setattr("herzen.statistics.jobs.release_tables", broken)
    release = services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    Job.objects.filter(pk=release.job_id).update(max_attempts=1)
    run_queued()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.FAILED
    assert services.spent_in_year(release.budget_year) == 0


def test_the_database_bounds_contributions_as_the_domain_does(coalition_records, last_month):
    from herzen.statistics.sources import bounded_counts

    for item in available_measures():
        in_python = bound_contributions(item, rows_of(item, last_month)).cells
        assert bounded_counts(item, last_month) == in_python
