"""How django-allauth behaves for Herzen's staff: nobody signs up, and nobody removes their last second factor."""

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.core.internal import ratelimit  # the limiter allauth's own pre_authenticate uses
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import ngettext

from herzen.accounts import throttle
from herzen.domain.crypto import FieldContext, is_ciphertext
from herzen.encryption.fields import cell_failed
from herzen.encryption.files import open_value, seal_value
from herzen.encryption.keys import Owner

# Factors that prove possession by themselves; recovery codes only stand in for a lost one.
PRIMARY_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are created by the platform operator through the audited account services.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth raises ImproperlyConfigured (a 500) when X-Forwarded-For holds fewer addresses than there are
        # trusted proxies. Such a request did not pass through every proxy (or a proxy is misconfigured), so
        # its address cannot be known: it is refused as a bad request (400), and Django logs it as suspicious.
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured as error:
            raise SuspiciousOperation("X-Forwarded-For is shorter than the trusted proxy chain") from error

    def is_reauthentication_required(self, *, app: str, **kwargs: object) -> bool:
        # Setting up the first second factor right after typing the password (the MFA middleware sends
        # staff there straight from login) does not ask for the password again; later changes do.
        request = context.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if not any(record.get("method") == "mfa" for record in records):
                password_at = [record["at"] for record in records if record.get("method") == "password"]
                if password_at and time.time() - password_at[-1] < account_settings.REAUTHENTICATION_TIMEOUT:
                    return False
        return super().is_reauthentication_required(app=app, **kwargs)

    # Wrong passwords: a per-address cap (allauth's limiter, the address found behind the trusted proxies)
    # and a per-account back-off for the client that types them (herzen.accounts.throttle), instead of
    # allauth's per-account lock, which a stranger who knows a user name could keep closed.
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        self._login_failed_rl_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_address"
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")
        wait = throttle.seconds_to_wait(_login_of(credentials), self.get_client_ip(request))
        if wait:
            if wait < 60:
                message = ngettext(
                    "Too many wrong passwords for this user name. Try again in %(count)d second.",
                    "Too many wrong passwords for this user name. Try again in %(count)d seconds.",
                    wait,
                ) % {"count": wait}
            else:
                minutes = -(-wait // 60)
                message = ngettext(
                    "Too many wrong passwords for this user name. Try again in %(count)d minute.",
                    "Too many wrong passwords for this user name. Try again in %(count)d minutes.",
                    minutes,
                ) % {"count": minutes}
            raise forms.ValidationError(message, code="login_backoff")

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None:
            throttle.record_success(_login_of(credentials), self.get_client_ip(request))
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        throttle.record_failure(_login_of(credentials), self.get_client_ip(request))


def _login_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


# allauth's secrets (TOTP keys, the recovery-code seed) are sealed with one data key of their own, in the
# same envelope as personal data. allauth hands its encrypt/decrypt hooks the text alone, so the associated
# data names the table and column but not the row; moving a secret to another account needs write access to
# the database, which could replace the account's password hash as easily (docs/security.md).
MFA_SECRETS_OWNER = Owner("staff_mfa", "secrets")
MFA_SECRET_PLACE = {"table": "mfa_authenticator", "field": "data", "row_id": "secret"}


def seal_mfa_secret(text: str) -> str:
    return seal_value(MFA_SECRETS_OWNER, plaintext=text, **MFA_SECRET_PLACE)


def open_mfa_secret(sealed: str) -> str:
    # Logged naming the table and column (allauth does not say which authenticator row it read).
    if not is_ciphertext(sealed):
        raise cell_failed(
            FieldContext(**MFA_SECRET_PLACE), "not a ciphertext (plaintext written into a secret)"
        )
    return open_value(MFA_SECRETS_OWNER, ciphertext=sealed, **MFA_SECRET_PLACE)


class StaffMfaAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return seal_mfa_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return open_mfa_secret(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # MFA is required for every staff member: the last authenticator app or passkey cannot be removed
        # (add another one first).
        if authenticator.type not in PRIMARY_FACTORS:
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=PRIMARY_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()
