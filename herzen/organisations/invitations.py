"""The one-time links of staff invitations: unguessable tokens of which only a SHA-256 hash is stored, and
the e-mail that carries one (sent through Django's mail backend once the invitation is committed)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from herzen.organisations.models import StaffInvitation


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expiry() -> timezone.datetime:
    return timezone.now() + timedelta(days=settings.HERZEN_STAFF_INVITATION_DAYS)


def invitation_link(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("web:staff-welcome", args=[token])


def send_invitation(invitation: StaffInvitation, link: str) -> None:
    """The e-mail to the invitee: who invites them where, the link, and how long it works. Nothing about
    anyone's case; the link alone lets them choose a password, and a second factor is asked at first login."""
    user = invitation.user
    body = _(
        "Hello %(name)s,\n\n"
        "%(inviter)s invites you to work in Herzen for %(organisation)s. Your user name is %(username)s.\n\n"
        "Open this link to choose your password (it works once, until %(until)s):\n%(link)s\n\n"
        "When you sign in for the first time, you will set up a second factor: an authenticator app on your "
        "phone, or a passkey.\n\n"
        "If you did not expect this message, ignore it: without the link nobody can use the account."
    ) % {
        "name": user.get_full_name() or user.username,
        "inviter": invitation.invited_by or _("An administrator"),
        "organisation": invitation.organisation.name,
        "username": user.username,
        "until": date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"),
        "link": link,
    }
    subject = _("Your Herzen account at %(organisation)s") % {"organisation": invitation.organisation.name}
    send_mail(subject, body, None, [user.email])
