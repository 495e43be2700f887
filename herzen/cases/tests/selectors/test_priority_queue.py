"""The work queue: cases by priority then next deadline, and the "due this week" / "stay expires" views."""

from datetime import timedelta

from django.utils import timezone

from herzen.cases.selectors import CaseFilters, case_list
from herzen.cases.tests.factories import make_case
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person


def case_for(actor, *, factors=(), stay_days_left=None, surname="Щукина"):
    """A case whose principal has `factors` ((kind, details) pairs) and, if given, a stay ending in N days."""
    today = timezone.localdate()
    person = make_person(actor, surname=surname)
    if stay_days_left is not None:
        people_services.stay_record(
            actor=actor,
            person_id=person.pk,
            country="GE",
            entry_date=today - timedelta(days=30),
            legal_basis="visa",
            authorised_until=today + timedelta(days=stay_days_left),
        )
    case = make_case(actor, household=make_household(actor, principal=person))
    for kind, details in factors:
        people_services.risk_factor_record(actor=actor, person_id=person.pk, kind=kind, **details)
    return case


def references(cases):
    return [case.reference for case in cases]


def test_the_queue_puts_the_highest_priority_first_then_the_soonest_deadline(caseworker_a, caseworker_b):
    quiet = case_for(caseworker_a, surname="Тихонова")
    agent_late = case_for(
        caseworker_a, factors=[("foreign_agent", {})], stay_days_left=300, surname="Позднякова"
    )
    agent_soon = case_for(
        caseworker_a, factors=[("foreign_agent", {})], stay_days_left=200, surname="Скорова"
    )
    convicted = case_for(
        caseworker_a, factors=[("criminal_case", {"criminal_stage": "in_absentia"})], surname="Осуждённая"
    )
    case_for(caseworker_b, factors=[("criminal_case", {"criminal_stage": "in_absentia"})])

    queue = list(case_list(actor=caseworker_a, filters=CaseFilters(sort="priority")))

    assert [case.priority_score for case in queue] == sorted((c.priority_score for c in queue), reverse=True)
    assert references(queue) == [
        convicted.reference,
        agent_soon.reference,
        agent_late.reference,
        quiet.reference,
    ]


def test_due_this_week_and_stay_expires_within_14_days(caseworker_a):
    today = timezone.localdate()
    summons_due = case_for(
        caseworker_a, factors=[("mobilisation_summons", {"occurred_on": today})], surname="Повесткина"
    )
    stay_10 = case_for(caseworker_a, stay_days_left=10, surname="Десятова")
    stay_5 = case_for(caseworker_a, stay_days_left=5, surname="Пятова")
    case_for(caseworker_a, stay_days_left=60, surname="Дальняя")

    due_this_week = case_list(actor=caseworker_a, filters=CaseFilters(due_within_days=7), today=today)
    stay_expires = case_list(actor=caseworker_a, filters=CaseFilters(deadline_within_days=14), today=today)

    assert set(references(due_this_week)) == {summons_due.reference, stay_5.reference}
    assert set(references(stay_expires)) == {stay_5.reference, stay_10.reference}


def test_filter_by_band(caseworker_a):
    grave = case_for(
        caseworker_a,
        factors=[
            ("criminal_case", {"criminal_stage": "in_absentia"}),
            ("wanted_list", {"wanted_scope": "interpol"}),
        ],
    )
    case_for(caseworker_a, surname="Тихонова")

    assert references(
        case_list(actor=caseworker_a, filters=CaseFilters(band=grave.household.cases.get().priority_band))
    ) == [grave.reference]


def test_a_registration_due_puts_the_case_in_the_deadline_queues(caseworker_a):
    # given a household in Serbia since yesterday, unregistered (24 hours), and one in Georgia, where no
    # registration is due and the visa has months left
    today = timezone.localdate()
    unregistered = make_person(caseworker_a, surname="Неприписанная")
    people_services.stay_record(
        actor=caseworker_a,
        person_id=unregistered.pk,
        country="RS",
        entry_date=today - timedelta(days=1),
        legal_basis="visa_free",
    )
    unregistered_case = make_case(
        caseworker_a, household=make_household(caseworker_a, principal=unregistered)
    )
    settled = case_for(caseworker_a, stay_days_left=200, surname="Спокойная")

    # when
    soon = case_list(actor=caseworker_a, filters=CaseFilters(deadline_within_days=14), today=today)
    due = case_list(actor=caseworker_a, filters=CaseFilters(due_within_days=7), today=today)
    by_deadline = list(case_list(actor=caseworker_a, filters=CaseFilters(sort="deadline"), today=today))

    # then the registration (due today) puts the Serbian case in both views, and first in deadline order,
    # although its 30-day stay limit is weeks away
    assert references(soon) == [unregistered_case.reference]
    assert references(due) == [unregistered_case.reference]
    assert references(by_deadline)[:2] == [unregistered_case.reference, settled.reference]
