"""The scheduled work, as jobs (retried with backoff, failures on the failed-jobs page)."""

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from herzen.aid.scheduled import due_tranches_pay, sanctions_lists_refresh
from herzen.cases.services import organisation_case_priorities_refresh
from herzen.intake.identity import applicant_actor
from herzen.intake.services import drafts_purge_expired
from herzen.jobs.runner import JobContext, job
from herzen.notifications.applicants import telegram_connect_updates
from herzen.operations.identity import scheduler_actor
from herzen.operations.reminders import send_deadline_reminders
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.retention.job import retention_run


@job(kind="priority_refresh", label=_("Daily priority refresh"), max_attempts=3, backoff_seconds=300)
def priority_refresh(ctx: JobContext) -> None:
    organisations = list(Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY).order_by("created_at"))
    changed = 0
    for done, organisation in enumerate(organisations, start=1):
        changed += organisation_case_priorities_refresh(actor=scheduler_actor(organisation))
        ctx.progress(done, len(organisations))
    ctx.set_outcome("changed", changed)


@job(kind="retention_run", label=_("Retention run"), max_attempts=3, backoff_seconds=600)
def retention(ctx: JobContext) -> None:
    report = retention_run(today=timezone.localdate())
    ctx.set_outcome("erased", len(report.as_dict()["households"]))


@job(kind="intake_purge", label=_("Purge of expired intake drafts"), max_attempts=3, backoff_seconds=300)
def intake_purge(ctx: JobContext) -> None:
    ctx.set_outcome("deleted", drafts_purge_expired(actor=applicant_actor()))


@job(kind="audit_checkpoint", label=_("Signed audit checkpoint"), max_attempts=3, backoff_seconds=120)
def audit_checkpoint(ctx: JobContext) -> None:
    call_command("audit", "checkpoint", verbosity=0)


@job(kind="deadline_reminders", label=_("Deadline reminders"), max_attempts=3, backoff_seconds=300)
def deadline_reminders(ctx: JobContext) -> None:
    report = send_deadline_reminders(today=timezone.localdate())
    ctx.set_outcome("sent", report.staff + report.applicants)


@job(kind="telegram_updates", label=_("Telegram connections"), max_attempts=2, backoff_seconds=30)
def telegram_updates(ctx: JobContext) -> None:
    # Acting as the applicant who sent the link to the bot, as on their own status page.
    ctx.set_outcome("connected", telegram_connect_updates(actor=applicant_actor()))


@job(kind="aid_due_tranches", label=_("Payouts of due grant tranches"), max_attempts=3, backoff_seconds=600)
def aid_due_tranches(ctx: JobContext) -> None:
    organisations = list(Organisation.objects.filter(kind=OrganisationKind.NGO).order_by("created_at"))
    proposed = 0
    for done, organisation in enumerate(organisations, start=1):
        proposed += due_tranches_pay(actor=scheduler_actor(organisation), today=timezone.localdate()).proposed
        ctx.progress(done, len(organisations))
    ctx.set_outcome("proposed", proposed)


@job(kind="aid_sanctions_lists", label=_("Sanctions lists import"), max_attempts=3, backoff_seconds=1800)
def aid_sanctions_lists(ctx: JobContext) -> None:
    organisation = (
        Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY).order_by("created_at").first()
    )
    if organisation is None:
        return
    imported = sanctions_lists_refresh(actor=scheduler_actor(organisation))
    ctx.set_outcome("imported", sum(imported.values()))
