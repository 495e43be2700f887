"""Reads of jobs: one job for its page, failed jobs for operators."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.permissions import can_view_failed_jobs, can_view_job


def _with_operator_jobs(actor: Actor, jobs: QuerySet[Job]) -> QuerySet[Job]:
    """The platform operator (a superuser) also sees the jobs of no organisation (schedules)."""
    if actor.user.is_superuser:
        return Job.objects.filter(Q(pk__in=jobs.values("pk")) | Q(organisation__isnull=True))
    return jobs


def job_get(*, actor: Actor, job_id: object) -> Job:
    """One job the actor may see (missing, not yours and malformed ids alike are NotFound)."""
    jobs = _with_operator_jobs(actor, Job.objects.for_actor(actor))
    try:
        job = jobs.select_related("started_by").get(pk=job_id)
    except (Job.DoesNotExist, ValidationError, ValueError):
        raise NotFound() from None
    if not can_view_job(actor, job):
        raise NotFound()
    return job


def failed_jobs(*, actor: Actor, limit: int = 200) -> list[Job]:
    """Jobs that failed or are waiting to retry after a failure, newest first."""
    if not can_view_failed_jobs(actor):
        return []
    jobs = _with_operator_jobs(actor, Job.objects.for_actor(actor))
    failing = jobs.filter(status__in=[JobStatus.FAILED, JobStatus.RETRYING])
    return list(failing.select_related("started_by").order_by("-updated_at")[:limit])
