"""Listens to Django's and allauth's login signals: session bookkeeping, and auditing of second factors."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from herzen.accounts.middleware import mark_session_start
from herzen.accounts.models import StaffSession, User
from herzen.accounts.services import staff_authenticator_change_record
from herzen.core.actor import Actor


@receiver(user_logged_in, dispatch_uid="herzen.accounts.session_start")
def session_start(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is None or not hasattr(request, "session"):
        return
    mark_session_start(request)
    if request.session.session_key is None:
        request.session.save()
    StaffSession.objects.update_or_create(
        session_key=request.session.session_key, defaults={"user": user, "started_at": timezone.now()}
    )


@receiver(user_logged_out, dispatch_uid="herzen.accounts.session_end")
def session_end(sender: object, request: HttpRequest | None, user: User | None, **kwargs: object) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        StaffSession.objects.filter(session_key=key).delete()


@receiver(mfa_signals.authenticator_added, dispatch_uid="herzen.accounts.mfa_added")
def authenticator_added(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: object
) -> None:
    staff_authenticator_change_record(
        actor=Actor(user=user, organisation=None), authenticator=authenticator, change="add"
    )
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        # Setting it up meant proving possession of it (a valid code or a signed WebAuthn challenge): that
        # is this session's second factor.
        record_authentication(
            request, user, "mfa", type=str(authenticator.type), id=authenticator.pk, setup=True
        )


@receiver(mfa_signals.authenticator_removed, dispatch_uid="herzen.accounts.mfa_removed")
def authenticator_removed(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: object
) -> None:
    staff_authenticator_change_record(
        actor=Actor(user=user, organisation=None), authenticator=authenticator, change="remove"
    )


@receiver(mfa_signals.authenticator_reset, dispatch_uid="herzen.accounts.mfa_reset")
def authenticator_reset(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: object
) -> None:
    staff_authenticator_change_record(
        actor=Actor(user=user, organisation=None), authenticator=authenticator, change="reset"
    )
