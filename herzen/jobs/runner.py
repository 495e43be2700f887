"""Herzen's thin layer over the Django Tasks API: jobs with progress, retries with backoff, and outcomes.

django-tasks (with the django-tasks-db backend) queues and runs task functions but has no retries and no
progress. A function decorated with `@job(kind=..., label=...)` becomes a django-tasks `Task` taking one
argument, the id of a `Job` row; `execute` runs the function with a `JobContext` and:

- is **idempotent**: a job already finished is not run again (a task delivered twice does nothing), and
  enqueueing with an `idempotency_key` already used returns the existing job instead of making another;
- **retries with backoff**: an exception records the exception's class (never its message, which may carry
  personal data) and enqueues the same job again `backoff_seconds * 2**(attempt-1)` later (at most an hour),
  until `max_attempts`; then the job is failed, which operators see on the failed-jobs page;
- reports **progress** (`ctx.progress(done, total)`, committed at once so a page can show it while the job runs);
- keeps a produced file sealed with the job's own data key (`ctx.store_result`);
- tells the subscribers of `on_job_finished` (the notifications app: the starter's inbox) when it ends.

Job functions must be safe to run again after a failure part-way: each of Herzen's writes its effects in
transactions of its own and recomputes from the database rather than from what a previous attempt did.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks.base import Task

from herzen.core.actor import Actor
from herzen.encryption.files import decrypt_file, encrypt_file
from herzen.encryption.keys import Owner, clear_cache
from herzen.jobs.models import Job, JobStatus
from herzen.organisations.actors import actor_for_user

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600
RESULT_PURPOSE = "job.result"
INPUT_PURPOSE = "job.input"


@dataclass(frozen=True)
class JobSpec:
    kind: str
    label: Any  # a lazy translation: what the job is called on its page and in the inbox
    function: Callable[..., None]
    max_attempts: int
    backoff_seconds: int


_SPECS: dict[str, JobSpec] = {}
_FINISHED_SUBSCRIBERS: list[Callable[[Job], None]] = []


def job(
    *, kind: str, label: Any, max_attempts: int = 5, backoff_seconds: int = 30, queue_name: str = "default"
) -> Callable[[Callable[..., None]], Task]:
    """Make `function(ctx, **params)` a job. The decorated name must be a module-level name (django-tasks
    imports the task by its path)."""

    def decorate(function: Callable[..., None]) -> Task:
        def run(job_id: str) -> str:
            return execute(job_id)

        run.__module__ = function.__module__
        run.__name__ = function.__name__
        run.__qualname__ = function.__qualname__
        run.__doc__ = function.__doc__
        _SPECS[kind] = JobSpec(kind, label, function, max_attempts, backoff_seconds)
        return task(queue_name=queue_name)(run)

    return decorate


def spec(kind: str) -> JobSpec | None:
    return _SPECS.get(kind)


def on_job_finished(callback: Callable[[Job], None]) -> None:
    """Call `callback(job)` when a job succeeds or finally fails (registered once, in an AppConfig.ready)."""
    if callback not in _FINISHED_SUBSCRIBERS:
        _FINISHED_SUBSCRIBERS.append(callback)


def backoff(base_seconds: int, attempt: int) -> timedelta:
    """The wait before the next attempt after `attempt` failed ones: doubling, capped at an hour."""
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, base_seconds * 2 ** max(attempt - 1, 0)))


def enqueue_job(
    job_task: Task,
    *,
    kind: str,
    params: dict[str, Any] | None = None,
    organisation_id: object | None = None,
    started_by_id: object | None = None,
    idempotency_key: str = "",
) -> Job:
    """Record a job and queue it, in one transaction (the database backend queues in the same database, so
    a job exists exactly when its task does). An `idempotency_key` already used returns that job."""
    job_spec = _SPECS[kind]
    if idempotency_key:
        existing = Job.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            record = Job.objects.create(
                task_path=job_task.module_path,
                kind=kind,
                params=params or {},
                organisation_id=organisation_id,
                started_by_id=started_by_id,
                idempotency_key=idempotency_key,
                max_attempts=job_spec.max_attempts,
            )
            job_task.enqueue(str(record.pk))
    except IntegrityError:
        if not idempotency_key:
            raise
        return Job.objects.get(idempotency_key=idempotency_key)
    return record


class JobContext:
    """What a job function gets: its job, the actor it runs as (rebuilt from who started it, so a revoked
    membership stops it), progress, and a place for its file."""

    def __init__(self, record: Job) -> None:
        self.job = record
        self._actor: Actor | None = None

    @property
    def actor(self) -> Actor | None:
        if self._actor is None and self.job.started_by is not None:
            self._actor = actor_for_user(self.job.started_by, organisation_id=self.job.organisation_id)
        return self._actor

    def progress(self, done: int, total: int) -> None:
        Job.objects.filter(pk=self.job.pk).update(progress_done=done, progress_total=total)
        self.job.progress_done, self.job.progress_total = done, total

    def store_result(self, *, name: str, content_type: str, content: bytes) -> None:
        sealed = encrypt_file(
            Owner.of("job", self.job.pk), purpose=RESULT_PURPOSE, file_id=str(self.job.pk), data=content
        )
        Job.objects.filter(pk=self.job.pk).update(
            result=sealed, result_name=name, result_content_type=content_type
        )

    def read_input(self) -> bytes:
        """The file the job was started with, in clear."""
        if self.job.input is None:
            raise ValueError(f"job {self.job.pk} has no input")
        return decrypt_file(
            Owner.of("job", self.job.pk),
            purpose=INPUT_PURPOSE,
            file_id=str(self.job.pk),
            data=bytes(self.job.input),
        )

    def set_outcome(self, message: str, count: int | None = None, **counts: int) -> None:
        outcome = {"message": message, **({"count": count} if count is not None else {}), **counts}
        Job.objects.filter(pk=self.job.pk).update(outcome=outcome)


def store_input(record: Job, content: bytes) -> None:
    """Keep the file a job is started with, sealed with the job's key (in the starter's transaction)."""
    sealed = encrypt_file(
        Owner.of("job", record.pk), purpose=INPUT_PURPOSE, file_id=str(record.pk), data=content
    )
    Job.objects.filter(pk=record.pk).update(input=sealed)
    record.input = sealed


def read_result(record: Job) -> bytes:
    """The job's file in clear (callers check who may read it)."""
    return decrypt_file(
        Owner.of("job", record.pk), purpose=RESULT_PURPOSE, file_id=str(record.pk), data=bytes(record.result)
    )


def task_of(record: Job) -> Task:
    found = import_string(record.task_path)
    if not isinstance(found, Task):
        raise TypeError(f"{record.task_path} is not a task")
    return found


def execute(job_id: str) -> str:
    """Run one attempt of a job (called by the worker through the job's task)."""
    record = Job.objects.select_related("started_by").filter(pk=job_id).first()
    if record is None or record.is_finished:
        return "skipped"
    job_spec = _SPECS[record.kind]
    now = timezone.now()
    Job.objects.filter(pk=record.pk).update(
        status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=record.started_at or now
    )
    record.refresh_from_db()
    try:
        job_spec.function(JobContext(record), **record.params)
    except Exception as error:
        return _failed(record, job_spec, error)
    finally:
        clear_cache()  # unwrapped data keys live for one job, as for one request
    # A finished job's input is not kept: an uploaded file lives no longer than the work on it.
    Job.objects.filter(pk=record.pk).update(
        status=JobStatus.SUCCEEDED, finished_at=timezone.now(), error="", next_attempt_at=None, input=None
    )
    record.refresh_from_db()
    _announce(record)
    return "succeeded"


def _failed(record: Job, job_spec: JobSpec, error: Exception) -> str:
    name = type(error).__name__[:200]
    # The class only: a message or traceback could quote personal data into the log.
    logger.warning("Job %s (%s) attempt %s failed: %s", record.pk, record.kind, record.attempts, name)
    if record.attempts < record.max_attempts:
        retry_at = timezone.now() + backoff(job_spec.backoff_seconds, record.attempts)
        with transaction.atomic():
            Job.objects.filter(pk=record.pk).update(
                status=JobStatus.RETRYING, error=name, next_attempt_at=retry_at
            )
            task_of(record).using(run_after=retry_at).enqueue(str(record.pk))
        return "retrying"
    Job.objects.filter(pk=record.pk).update(
        status=JobStatus.FAILED, error=name, finished_at=timezone.now(), next_attempt_at=None
    )  # a failed job keeps its sealed input, so that an operator's retry has it
    record.refresh_from_db()
    _announce(record)
    return "failed"


def _announce(record: Job) -> None:
    for callback in _FINISHED_SUBSCRIBERS:
        try:
            callback(record)
        except Exception as error:  # a failed notice must not turn a finished job into a failed one
            logger.warning("Job %s: finished-callback failed: %s", record.pk, type(error).__name__)
