"""A release that counts people once across organisations: a linkage round per release, its secret and keys
deleted, every step audited, and a person two organisations know counted once."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.domain.statistics.linkage_keys import MEASURED_PRECISION, MEASURED_RECALL
from herzen.domain.statistics.measures import measure
from herzen.encryption.keys import Owner, is_erased
from herzen.jobs.testing import run_queued
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.statistics import compute, exports, services
from herzen.statistics.linkage import canonical_units
from herzen.statistics.models import (
    LinkageEncodings,
    LinkageRound,
    LinkageRoundStatus,
    LinkedUnit,
    ReleaseStatus,
)
from herzen.statistics.sources import month_bounds
from herzen.statistics.texts import counting_text

pytestmark = pytest.mark.django_db

OPEN_CASES = measure("open_cases_by_transit_country")
CASES_OPENED = measure("cases_opened_by_transit_country")


def _open_case(actor, surname, given_name, born, period, country="GE"):
    first, _last = month_bounds(period)
    middle = first + timedelta(days=10)
    person = make_person(actor, surname=surname, given_name=given_name, date_of_birth=born)
    people_services.stay_record(
        actor=actor, person_id=person.pk, country=country, entry_date=middle, legal_basis="visa_free"
    )
    case = make_case(actor, household=make_household(actor, principal=person))
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.make_aware(datetime.combine(middle, time(12))))
    return person


@pytest.fixture
def shared_person(caseworker_a, caseworker_b, last_month):
    """Юлия Щеглова is known to both organisations (org B writes Юлия as Юлиа); each also has someone else
    of the same first name, born another day."""
    _open_case(caseworker_a, "Щеглова", "Юлия", date(1990, 5, 17), last_month)
    _open_case(caseworker_a, "Кузнецова", "Юлия", date(1985, 1, 2), last_month)
    _open_case(caseworker_b, "Щеглова", "Юлиа", date(1990, 5, 17), last_month)
    _open_case(caseworker_b, "Смирнова", "Юлия", date(1979, 3, 4), last_month)


def _run_round(actor, release):
    linkage = services.linkage_open(actor=actor, release_id=release.pk)
    for organisation in (actor.organisation_id, *_other_organisations(actor)):
        linkage = services.linkage_encode(actor=actor, linkage_id=linkage.pk, organisation_id=organisation)
    return services.linkage_link(actor=actor, linkage_id=linkage.pk)


def _other_organisations(actor):
    from herzen.people.models import Person

    return sorted(
        set(
            Person.objects.exclude(organisation_id=actor.organisation_id).values_list(
                "organisation_id", flat=True
            )
        )
    )


def _linked_release(officer, period, monkeypatch):
    # The job would run the round itself; here it is stopped before the noise so its steps can be inspected.
    from herzen.statistics.models import StatisticsRelease

    return StatisticsRelease.objects.create(
        period=period,
        epsilon=1.0,
        budget_year=timezone.localdate().year,
        requested_by=officer.user,
        link_organisations=True,
    )


def test_two_organisations_count_a_person_they_both_know_once(
    officer_a, shared_person, last_month, monkeypatch
):
    per_organisation = compute.exact_counts(OPEN_CASES, last_month)
    assert per_organisation.cells == {("GE",): 4}
    release = _linked_release(officer_a, last_month, monkeypatch)
    linkage = _run_round(officer_a, release)
    assert linkage.organisations == 2
    assert linkage.matched == 1
    linked = compute.exact_counts(OPEN_CASES, last_month, linkage.pk)
    assert linked.cells == {("GE",): 3}
    assert linked.distinct_across_organisations
    # the household-level measures count the shared person's household once as well
    assert compute.exact_counts(CASES_OPENED, last_month, linkage.pk).cells == {("GE",): 3}
    assert compute.exact_counts(CASES_OPENED, last_month).cells == {("GE",): 4}


def test_the_release_job_links_counts_once_and_leaves_neither_secret_nor_keys(
    officer_a, officer_b, shared_person, last_month, monkeypatch
):
    seen: dict[str, list[int]] = {}
    original = compute.noisy_counts

    def spy(item, epsilon, counts):
        seen[item.key] = list(counts)
        return original(item, epsilon, counts)

    monkeypatch.setattr(compute, "noisy_counts", spy)
    release = services.release_request(
        actor=officer_a, period=last_month, epsilon=1.0, link_organisations=True
    )
    run_queued()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.AWAITING_REVIEW
    assert release.distinct_across_organisations
    assert release.linked_organisations == 2
    assert sum(seen[OPEN_CASES.key]) == 3  # four files, three persons

    (linkage,) = LinkageRound.objects.filter(release=release)
    assert linkage.status == LinkageRoundStatus.CLOSED
    assert linkage.secret is None
    assert not LinkageEncodings.objects.filter(round=linkage).exists()
    assert not LinkedUnit.objects.filter(round=linkage).exists()
    assert is_erased(Owner.of("linkage_round", linkage.pk))

    actions = list(
        AuditEvent.objects.filter(target_id=str(linkage.pk))
        .order_by("occurred_at")
        .values_list("action", flat=True)
    )
    assert actions == [
        "statistics_linkage.open",
        "statistics_linkage.encode",
        "statistics_linkage.encode",
        "statistics_linkage.link",
        "statistics_linkage.close",
    ]

    tables = {t.measure.key: t for t in compute_tables(release)}
    text = counting_text(tables[OPEN_CASES.key])
    assert "2 organisations" in text
    assert f"precision {MEASURED_PRECISION * 100:.1f} %" in text
    assert f"recall {MEASURED_RECALL * 100:.1f} %" in text
    assert "Persons counted once across 2 organisations" in exports.as_csv(tables[OPEN_CASES.key])
    services.release_approve(actor=officer_b, release_id=release.pk)


def compute_tables(release):
    from herzen.statistics.selectors import tables_of

    return tables_of(release)


def test_a_release_without_linkage_still_says_per_organisation(officer_a, shared_person, last_month):
    release = services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    run_queued()
    release.refresh_from_db()
    assert not release.distinct_across_organisations
    assert not LinkageRound.objects.filter(release=release).exists()
    for table in compute_tables(release):
        assert counting_text(table) == "Counted per organisation; one person may be counted more than once."
        assert "Counted per organisation" in exports.as_csv(table)


def test_a_failed_attempt_leaves_no_secret_behind(officer_a, shared_person, last_month, monkeypatch):
    from herzen.jobs.models import Job

    def broken(*args, **kwargs):
        raise RuntimeError

    monkeypatch.setattr("herzen.statistics.jobs.release_tables", broken)
    release = services.release_request(
        actor=officer_a, period=last_month, epsilon=1.0, link_organisations=True
    )
    Job.objects.filter(pk=release.job_id).update(max_attempts=1)
    run_queued()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.FAILED
    (linkage,) = LinkageRound.objects.filter(release=release)
    assert linkage.status == LinkageRoundStatus.CLOSED
    assert linkage.secret is None
    assert not LinkedUnit.objects.exists()
    assert not LinkageEncodings.objects.exists()
    assert AuditEvent.objects.filter(target_id=str(linkage.pk), action="statistics_linkage.close").exists()


def test_households_are_joined_through_any_member_found_elsewhere():
    # org 0: household H1 holds persons p1 and p2; org 1: p1 is in household K1, p2 in K2
    units = [["H1", "H1"], ["K1", "K2"]]
    groups = [[(0, 0), (1, 0)], [(0, 1), (1, 1)]]
    assert canonical_units(units, groups) == {"K1": "H1", "K2": "H1"}
