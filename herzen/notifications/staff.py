"""`notify(...)`: the one way other code tells a staff member something, and its e-mail delivery.

A notice is written in the caller's transaction (it goes if the change is rolled back) and, for a staff member
who asked for it, an e-mail job is queued in the same transaction: delivery never runs inside a request and is
retried by the job runner. The e-mail says only that there is a notice.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from herzen.core.actor import Role
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.runner import JobContext, enqueue_job, job
from herzen.notifications.models import NoticeKind, Notification, StaffNoticeSettings
from herzen.notifications.texts import staff_email
from herzen.organisations.models import Membership


def case_recipients(*, organisation_id: object, assigned_caseworker_id: object | None) -> list[object]:
    """Who hears of news on a case: its assigned caseworker, or, while nobody holds it, the organisation's
    supervisors (who assign it)."""
    if assigned_caseworker_id is not None:
        return [assigned_caseworker_id]
    return list(
        Membership.objects.filter(organisation_id=organisation_id, role=Role.SUPERVISOR).values_list(
            "user_id", flat=True
        )
    )


def notify(
    *,
    recipient_id: object,
    organisation_id: object,
    kind: str,
    params: dict[str, str] | None = None,
    link: str = "",
    dedupe_key: str = "",
) -> Notification | None:
    """Put a notice in a staff member's inbox (and queue its e-mail if they chose that).

    `params` hold references, dates and ids only. With a `dedupe_key` already used for this recipient,
    nothing is written and None is returned (a reminder run again, a retried job)."""
    NoticeKind(kind)  # an unknown kind is a programming error
    if dedupe_key and Notification.objects.filter(recipient_id=recipient_id, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            notice = Notification.objects.create(
                recipient_id=recipient_id,
                organisation_id=organisation_id,
                kind=kind,
                params=params or {},
                link=link,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return None
    if StaffNoticeSettings.objects.filter(user_id=recipient_id, by_email=True).exists():
        enqueue_job(
            deliver_staff_email,
            kind="notice_staff_email",
            params={"notification_id": str(notice.pk)},
            organisation_id=organisation_id,
            idempotency_key=f"notice-email:{notice.pk}",
        )
    return notice


@job(kind="notice_staff_email", label=_("E-mail about a notice"), max_attempts=6, backoff_seconds=60)
def deliver_staff_email(ctx: JobContext, *, notification_id: str) -> None:
    notice = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notice is None or notice.read_at is not None or not notice.recipient.email:
        ctx.set_outcome("nothing_to_send")
        return
    # In the language the staff member chose for these e-mails, else the deployment's (Russian by default).
    chosen = StaffNoticeSettings.objects.filter(user_id=notice.recipient_id).values_list(
        "language", flat=True
    )
    subject, body = staff_email(chosen.first() or settings.LANGUAGE_CODE)
    send_mail(subject, body, from_email=None, recipient_list=[notice.recipient.email])
    ctx.set_outcome("sent", 1)


def job_finished(record: Job) -> None:
    """The runner's finished-callback: tell whoever started the job that it is done (or failed)."""
    if record.started_by_id is None or record.organisation_id is None:
        return
    notify(
        recipient_id=record.started_by_id,
        organisation_id=record.organisation_id,
        kind=NoticeKind.JOB_FINISHED,
        params={"job_kind": record.kind, "status": "failed" if record.status == JobStatus.FAILED else "done"},
        link=f"/jobs/{record.pk}/",
        dedupe_key=f"job:{record.pk}:{record.attempts}:{record.status}",
    )


def staff_notice_settings(user_id: object) -> StaffNoticeSettings:
    """A staff member's own choice (unsaved default: inbox only)."""
    found = StaffNoticeSettings.objects.filter(user_id=user_id).first()
    return found or StaffNoticeSettings(user_id=user_id, by_email=False, language="")
