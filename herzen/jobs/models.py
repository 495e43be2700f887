"""A job: one piece of background work, its progress, its attempts and its outcome.

The Django Tasks backend (django-tasks-db) keeps the queue; a `Job` row is Herzen's own record of the work
it asked for: who started it and in which organisation, how far it has got, how often it was tried, and what
came of it (a file, sealed with the job's own data key, or a failure named by its exception class only —
exception messages may carry personal data).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    RETRYING = "retrying", _("Failed, will try again")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Job(BaseModel):
    # The django-tasks Task that runs it (module path), and a stable short name for labels and filters.
    task_path = models.CharField(max_length=200)
    kind = models.CharField(max_length=64, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Ids and options only, never personal data: the row outlives the records it names.
    params = models.JSONField(default=dict, blank=True)
    # The same key never makes a second job (a schedule's period, a notice's event): enqueueing is idempotent.
    idempotency_key = models.CharField(max_length=200, blank=True, default="")
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField(default=5)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True, default="")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A file the job was given (an uploaded import), sealed with the job's data key; dropped when the job ends.
    input = models.BinaryField(null=True, blank=True)
    # A file the job produced, sealed with the job's data key (herzen.encryption.files).
    result = models.BinaryField(null=True, blank=True)
    result_name = models.CharField(max_length=200, blank=True, default="")
    result_content_type = models.CharField(max_length=100, blank=True, default="")
    # A short, translatable summary of the outcome (a count), as {"message": key, "count": n}.
    outcome = models.JSONField(default=dict, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="job_idempotency_key_unique",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status", "-created_at"], name="job_org_status")]

    def __str__(self) -> str:
        return f"Job {self.kind} {str(self.pk)[:8]}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched every few seconds: the health endpoint reads the newest."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=200, blank=True, default="")
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Worker {self.worker_id}"
