"""The audit actions of notices to staff and applicants (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

_SUBSCRIPTION = {
    "by_email": _("news by e-mail"),
    "by_telegram": _("news by Telegram"),
    "language": _("language of the news"),
    "opted_out_at": _("news stopped"),
    "telegram_chat_id": _("Telegram chat"),
    "telegram_link_hash": _("Telegram link"),
}


def _subscription(*names: str) -> dict:
    return {name: _SUBSCRIPTION[name] for name in names}


register(
    "notification.read",
    _("Notice read"),
    target="notifications.notification",
    field_labels={"read_at": _("read")},
)
register(
    "notification.settings",
    _("Notice settings changed"),
    target="notifications.staffnoticesettings",
    fields=["by_email", "language"],
)
register(
    "applicant_subscription.create",
    _("Applicant subscribed to news"),
    target="notifications.applicantsubscription",
    field_labels=_subscription("by_email", "by_telegram", "language"),
)
register(
    "applicant_subscription.opt_out",
    _("Applicant stopped the news"),
    target="notifications.applicantsubscription",
    field_labels=_subscription("opted_out_at", "telegram_chat_id"),
)
register(
    "applicant_subscription.opt_in",
    _("Applicant asked for the news again"),
    target="notifications.applicantsubscription",
    field_labels=_subscription("opted_out_at", "by_email", "language"),
)
register(
    "applicant_subscription.telegram_link",
    _("Telegram link for the news made"),
    target="notifications.applicantsubscription",
    field_labels=_subscription("telegram_link_hash"),
)
register(
    "applicant_subscription.telegram_connect",
    _("Applicant connected a Telegram chat for the news"),
    target="notifications.applicantsubscription",
    field_labels=_subscription("telegram_chat_id", "telegram_link_hash", "by_telegram"),
)
