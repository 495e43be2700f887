"""A case's priority follows its household's risk factors and stays, is audited, and adds up."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases import services
from herzen.cases.models import Case, PriorityBand
from herzen.cases.priority_weights import priority_weights
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import NotFound, PermissionDenied
from herzen.domain.risk import DEFAULT_PRIORITY_WEIGHTS, CriminalStage
from herzen.domain.risk import PriorityBand as DomainBand
from herzen.people import services as people_services
from herzen.people.choices import HouseholdRole
from herzen.people.tests.factories import make_household, make_person


def fresh(case):
    return Case.objects.get(pk=case.pk)


def record(actor, person, kind, **details):
    return people_services.risk_factor_record(actor=actor, person_id=person.pk, kind=kind, **details)


def assert_adds_up(case):
    lines = case.priority_explanation["contributions"]
    assert sum(line["points"] for line in lines) == case.priority_score == case.priority_explanation["score"]


def test_the_priority_bands_are_the_domains():
    assert set(PriorityBand.values) == {band.value for band in DomainBand}


def test_a_new_case_starts_with_its_households_priority(caseworker_a):
    person = make_person(caseworker_a)
    record(caseworker_a, person, "foreign_agent")
    case = make_case(caseworker_a, household=make_household(caseworker_a, principal=person))

    assert case.priority_score == DEFAULT_PRIORITY_WEIGHTS.foreign_agent
    assert_adds_up(fresh(case))


def test_recording_a_members_risk_factor_refreshes_the_case_and_audits_it(caseworker_a):
    child = make_person(caseworker_a, given_name="Мария", date_of_birth=date(2015, 1, 1))
    case = make_case(
        caseworker_a, household=make_household(caseworker_a, others=[(child, HouseholdRole.CHILD)])
    )
    assert fresh(case).priority_score == 0

    record(caseworker_a, child, "vulnerability", vulnerability="minor")
    record(
        caseworker_a,
        case.household.members.get(role="principal").person,
        "criminal_case",
        criminal_article="207.3",
        criminal_stage="accused",
    )

    case = fresh(case)
    weights = DEFAULT_PRIORITY_WEIGHTS
    assert case.priority_score == (
        weights.vulnerability["minor"]
        + weights.criminal_stage[CriminalStage.ACCUSED]
        + weights.anti_war_article
    )
    assert weights.band_high <= case.priority_score < weights.band_critical
    assert case.priority_band == PriorityBand.HIGH
    assert_adds_up(case)
    assert {line["subject"] for line in case.priority_explanation["contributions"]} >= {str(child.pk)}
    events = AuditEvent.objects.filter(action="case.priority_refresh", target_id=str(case.pk))
    assert events.count() == 2
    assert "priority_score" in events.first().changed_fields
    assert "207.3" not in json.dumps(list(events.values_list("changed_fields", flat=True)))


def test_a_factor_no_longer_current_stops_counting(caseworker_a):
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    factor = record(caseworker_a, person, "exit_ban")
    assert fresh(case).priority_score == DEFAULT_PRIORITY_WEIGHTS.exit_ban

    people_services.risk_factor_update(actor=caseworker_a, risk_factor_id=factor.pk, is_current=False)

    assert fresh(case).priority_score == 0


def test_a_stay_running_out_raises_the_priority_and_sets_the_next_deadline(caseworker_a):
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    today = timezone.localdate()
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KZ",
        entry_date=today - timedelta(days=10),
        legal_basis="visa",
        authorised_until=today + timedelta(days=5),
        registered_on=today - timedelta(days=9),  # the host registered the stay: only the visa runs out
    )

    case = fresh(case)
    assert case.priority_next_deadline == today + timedelta(days=5)
    assert case.priority_score > 0
    assert case.priority_explanation["deadlines"][0]["kind"] == "stay_limit"
    assert_adds_up(case)


def test_a_wanted_listing_in_kazakhstan_adds_extradition_exposure(caseworker_a):
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    record(caseworker_a, person, "wanted_list", wanted_scope="interstate")
    before = fresh(case).priority_score
    today = timezone.localdate()
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KZ",
        entry_date=today - timedelta(days=3),
        legal_basis="visa",
        authorised_until=today + timedelta(days=300),
        registered_on=today - timedelta(days=2),  # registered: only the exposure is new
    )

    case = fresh(case)
    assert case.priority_score == before + DEFAULT_PRIORITY_WEIGHTS.extradition_points
    assert "extradition_exposure.country" in [
        line["rule"] for line in case.priority_explanation["contributions"]
    ]


def test_refreshing_without_a_change_writes_nothing(caseworker_a):
    case = make_case(caseworker_a)
    record(caseworker_a, case.household.members.get().person, "foreign_agent")
    count = AuditEvent.objects.count()

    services.case_priority_refresh(actor=caseworker_a, case_id=case.pk)

    assert AuditEvent.objects.count() == count


def test_time_alone_moves_the_priority(caseworker_a):
    """A summons counts as served 7 days after posting: the same record weighs more a week later."""
    case = make_case(caseworker_a)
    today = timezone.localdate()
    record(caseworker_a, case.household.members.get().person, "mobilisation_summons", occurred_on=today)
    now = fresh(case).priority_score

    later = services.case_priority_refresh(
        actor=caseworker_a, case_id=case.pk, today=today + timedelta(days=8)
    )

    assert later.priority_score == now + DEFAULT_PRIORITY_WEIGHTS.summons_deemed_served
    assert later.priority_next_deadline == today + timedelta(days=20)


def test_who_may_refresh(caseworker_a, auditor_a, caseworker_b):
    case = make_case(caseworker_a)
    with pytest.raises(PermissionDenied):
        services.case_priority_refresh(actor=auditor_a, case_id=case.pk)
    with pytest.raises(NotFound):
        services.case_priority_refresh(actor=caseworker_b, case_id=case.pk)


def test_a_closed_case_is_left_as_it_was(supervisor_a):
    case = make_case(supervisor_a)
    services.case_change_status(actor=supervisor_a, case_id=case.pk, status="closed")
    record(supervisor_a, case.household.members.get().person, "foreign_agent")
    assert fresh(case).priority_score == 0


def test_the_weights_file_in_settings_overrides_the_defaults(caseworker_a, settings, tmp_path):
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({"version": "test-weights", "foreign_agent": 77}), encoding="utf-8")
    settings.HERZEN_PRIORITY_WEIGHTS_FILE = str(path)
    priority_weights.cache_clear()
    try:
        case = make_case(caseworker_a)
        record(caseworker_a, case.household.members.get().person, "foreign_agent")
        case = fresh(case)
        assert case.priority_score == 77
        assert case.priority_explanation["weights_version"] == "test-weights"
    finally:
        priority_weights.cache_clear()


def test_the_daily_refresh_brings_every_active_case_up_to_date(caseworker_a, caseworker_b):
    today = timezone.localdate()
    summoned = make_case(caseworker_a)
    record(caseworker_a, summoned.household.members.get().person, "mobilisation_summons", occurred_on=today)
    quiet = make_case(caseworker_a)
    elsewhere = make_case(caseworker_b)
    record(caseworker_b, elsewhere.household.members.get().person, "mobilisation_summons", occurred_on=today)

    changed = services.organisation_case_priorities_refresh(
        actor=caseworker_a, today=today + timedelta(days=8)
    )

    assert changed == 2  # both cases: each explanation is now dated a week later; only one score moved
    assert fresh(summoned).priority_score > DEFAULT_PRIORITY_WEIGHTS.summons_posted
    assert fresh(quiet).priority_score == 0
    assert fresh(elsewhere).priority_explanation["as_of"] == today.isoformat()


def test_the_refresh_command(caseworker_a):
    case = make_case(caseworker_a)
    out = StringIO()
    call_command("refreshpriorities", username=caseworker_a.user.username, stdout=out)
    assert "case priorities changed" in out.getvalue()
    assert fresh(case).priority_explanation["as_of"] == timezone.localdate().isoformat()


def test_a_registration_due_in_the_transit_country_counts_in_the_priority(caseworker_a):
    # given a household that entered Uzbekistan 10 days ago and has not registered (due by day 15)
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    today = timezone.localdate()
    stay = people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="UZ",
        entry_date=today - timedelta(days=10),
        legal_basis="visa_free",
    )

    # then the registration is due on day 15 (entry + 14) and is the case's next deadline, with its own line
    case = fresh(case)
    assert stay.registration_deadline == today + timedelta(days=4)
    assert case.household.earliest_registration_deadline == today + timedelta(days=4)
    assert case.priority_next_deadline == today + timedelta(days=4)
    lines = [c for c in case.priority_explanation["contributions"] if c["source"] == "registration_deadline"]
    assert lines == [
        {
            "source": "registration_deadline",
            "rule": "registration_deadline.days_left",
            "value": "4",
            "points": DEFAULT_PRIORITY_WEIGHTS.registration_tiers[2].points,  # 4 days left: the 7-day tier
            "reference": "",
            "subject": "",
        }
    ]
    assert_adds_up(case)

    # when the registration is recorded
    people_services.stay_update(
        actor=caseworker_a, stay_id=stay.pk, registered_on=today, address_changed_on=None
    )

    # then nothing is due any more and the priority drops the line
    case = fresh(case)
    assert case.household.earliest_registration_deadline is None
    assert case.priority_next_deadline is None
    assert not [
        c for c in case.priority_explanation["contributions"] if c["source"] == "registration_deadline"
    ]


def test_summons_restrictions_are_dated_from_the_appearance_date_in_the_summons(caseworker_a):
    # given a summons posted today telling the person to appear in 10 days
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    today = timezone.localdate()
    record(
        caseworker_a,
        person,
        "mobilisation_summons",
        occurred_on=today,
        appearance_on=today + timedelta(days=10),
    )

    # then the further restrictions fall 20 days after the appearance date, not after the posting
    deadlines = {d["kind"]: d["on"] for d in fresh(case).priority_explanation["deadlines"]}
    assert deadlines["summons_deemed_served"] == (today + timedelta(days=7)).isoformat()
    assert deadlines["summons_further_restrictions"] == (today + timedelta(days=30)).isoformat()
