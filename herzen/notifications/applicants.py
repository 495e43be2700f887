"""Telling applicants that there is news: which events, through which channels, and the delivery jobs.

Triggers call `notify_applicant(case_id=..., event=..., event_key=...)`; it queues one delivery job per channel
the applicant chose, keyed so that the same event never sends twice. Every message is the same few words in the
applicant's language (herzen.notifications.texts.applicant_message): nothing about the person or the news.
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from herzen.core.actor import Actor
from herzen.jobs.runner import JobContext, enqueue_job, job
from herzen.notifications import telegram
from herzen.notifications.models import ApplicantEvent, ApplicantSubscription
from herzen.notifications.services import applicant_telegram_connect
from herzen.notifications.texts import applicant_message
from herzen.people.choices import ContactKind
from herzen.people.models import ContactPoint

TELEGRAM_OFFSET_CACHE_KEY = "herzen:telegram:update-offset"


def subscription_of_case(case_id: object) -> ApplicantSubscription | None:
    """The applicant's subscription (for their own status page, which is reached through their private link)."""
    return ApplicantSubscription.objects.filter(case_id=case_id).first()


def notify_applicant(*, case_id: object, event: str, event_key: str) -> int:
    """Queue the notices of one event for the applicant of a case, if they opted in. Returns jobs queued."""
    ApplicantEvent(event)
    subscription = ApplicantSubscription.objects.filter(case_id=case_id, opted_out_at__isnull=True).first()
    if subscription is None:
        return 0
    channels = [
        name
        for name, wanted in (("email", subscription.by_email), ("telegram", subscription.by_telegram))
        if wanted
    ]
    for channel in channels:
        enqueue_job(
            deliver_applicant_notice,
            kind="notice_applicant",
            params={"subscription_id": str(subscription.pk), "channel": channel},
            organisation_id=subscription.organisation_id,
            idempotency_key=f"applicant:{subscription.pk}:{event}:{event_key}:{channel}",
        )
    return len(channels)


def applicant_email(subscription: ApplicantSubscription) -> str:
    """The principal's e-mail address from their person record ('' if none, or erased)."""
    for contact in ContactPoint.objects.filter(person_id=subscription.person_id, kind=ContactKind.EMAIL):
        try:
            validate_email(contact.value)
        except (ValidationError, TypeError):
            continue
        return str(contact.value)
    return ""


@job(
    kind="notice_applicant", label=gettext_lazy("Notice to an applicant"), max_attempts=8, backoff_seconds=60
)
def deliver_applicant_notice(ctx: JobContext, *, subscription_id: str, channel: str) -> None:
    subscription = ApplicantSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not subscription.active:
        ctx.set_outcome("opted_out")
        return
    subject, body = applicant_message(subscription.language)
    if channel == "email":
        address = applicant_email(subscription)
        if not address:
            ctx.set_outcome("no_address")
            return
        send_mail(subject, body, from_email=None, recipient_list=[address])
    elif channel == "telegram":
        if not subscription.telegram_chat_id or not telegram.configured():
            ctx.set_outcome("not_connected")
            return
        telegram.send_message(subscription.telegram_chat_id, body)
    ctx.set_outcome("sent", 1)


def telegram_connect_updates(*, actor: Actor) -> int:
    """Read the bot's new messages and connect each `/start <token>` to the subscription that issued the token
    (run every minute by the worker's schedule, acting as the applicant: `actor`). Returns how many chats were
    connected."""
    if not telegram.configured():
        return 0
    offset = cache.get(TELEGRAM_OFFSET_CACHE_KEY)
    connected = 0
    for update in telegram.get_updates(offset):
        cache.set(TELEGRAM_OFFSET_CACHE_KEY, int(update["update_id"]) + 1, None)
        message = update.get("message") or {}
        text = str(message.get("text", ""))
        chat_id = str((message.get("chat") or {}).get("id", ""))
        if not text.startswith("/start ") or not chat_id:
            continue
        subscription = applicant_telegram_connect(
            actor=actor, token=text.removeprefix("/start ").strip(), chat_id=chat_id
        )
        if subscription is None:
            continue
        with override(subscription.language):
            telegram.send_message(
                chat_id, _("Connected. We will write here when there is news on your application.")
            )
        connected += 1
    return connected
