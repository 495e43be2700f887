"""JSON API of jobs: the work the worker does for a request too large to finish in it (a large decision list,
a large dossier). An operation that hands its work to a job answers 202 with this resource; the client polls
`GET /jobs/<id>/` until `status` is `succeeded` or `failed`, then fetches the file, if there is one, from
`GET /jobs/<id>/file/`. Only the person who started a job gets its file, as on the job's page."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from herzen.core.api import ActorApi, error_responses
from herzen.core.exceptions import PermissionDenied
from herzen.jobs.describe import failure_text, import_problems, job_label, outcome_text
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.permissions import can_download_job_result
from herzen.jobs.runner import read_result
from herzen.jobs.selectors import job_get

JOBS = "jobs"


class JobSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField(help_text="What the job does, as a stable name (e.g. decision_import).")
    label = serializers.SerializerMethodField(help_text="What the job does, in the caller's language.")
    status = serializers.ChoiceField(choices=JobStatus.choices)
    progress_done = serializers.IntegerField()
    progress_total = serializers.IntegerField(help_text="0 while the job does not know its size yet.")
    outcome = serializers.SerializerMethodField(help_text="What came of it, in words; empty until it ends.")
    problems = serializers.SerializerMethodField(
        help_text="A refused import's problems, one per line (`Line N: reason`), for the person who started it."
    )
    failure = serializers.SerializerMethodField(help_text="Why it failed, in words; empty unless it failed.")
    file_url = serializers.SerializerMethodField(
        help_text="Where its file is, for the person who started it, once there is one; null otherwise."
    )
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "Job"

    def get_label(self, job: Job) -> str:
        return job_label(job.kind)

    def get_outcome(self, job: Job) -> str:
        return outcome_text(job.outcome)

    def get_problems(self, job: Job) -> list[str]:
        return import_problems(self.context["actor"], job)

    def get_failure(self, job: Job) -> str:
        return failure_text(job.error) if job.status in (JobStatus.FAILED, JobStatus.RETRYING) else ""

    def get_file_url(self, job: Job) -> str | None:
        if not can_download_job_result(self.context["actor"], job):
            return None
        return reverse("api:job-file", args=[job.pk])


def job_accepted(api: ActorApi, job: Job) -> Response:
    """The 202 an operation answers when it handed its work to a job: the job, and where to poll it."""
    response = Response(JobSerializer(job, context={"actor": api.actor}).data, status=202)
    response["Location"] = reverse("api:job", args=[job.pk])
    return response


class JobApi(ActorApi):
    @extend_schema(
        operation_id="job",
        tags=[JOBS],
        summary="A job: its status, progress and outcome",
        description="The person who started it, and their organisation's supervisors and admins, see it.",
        responses={200: JobSerializer, **error_responses(404)},
    )
    def get(self, request: Request, job_id: str) -> Response:
        job = job_get(actor=self.actor, job_id=job_id)
        return Response(JobSerializer(job, context={"actor": self.actor}).data)


class JobFileApi(ActorApi):
    @extend_schema(
        operation_id="job_file",
        tags=[JOBS],
        summary="The file a job made (a dossier ZIP, an export), for the person who started it",
        description="Its reading was recorded in the access log when the job made it.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The file."),
            **error_responses(404),
        },
    )
    def get(self, request: Request, job_id: str) -> HttpResponse:
        job = job_get(actor=self.actor, job_id=job_id)
        if not can_download_job_result(self.actor, job):
            raise PermissionDenied(_("Only the person who started this job can download its file."))
        response = HttpResponse(
            read_result(job), content_type=job.result_content_type or "application/octet-stream"
        )
        response["Content-Disposition"] = content_disposition_header(True, job.result_name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response
