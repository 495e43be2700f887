"""Deadline reminders, run daily by the schedule: staff are told of deadlines within a week (applications) or two
(legal stays); applicants who opted in are told "there is news" 14 and 3 days before their legal stay ends.

Each reminder is keyed by its deadline, so a run repeated (a catch-up, a retry) tells nobody twice.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse

from herzen.cases.models import Case, CaseStatus
from herzen.core.actor import Role
from herzen.notifications.applicants import notify_applicant
from herzen.notifications.models import ApplicantEvent, ApplicantSubscription, NoticeKind
from herzen.notifications.staff import notify
from herzen.organisations.models import Membership
from herzen.pathways.models import ApplicationDeadline

APPLICATION_DEADLINE_DAYS = 7
STAY_DEADLINE_DAYS = 14
# Applicants are told at these numbers of days before their last legal day (each once per deadline).
APPLICANT_STAY_THRESHOLDS = (14, 3)


@dataclass
class ReminderReport:
    staff: int = 0
    applicants: int = 0


def _recipients(case: Case) -> list[object]:
    if case.assigned_caseworker_id is not None:
        return [case.assigned_caseworker_id]
    supervisors = Membership.objects.filter(organisation_id=case.organisation_id, role=Role.SUPERVISOR)
    return list(supervisors.values_list("user_id", flat=True))


def _tell_staff(case: Case, due_on: date, key: str, link: str) -> int:
    told = 0
    for recipient in _recipients(case):
        notice = notify(
            recipient_id=recipient,
            organisation_id=case.organisation_id,
            kind=NoticeKind.DEADLINE_APPROACHING,
            params={"reference": case.reference, "due_on": due_on.isoformat()},
            link=link,
            dedupe_key=key,
        )
        told += notice is not None
    return told


def applicant_threshold(days_left: int) -> int | None:
    """Which reminder a deadline `days_left` away calls for: 14 (from 14 down to 4 days), 3 (3 to 0), or none.
    A missed day is caught up: the reminder is keyed by threshold, not by the exact day."""
    lower = -1
    for threshold in sorted(APPLICANT_STAY_THRESHOLDS):
        if lower < days_left <= threshold:
            return threshold
        lower = threshold
    return None


def send_deadline_reminders(*, today: date) -> ReminderReport:
    report = ReminderReport()
    soon = today + timedelta(days=APPLICATION_DEADLINE_DAYS)
    deadlines = ApplicationDeadline.objects.filter(
        closed_at__isnull=True, due_on__gte=today, due_on__lte=soon
    ).select_related("application__case")
    for deadline in deadlines:
        with transaction.atomic():
            report.staff += _tell_staff(
                deadline.application.case,
                deadline.due_on,
                f"deadline:{deadline.pk}",
                reverse("web:application-detail", args=[deadline.application_id]),
            )
    stay_soon = today + timedelta(days=STAY_DEADLINE_DAYS)
    active = Case.objects.exclude(status=CaseStatus.CLOSED).filter(
        household__earliest_stay_deadline__gte=today, household__earliest_stay_deadline__lte=stay_soon
    )
    for case in active.select_related("household"):
        due = case.household.earliest_stay_deadline
        with transaction.atomic():
            report.staff += _tell_staff(
                case, due, f"stay:{case.pk}:{due.isoformat()}", reverse("web:case-detail", args=[case.pk])
            )
    subscriptions = ApplicantSubscription.objects.filter(
        opted_out_at__isnull=True,
        case__household__earliest_stay_deadline__gte=today,
        case__household__earliest_stay_deadline__lte=today + timedelta(days=max(APPLICANT_STAY_THRESHOLDS)),
    ).select_related("case__household")
    for subscription in subscriptions:
        due = subscription.case.household.earliest_stay_deadline
        threshold = applicant_threshold((due - today).days)
        if threshold is None:
            continue
        with transaction.atomic():
            report.applicants += notify_applicant(
                case_id=subscription.case_id,
                event=ApplicantEvent.STAY_DEADLINE,
                event_key=f"{due.isoformat()}:{threshold}",
            )
    return report
