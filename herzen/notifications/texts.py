"""The words of notices, written when shown or sent, in the reader's language.

Applicants' messages are deliberately the same for every kind of news and carry nothing about the person or
the application: a phone seized at a border must not reveal more than "there is news, open your link".
"""

from datetime import date

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from herzen.jobs.runner import spec
from herzen.notifications.models import NoticeKind, Notification


def notice_text(notice: Notification) -> str:
    """One line for the inbox, in the active language."""
    params = notice.params
    reference = params.get("reference", "")
    if notice.kind == NoticeKind.CASE_ASSIGNED:
        return _("Case %(reference)s was assigned to you.") % {"reference": reference}
    if notice.kind == NoticeKind.DECISION_RECORDED:
        return _("An authority recorded a decision on an application of case %(reference)s.") % {
            "reference": reference
        }
    if notice.kind == NoticeKind.DEADLINE_APPROACHING:
        due = date_format(date.fromisoformat(params["due_on"]), "DATE_FORMAT") if params.get("due_on") else ""
        return _("A deadline of case %(reference)s is due on %(date)s.") % {
            "reference": reference,
            "date": due,
        }
    if notice.kind == NoticeKind.JOB_FINISHED:
        job_spec = spec(params.get("job_kind", ""))
        label = str(job_spec.label) if job_spec else _("A job")
        if params.get("status") == "failed":
            return _("%(job)s failed. An organisation admin can see it among the failed jobs.") % {
                "job": label
            }
        return _("%(job)s is ready.") % {"job": label}
    if notice.kind == NoticeKind.POSSIBLE_DUPLICATE:
        return _("Case %(reference)s may concern a person already recorded: compare the records.") % {
            "reference": reference
        }
    if notice.kind == NoticeKind.PAYOUT_FAILED:
        return _("Payout %(payout)s of case %(reference)s failed: choose another channel.") % {
            "payout": params.get("payout", ""),
            "reference": reference,
        }
    return _("There is a new notice.")


def staff_email(language: str) -> tuple[str, str]:
    """Subject and body of the e-mail that tells a staff member there is a notice (nothing more)."""
    with override(language):
        subject = _("New notice in Herzen")
        body = _("There is a new notice for you in Herzen. Log in to read it: %(url)s") % {
            "url": f"{settings.HERZEN_PUBLIC_URL.rstrip('/')}/notifications/"
        }
    return subject, body


def applicant_message(language: str) -> tuple[str, str]:
    """Subject and body of every applicant notice, in their language: no name, no date, no kind of news."""
    with override(language):
        subject = _("News on your application")
        body = _(
            "There is news on your application. Open your private link to read it. If you no longer have "
            "the link, ask for a new one at %(url)s"
        ) % {"url": f"{settings.HERZEN_PUBLIC_URL.rstrip('/')}/apply/lost-link/"}
    return subject, body
