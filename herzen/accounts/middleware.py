"""Session limits and the second factor, enforced for every request of a signed-in user.

- `SessionLimitsMiddleware` ends a session after `HERZEN_SESSION_IDLE_SECONDS` without a request and
  `HERZEN_SESSION_ABSOLUTE_SECONDS` after login, whatever the user does (ASVS 7.3.1/7.3.2).
- `MfaRequiredMiddleware` lets a signed-in user past only once this session has passed a second factor
  (allauth records it when a TOTP code, recovery code or passkey is accepted, and Herzen records it when
  the user proves a new authenticator while setting it up). Until then the user reaches only the pages that
  set one up, and logout. Django's test client `force_login`, the admin's own login form or any other path
  that skips allauth's second stage therefore gets no further than the set-up page.
"""

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "herzen_session_started"
SESSION_LAST_SEEN_KEY = "herzen_session_last_seen"
# Writing the session on every request would cost a database write per click; a minute's precision is enough.
LAST_SEEN_RESOLUTION_SECONDS = 60

# URL names a signed-in user without a second factor in this session may still open.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_reauthenticate_webauthn",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
        "logout",
        "set_language",
    }
)


def now() -> float:
    """The clock the limits are measured with (tests move it)."""
    return time.time()


def mark_session_start(request: HttpRequest) -> None:
    moment = now()
    request.session[SESSION_STARTED_KEY] = moment
    request.session[SESSION_LAST_SEEN_KEY] = moment


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get(SESSION_KEY) is not None:
            moment = now()
            started = session.get(SESSION_STARTED_KEY)
            last_seen = session.get(SESSION_LAST_SEEN_KEY)
            if started is None or last_seen is None:
                # A session that was made without our login signal (e.g. before this middleware existed).
                mark_session_start(request)
            elif (
                moment - started > settings.HERZEN_SESSION_ABSOLUTE_SECONDS
                or moment - last_seen > settings.HERZEN_SESSION_IDLE_SECONDS
            ):
                logout(request)  # deletes the session server-side and makes the user anonymous
            elif moment - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                session[SESSION_LAST_SEEN_KEY] = moment
        return self.get_response(request)


def has_passed_second_factor(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


class MfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object):  # type: ignore[no-untyped-def]
        user = request.user
        if not user.is_authenticated or has_passed_second_factor(request):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in MFA_SETUP_URL_NAMES and match.namespace == "":
            return None
        if is_mfa_enabled(user):
            # Has a factor but did not use it in this session: sign in again through allauth's two stages.
            logout(request)
            return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
        messages.warning(
            request, _("Set up a second factor (an authenticator app or a passkey) before you continue.")
        )
        return HttpResponseRedirect(f"{reverse('mfa_index')}?{urlencode({'next': request.get_full_path()})}")
