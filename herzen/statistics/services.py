"""Requesting, reviewing and publishing statistics releases. Every change is audited.

A request checks the year's privacy budget before any noise is drawn, and keeps its ε reserved from then on
(herzen.statistics.models.SPENDING); the job computes the tables; a statistics officer other than the
requester approves or rejects them. Only approved releases are public.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.domain.statistics.privacy import MAX_RELEASE_EPSILON, Budget, BudgetExceeded
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.runner import enqueue_job
from herzen.organisations.actors import actor_for_user
from herzen.statistics.models import SPENDING, ReleaseStatus, StatisticsRelease
from herzen.statistics.permissions import can_request_release, can_review_release

REQUEST_FIELDS = frozenset({"period", "epsilon", "budget_year"})
REVIEW_FIELDS = frozenset({"status", "reviewed_by", "reviewed_at"})
COMPUTE_FIELDS = frozenset({"status", "tables"})
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def spent_in_year(year: int) -> float:
    spent = StatisticsRelease.objects.filter(budget_year=year, status__in=SPENDING).aggregate(
        total=Sum("epsilon")
    )
    return float(spent["total"] or 0.0)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


def release_request(*, actor: Actor, period: str, epsilon: float) -> StatisticsRelease:
    if not can_request_release(actor):
        raise PermissionDenied(_("Only a statistics officer can ask for a statistics release."))
    match = _PERIOD.match(period or "")
    today = timezone.localdate()
    if match is None:
        raise _invalid("period", _("Give the month as YYYY-MM, for example 2026-11."))
    if (int(match.group(1)), int(match.group(2))) >= (today.year, today.month):
        raise _invalid("period", _("A month can be released only after it has ended."))
    if not 0 < epsilon <= MAX_RELEASE_EPSILON:
        raise _invalid("epsilon", _("The privacy loss of one release is more than 0 and at most 1."))
    from herzen.statistics.jobs import statistics_release  # the job module imports this one

    with transaction.atomic():
        # Serialise requests of one year, so that two at once cannot both fit in the same remaining budget.
        list(StatisticsRelease.objects.select_for_update().filter(budget_year=today.year).values_list("pk"))
        try:
            Budget(spent_in_year(today.year)).check(epsilon)
        except BudgetExceeded:
            raise _invalid(
                "epsilon",
                _("This release would take the year's privacy budget above ε = 4; %(left)s is left.")
                % {"left": f"{max(0.0, 4.0 - spent_in_year(today.year)):g}"},
            ) from None
        release = StatisticsRelease.objects.create(
            period=period, epsilon=epsilon, budget_year=today.year, requested_by=actor.user
        )
        audit.record(
            actor=actor, action="statistics_release.request", target=release, changed_fields=REQUEST_FIELDS
        )
        release.job = enqueue_job(
            statistics_release,
            kind="statistics_release",
            params={"release_id": str(release.pk)},
            organisation_id=actor.organisation_id,
            started_by_id=actor.user.pk,
        )
        release.save(update_fields=["job", "updated_at"])
    return release


def release_job_finished(job: Job) -> None:
    """A release whose job finally failed before drawing any noise gives its reserved ε back."""
    if job.kind != "statistics_release" or job.status != JobStatus.FAILED or job.started_by is None:
        return
    with transaction.atomic():
        release = (
            StatisticsRelease.objects.select_for_update()
            .filter(job_id=job.pk, status=ReleaseStatus.COMPUTING)
            .first()
        )
        if release is None:
            return
        release.status = ReleaseStatus.FAILED
        release.save(update_fields=["status", "updated_at"])
        actor = actor_for_user(job.started_by, organisation_id=job.organisation_id)
        if actor is not None:  # None once the requester's membership has ended: the job page still shows it
            audit.record(
                actor=actor, action="statistics_release.fail", target=release, changed_fields={"status"}
            )


def _reviewable(actor: Actor, release_id: object) -> StatisticsRelease:
    release = StatisticsRelease.objects.select_for_update().filter(pk=release_id).first()
    if release is None:
        raise NotFound
    if not can_review_release(actor, release):
        raise PermissionDenied(
            _("A statistics officer other than the one who asked for the release reviews it.")
        )
    if release.status != ReleaseStatus.AWAITING_REVIEW:
        raise Conflict(_("This release is not waiting for review."))
    return release


@transaction.atomic
def release_approve(*, actor: Actor, release_id: object) -> StatisticsRelease:
    release = _reviewable(actor, release_id)
    release.status = ReleaseStatus.PUBLISHED
    release.reviewed_by = actor.user
    release.reviewed_at = timezone.now()
    release.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(
        actor=actor, action="statistics_release.approve", target=release, changed_fields=REVIEW_FIELDS
    )
    return release


@transaction.atomic
def release_reject(*, actor: Actor, release_id: object) -> StatisticsRelease:
    release = _reviewable(actor, release_id)
    release.status = ReleaseStatus.REJECTED
    release.reviewed_by = actor.user
    release.reviewed_at = timezone.now()
    release.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(
        actor=actor, action="statistics_release.reject", target=release, changed_fields=REVIEW_FIELDS
    )
    return release
