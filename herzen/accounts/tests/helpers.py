"""Signing staff in from tests, second factor included.

- `login_with_mfa(client, user)`: a Django test client whose session has passed a second factor, the state
  allauth leaves after a real login (for page and session-API tests that are not about logging in).
- `totp_code(secret)`: the current code of an authenticator app holding that secret.
- `give_totp(user)`: gives the user an authenticator-app factor (through the audited service) and returns its
  secret.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from herzen.accounts.services import staff_totp_activate
from herzen.core.actor import Actor


def totp_code(secret: str, at: float | None = None) -> str:
    if at is None:
        # A code read in the last seconds of its 30-second window may reach the server in the next one
        # (Herzen accepts no neighbouring windows): wait for a fresh window instead of failing at random.
        if 30 - time.time() % 30 < 4:
            time.sleep(30 - time.time() % 30 + 0.1)
        at = time.time()
    return format_hotp_value(hotp_value(secret, int(at) // 30))


def totp_secret(user) -> str | None:  # type: ignore[no-untyped-def]
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else None


def give_totp(user) -> str:  # type: ignore[no-untyped-def]
    return totp_secret(user) or staff_totp_activate(
        actor=Actor(user=user, organisation=None), user_id=user.pk
    )


def login_with_mfa(client, user):  # type: ignore[no-untyped-def]
    # No authenticator is created (that would write an audit event tests may be counting): the session
    # record is what the MFA middleware checks, exactly as allauth leaves it after a code was accepted.
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "username": user.get_username()},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client
