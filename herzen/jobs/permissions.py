"""Who may see a job and its file."""

from herzen.core.actor import Actor, Role
from herzen.jobs.models import Job


def can_view_job(actor: Actor, job: Job) -> bool:
    """The person who started it, and the organisation's supervisors and admins (to see what failed)."""
    if job.started_by_id is not None and job.started_by_id == actor.user.pk:
        return True
    return can_view_failed_jobs(actor)


def can_download_job_result(actor: Actor, job: Job) -> bool:
    """Only the person who started it: the file is their export, made with their rights."""
    return job.started_by_id is not None and job.started_by_id == actor.user.pk and job.result is not None


def can_view_failed_jobs(actor: Actor) -> bool:
    """Organisation admins and supervisors see their organisation's failed jobs; the platform operator (a
    superuser) also sees the jobs that belong to no organisation (schedules)."""
    return actor.has_any_role(Role.ORGANISATION_ADMIN, Role.SUPERVISOR) or bool(actor.user.is_superuser)


def can_retry_job(actor: Actor, job: Job) -> bool:
    return job.status == "failed" and can_view_failed_jobs(actor)
