"""A job in words, for its page and its API resource: what kind it is, what came of it, why it failed.

Jobs keep only machine facts (a kind, an outcome code with counts, an exception's class name); a person is
shown these sentences instead, in their language."""

from django.utils.translation import gettext as _

from herzen.core.actor import Actor
from herzen.jobs.models import Job
from herzen.jobs.permissions import can_download_job_result
from herzen.jobs.runner import read_result, spec


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


def import_problems(actor: Actor, job: Job) -> list[str]:
    """A refused import's problems, one per line, for the person who uploaded the file and nobody else (the
    lines may name applications). `job` is one the actor may see (herzen.jobs.selectors.job_get)."""
    if job.outcome.get("message") != "import_refused" or not can_download_job_result(actor, job):
        return []
    return read_result(job).decode().splitlines()
