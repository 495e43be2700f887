"""Starting a job in someone's name, and an operator's retry of a failed one. Both audited."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks.base import Task

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import PermissionDenied
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.permissions import can_retry_job
from herzen.jobs.runner import enqueue_job, store_input, task_of
from herzen.jobs.selectors import job_get


@transaction.atomic
def job_start(
    *,
    actor: Actor,
    job_task: Task,
    kind: str,
    params: dict[str, Any] | None = None,
    input_file: bytes | None = None,
) -> Job:
    """Queue a job that runs with the actor's rights in the actor's organisation (checked again when it runs).
    `input_file` (an upload to import) is kept sealed with the job's key until the job ends."""
    job = enqueue_job(
        job_task,
        kind=kind,
        params=params,
        organisation_id=actor.organisation_id,
        started_by_id=actor.user.pk,
    )
    if input_file is not None:
        # In this transaction: the worker cannot pick the job up before its file is there.
        store_input(job, input_file)
    audit.record(actor=actor, action="job.start", target=job)
    return job


@transaction.atomic
def job_retry(*, actor: Actor, job_id: object) -> Job:
    """Give a failed job a fresh set of attempts (its function is idempotent: it starts over)."""
    job = job_get(actor=actor, job_id=job_id)
    if not can_retry_job(actor, job):
        raise PermissionDenied(
            _("Only a failed job can be tried again, by an organisation admin or supervisor.")
        )
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, attempts=0, error="", finished_at=None, next_attempt_at=None
    )
    task_of(job).enqueue(str(job.pk))
    audit.record(actor=actor, action="job.retry", target=job, changed_fields=["status", "attempts"])
    job.refresh_from_db()
    return job
