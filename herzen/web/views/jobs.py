"""A job's page (progress bar, outcome, its file for whoever started it) and the failed jobs for operators."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from herzen.jobs.describe import failure_text, import_problems, job_label, outcome_text
from herzen.jobs.permissions import can_download_job_result, can_retry_job, can_view_failed_jobs
from herzen.jobs.runner import read_result
from herzen.jobs.selectors import failed_jobs, job_get
from herzen.jobs.services import job_retry
from herzen.web.access import organisation_page, require


@require_GET
@organisation_page
def job_detail_view(request: HttpRequest, job_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    job = job_get(actor=actor, job_id=job_id)
    context = {
        "job": job,
        "label": job_label(job.kind),
        "outcome": outcome_text(job.outcome),
        "can_download": can_download_job_result(actor, job),
        # A refused import's problems, one per line, for the person who uploaded the file.
        "problems": import_problems(actor, job),
    }
    return render(request, "web/jobs/detail.html", context)


@require_GET
@organisation_page
def job_result_view(request: HttpRequest, job_id: object) -> HttpResponse:
    """The job's file, for the person who started it (its reading was recorded when it was made)."""
    actor = request.actor  # type: ignore[attr-defined]
    job = job_get(actor=actor, job_id=job_id)
    require(can_download_job_result(actor, job))
    response = HttpResponse(read_result(job), content_type=job.result_content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.result_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@organisation_page
def failed_jobs_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    require(can_view_failed_jobs(actor))
    rows = [
        {
            "job": job,
            "label": job_label(job.kind),
            "failure": failure_text(job.error),
            "can_retry": can_retry_job(actor, job),
        }
        for job in failed_jobs(actor=actor)
    ]
    return render(request, "web/jobs/failed.html", {"rows": rows})


@require_POST
@organisation_page
def job_retry_view(request: HttpRequest, job_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    job_retry(actor=actor, job_id=job_id)
    messages.success(request, _("The job will be tried again."))
    return redirect("web:jobs-failed")
