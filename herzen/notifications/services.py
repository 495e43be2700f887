"""Audited writes: reading notices, a staff member's e-mail choice, applicants opting in and out."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import Invalid, NotFound
from herzen.core.languages import STAFF_LANGUAGES
from herzen.notifications.models import ApplicantSubscription, Notification, StaffNoticeSettings
from herzen.notifications.telegram import hash_link_token, new_link_token


@transaction.atomic
def notice_mark_read(*, actor: Actor, notification_id: object) -> Notification:
    try:
        notice = Notification.objects.for_actor(actor).get(pk=notification_id, recipient_id=actor.user.pk)
    except (Notification.DoesNotExist, ValidationError, ValueError):
        raise NotFound() from None
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at", "updated_at"])
        audit.record(actor=actor, action="notification.read", target=notice, changed_fields=["read_at"])
    return notice


@transaction.atomic
def notices_mark_all_read(*, actor: Actor) -> int:
    unread = list(
        Notification.objects.for_actor(actor).filter(recipient_id=actor.user.pk, read_at__isnull=True)
    )
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in unread]).update(read_at=now, updated_at=now)
    audit.record_each(
        actor=actor,
        action="notification.read",
        targets=[(n, None) for n in unread],
        changed_fields=["read_at"],
    )
    return len(unread)


@transaction.atomic
def notice_settings_set(*, actor: Actor, by_email: bool, language: str = "") -> StaffNoticeSettings:
    """A staff member's choice to be e-mailed too, and in which staff language ("" keeps the default)."""
    if language and language not in STAFF_LANGUAGES:
        message = _("Choose one of the languages offered.")
        raise Invalid(message, fields={"language": [message]})
    settings_row, _created = StaffNoticeSettings.objects.get_or_create(user_id=actor.user.pk)
    changed = [
        name
        for name, value in (("by_email", by_email), ("language", language))
        if getattr(settings_row, name) != value
    ]
    settings_row.by_email, settings_row.language = by_email, language
    settings_row.save(update_fields=["by_email", "language"])
    audit.record(actor=actor, action="notification.settings", target=settings_row, changed_fields=changed)
    return settings_row


@transaction.atomic
def applicant_subscribe(
    *,
    actor: Actor,
    case_id: object,
    person_id: object,
    language: str,
    by_email: bool,
    by_telegram: bool,
) -> ApplicantSubscription:
    """The applicant's opt-in at intake (the intake acts in the receiving organisation)."""
    subscription = ApplicantSubscription.objects.create(
        case_id=case_id,
        organisation_id=actor.organisation_id,
        person_id=person_id,
        language=language,
        by_email=by_email,
        by_telegram=by_telegram,
    )
    audit.record(
        actor=actor,
        action="applicant_subscription.create",
        target=subscription,
        changed_fields=["by_email", "by_telegram", "language"],
    )
    return subscription


@transaction.atomic
def applicant_opt_out(*, actor: Actor, subscription_id: object) -> ApplicantSubscription:
    """The applicant's "stop telling me" on their status page: nothing more is sent, the chat id is dropped."""
    subscription = ApplicantSubscription.objects.select_for_update().get(pk=subscription_id)
    if subscription.opted_out_at is None:
        subscription.opted_out_at = timezone.now()
        subscription.telegram_chat_id = ""
        subscription.telegram_link_hash = ""
        subscription.save(
            update_fields=["opted_out_at", "telegram_chat_id", "telegram_link_hash", "updated_at"]
        )
        audit.record(
            actor=actor,
            action="applicant_subscription.opt_out",
            target=subscription,
            changed_fields=["opted_out_at", "telegram_chat_id"],
        )
    return subscription


@transaction.atomic
def applicant_opt_in(
    *, actor: Actor, subscription_id: object, by_email: bool, language: str
) -> ApplicantSubscription:
    """Opting in again from the status page, after an opt-out."""
    subscription = ApplicantSubscription.objects.select_for_update().get(pk=subscription_id)
    subscription.opted_out_at = None
    subscription.by_email = by_email
    subscription.language = language
    subscription.save(update_fields=["opted_out_at", "by_email", "language", "updated_at"])
    audit.record(
        actor=actor,
        action="applicant_subscription.opt_in",
        target=subscription,
        changed_fields=["opted_out_at", "by_email", "language"],
    )
    return subscription


@transaction.atomic
def applicant_telegram_link(*, actor: Actor, subscription_id: object) -> str:
    """A one-time token for the bot's /start link (shown once; only its hash is kept)."""
    subscription = ApplicantSubscription.objects.select_for_update().get(pk=subscription_id)
    token = new_link_token()
    subscription.telegram_link_hash = hash_link_token(token)
    subscription.save(update_fields=["telegram_link_hash", "updated_at"])
    audit.record(
        actor=actor,
        action="applicant_subscription.telegram_link",
        target=subscription,
        changed_fields=["telegram_link_hash"],
    )
    return token


@transaction.atomic
def applicant_telegram_connect(*, actor: Actor, token: str, chat_id: str) -> ApplicantSubscription | None:
    """Connect the chat that sent `/start <token>` to the subscription that issued the token (one use only).
    Returns None for a token that is unknown, spent, or of an applicant who stopped the news."""
    subscription = (
        ApplicantSubscription.objects.select_for_update()
        .filter(telegram_link_hash=hash_link_token(token), opted_out_at__isnull=True)
        .exclude(telegram_link_hash="")
        .first()
    )
    if subscription is None:
        return None
    subscription.telegram_chat_id = chat_id
    subscription.telegram_link_hash = ""
    subscription.by_telegram = True
    subscription.save(update_fields=["telegram_chat_id", "telegram_link_hash", "by_telegram", "updated_at"])
    audit.record(
        actor=actor,
        action="applicant_subscription.telegram_connect",
        target=subscription,
        changed_fields=["telegram_chat_id", "telegram_link_hash", "by_telegram"],
    )
    return subscription
