"""A job's page (progress bar, outcome, its file for whoever started it) and the failed jobs for operators."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from herzen.core.actor import Actor
from herzen.jobs.models import Job
from herzen.jobs.permissions import can_download_job_result, can_retry_job, can_view_failed_jobs
from herzen.jobs.runner import read_result, spec
from herzen.jobs.selectors import failed_jobs, job_get
from herzen.jobs.services import job_retry
from herzen.web.access import organisation_page, require


def job_label(kind: str) -> str:
    found = spec(kind)
    return str(found.label) if found else _("Job")


def outcome_text(outcome: dict) -> str:
    message, count = outcome.get("message"), outcome.get("count")
    if message == "rows":
        return _("%(count)s applications in the file.") % {"count": count}
    if message == "import_applied":
        text = _("Decisions recorded: %(count)s.") % {"count": count}
        if outcome.get("already_recorded"):
            text += " " + _(
                "Already recorded before, left as they were: %(count)s. Nothing was recorded twice."
            ) % {"count": outcome["already_recorded"]}
        return text
    if message == "import_refused":
        return _(
            "Nothing was imported. Problems in the file: %(count)s. Correct them and upload it again."
        ) % {"count": count}
    if message == "duplicate_pairs":
        return _("%(count)s pairs of possible duplicate records wait for a decision.") % {"count": count}
    if message == "matched":
        return _("Households placed: %(count)s.") % {"count": count}
    if message == "sent":
        return _("Sent.")
    if message in {"opted_out", "no_address", "not_connected", "nothing_to_send"}:
        return _("Nothing was sent: the recipient cannot be reached or asked not to be.")
    return ""


def failure_text(error: str) -> str:
    """The kind of failure in words (the job keeps only the exception's class name)."""
    if error in {
        "TelegramError",
        "SMTPException",
        "SMTPRecipientsRefused",
        "ConnectionRefusedError",
        "OSError",
    }:
        return _("The mail or messaging service could not be reached or refused the message.")
    if error == "PermissionDenied":
        return _("The person who started it is no longer allowed to do this.")
    return _("An unexpected error; the worker's log names it.")


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
        "problems": _import_problems(actor, job),
    }
    return render(request, "web/jobs/detail.html", context)


def _import_problems(actor: Actor, job: Job) -> list[str]:
    if job.outcome.get("message") != "import_refused" or not can_download_job_result(actor, job):
        return []
    return read_result(job).decode().splitlines()


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
