"""Work queues of applications (order, due this week, stay expires, waiting on the authority) and the
time-in-state figures per pathway, each in the actor's scope only."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from herzen.cases.models import Case
from herzen.demo.applications import walk
from herzen.pathways.models import Application, ApplicationDeadline, ApplicationStateChange
from herzen.pathways.selectors import ApplicationFilters, application_list, time_in_state_by_pathway
from herzen.pathways.tests.factories import make_application
from herzen.people.models import Household


def with_priority(application, score):
    Case.objects.filter(pk=application.case_id).update(priority_score=score)
    return application


def with_deadline(application, due_on, *, closed=False):
    ApplicationDeadline.objects.create(
        application=application,
        kind="visa_appointment",
        due_on=due_on,
        set_by=application.state_changes.first(),
        closed_at=timezone.now() if closed else None,
    )
    return application


def ids(applications):
    return [a.pk for a in applications]


def test_the_queue_puts_the_highest_priority_case_first_then_the_nearest_deadline(
    open_regimes, caseworker_a, today
):
    low = with_priority(make_application(caseworker_a), 10)
    high = with_priority(make_application(caseworker_a), 80)
    middle_no_deadline = with_priority(make_application(caseworker_a), 50)
    middle_later = with_deadline(
        with_priority(make_application(caseworker_a), 50), today + timedelta(days=20)
    )
    middle_sooner = with_deadline(
        with_priority(make_application(caseworker_a), 50), today + timedelta(days=3)
    )
    # a closed deadline is no longer near
    with_deadline(middle_no_deadline, today + timedelta(days=1), closed=True)

    queue = application_list(actor=caseworker_a, filters=ApplicationFilters(queue_order=True), today=today)

    assert ids(queue) == [high.pk, middle_sooner.pk, middle_later.pk, middle_no_deadline.pk, low.pk]


def test_due_this_week_takes_open_deadlines_within_the_days(open_regimes, caseworker_a, today):
    soon = with_deadline(make_application(caseworker_a), today + timedelta(days=7))
    overdue = with_deadline(make_application(caseworker_a), today - timedelta(days=2))
    later = with_deadline(make_application(caseworker_a), today + timedelta(days=8))
    closed = with_deadline(make_application(caseworker_a), today + timedelta(days=1), closed=True)

    due = application_list(
        actor=caseworker_a, filters=ApplicationFilters(deadline_within_days=7), today=today
    )

    assert set(ids(due)) == {soon.pk, overdue.pk}
    assert later.pk not in ids(due)
    assert closed.pk not in ids(due)


def test_stay_expires_is_the_ngos_filter_only(open_regimes, caseworker_a, actor_for, authorities, today):
    ending = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    lasting = make_application(caseworker_a)
    Household.objects.filter(pk=ending.case.household_id).update(
        earliest_stay_deadline=today + timedelta(days=14)
    )
    Household.objects.filter(pk=lasting.case.household_id).update(
        earliest_stay_deadline=today + timedelta(days=40)
    )
    filters = ApplicationFilters(stay_within_days=14)

    assert ids(application_list(actor=caseworker_a, filters=filters, today=today)) == [ending.pk]
    # the authority it is referred to does not read the NGO's file on stays, not even as a filter
    assert (
        ids(application_list(actor=authorities("DE")["foreign_ministry"], filters=filters, today=today)) == []
    )


def test_waiting_on_the_authority_for_more_than_n_days(
    open_regimes, caseworker_a, actor_for, authorities, today
):
    def submitted(days_ago):
        application = walk(
            make_application(caseworker_a),
            target="submitted_foreign_ministry",
            actor_for=actor_for("DE"),
            today=today,
        )
        Application.objects.filter(pk=application.pk).update(
            state_entered_at=timezone.now() - timedelta(days=days_ago)
        )
        return application

    long_ago = submitted(45)
    just_now = submitted(5)
    not_waiting = make_application(caseworker_a)
    Application.objects.filter(pk=not_waiting.pk).update(state_entered_at=timezone.now() - timedelta(days=90))
    filters = ApplicationFilters(waiting_longer_than_days=30)

    assert ids(application_list(actor=caseworker_a, filters=filters, today=today)) == [long_ago.pk]
    waiting_four = application_list(
        actor=caseworker_a, filters=ApplicationFilters(waiting_longer_than_days=4)
    )
    assert set(ids(waiting_four)) == {long_ago.pk, just_now.pk}
    authority = authorities("DE")["foreign_ministry"]
    assert ids(application_list(actor=authority, filters=filters, today=today)) == [long_ago.pk]


# --- time in state ---------------------------------------------------------------------------------------

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(0))


@pytest.fixture
def known_histories(open_regimes, caseworker_a, actor_for, today):
    """Four de_22_2 applications submitted to the foreign ministry, with dossier stays of 1, 2, 3, 4 days and
    vouched stays of 10, 20, 30, 40 days (their history rewritten to known times)."""
    applications = []
    for dossier_days, vouched_days in ((1, 10), (2, 20), (3, 30), (4, 40)):
        application = walk(
            make_application(caseworker_a),
            target="submitted_foreign_ministry",
            actor_for=actor_for("DE"),
            today=today,
        )
        changes = list(application.state_changes.order_by("occurred_at", "created_at"))
        assert [c.to_state for c in changes] == ["dossier", "vouched", "submitted_foreign_ministry"]
        for change, at in zip(
            changes,
            (T0, T0 + timedelta(days=dossier_days), T0 + timedelta(days=dossier_days + vouched_days)),
            strict=True,
        ):
            ApplicationStateChange.objects.filter(pk=change.pk).update(occurred_at=at)
        applications.append(application)
    return applications


def test_time_in_state_median_and_90th_percentile_on_a_known_history(known_histories, caseworker_a):
    (figures,) = time_in_state_by_pathway(actor=caseworker_a)

    assert figures.pathway.code == "de_22_2"
    assert figures.applications == 4
    by_state = {row.state: row for row in figures.states}
    # the state they are in now has not ended: it is not counted
    assert list(by_state) == ["dossier", "vouched"]
    assert by_state["dossier"].median_days == pytest.approx(2.5)
    assert by_state["dossier"].p90_days == pytest.approx(3.7)
    assert by_state["vouched"].stays == 4
    assert by_state["vouched"].median_days == pytest.approx(25.0)
    assert by_state["vouched"].p90_days == pytest.approx(37.0)


def test_time_in_state_is_scoped_to_the_actor(known_histories, caseworker_b, authorities):
    assert time_in_state_by_pathway(actor=caseworker_b) == []
    # the foreign ministry has all four referred to it; another country's does not
    (figures,) = time_in_state_by_pathway(actor=authorities("DE")["foreign_ministry"])
    assert figures.applications == 4
    assert time_in_state_by_pathway(actor=authorities("DE")["interior_ministry"]) == []
