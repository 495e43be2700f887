"""Staff login end to end through the test client: password, then a second factor, and the limits around it."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from herzen.accounts import middleware, throttle
from herzen.accounts.models import StaffSession
from herzen.accounts.services import staff_user_update
from herzen.accounts.tests.helpers import give_totp, totp_code
from herzen.audit.models import AuditEvent
from herzen.core.actor import Actor
from herzen.organisations.tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
CASES = "/cases/"


def _password(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"login": username, "password": password})


def _login(client, user, code):
    _password(client, user.username)
    return client.post(reverse("mfa_authenticate"), {"code": code})


@pytest.fixture
def staff(caseworker_a):
    return caseworker_a.user


@pytest.fixture
def secret(staff):
    return give_totp(staff)


def test_password_then_code_reaches_the_cases(client, staff, secret):
    first = _password(client, staff.username)
    assert first.status_code == 302
    assert first["Location"] == reverse("mfa_authenticate")
    assert client.get(CASES).status_code == 302  # not signed in between the two stages

    second = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert second.status_code == 302
    assert client.get(CASES).status_code == 200


def test_a_wrong_code_does_not_sign_in(client, staff, secret):
    _password(client, staff.username)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert client.get(CASES).status_code == 302


def test_a_replayed_code_is_refused(staff, secret):
    code = totp_code(secret)
    first = Client()
    assert _login(first, staff, code).status_code == 302
    assert first.get(CASES).status_code == 200

    # Someone who watched the code being typed tries it in another browser within the same 30 seconds.
    second = Client()
    response = _login(second, staff, code)

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert second.get(CASES).status_code == 302


def test_a_recovery_code_works_once(client, staff, secret):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(staff).get_unused_codes()
    assert _login(Client(), staff, codes[0]).status_code == 302

    assert _login(client, staff, codes[0]).status_code == 200
    assert client.get(CASES).status_code == 302


def test_staff_without_a_second_factor_must_set_one_up_first(transactional_db, client, staff):
    # A real transaction: allauth announces the new factor when its transaction commits, inside the request.
    _password(client, staff.username)

    for url in (CASES, "/api/v1/cases/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_index")), url

    index = client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert "Set up a second factor" in index.content.decode()
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert activated.status_code == 302
    assert client.get(CASES).status_code == 200
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(action="account.mfa_add", target_id=str(staff.pk)).exists()


def test_a_session_that_skipped_the_second_factor_is_sent_back_to_login(client, staff, secret):
    client.force_login(staff)  # e.g. a login path that knows nothing of allauth's second stage

    response = client.get(CASES)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(CASES).status_code == 302  # and the half-made session is gone


def test_the_last_authenticator_app_cannot_be_removed(client, staff, secret):
    _login(client, staff, totp_code(secret))

    client.post(reverse("mfa_deactivate_totp"))

    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_the_admin_login_form_is_replaced_by_herzens(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_throttling_slows_one_account_not_everyone(client, staff, secret, make_actor, org_a, monkeypatch):
    monkeypatch.setattr(throttle, "now", lambda: 1_000_000.0)  # no time passes: the back-off stays on
    other = make_actor(org_a).user
    other_secret = give_totp(other)
    for _ in range(5):
        assert _password(Client(), staff.username, "wrong password").status_code == 200

    # The right password no longer gets this account in from here, for now ...
    locked = _password(client, staff.username)
    assert locked.status_code in (200, 429)
    assert client.get(reverse("mfa_authenticate")).status_code == 302

    # ... while a colleague, from the same address, logs in as usual.
    assert _login(Client(), other, totp_code(other_secret)).status_code == 302


def test_an_idle_session_ends_after_30_minutes(client, staff, secret, monkeypatch):
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(middleware, "now", lambda: clock["now"])
    _login(client, staff, totp_code(secret))
    assert client.get(CASES).status_code == 200

    clock["now"] += 29 * 60
    assert client.get(CASES).status_code == 200
    clock["now"] += 29 * 60  # 29 minutes after the last request: still alive
    assert client.get(CASES).status_code == 200

    clock["now"] += 31 * 60
    response = client.get(CASES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_busy_session_still_ends_12_hours_after_login(client, staff, secret, monkeypatch):
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(middleware, "now", lambda: clock["now"])
    _login(client, staff, totp_code(secret))

    for _ in range(12 * 3 - 1):  # a request every 20 minutes, for 11 h 40 min
        clock["now"] += 20 * 60
        assert client.get(CASES).status_code == 200
    clock["now"] += 21 * 60

    assert client.get(CASES).status_code == 302


def test_disabling_an_account_ends_all_its_sessions(staff, secret, make_actor, org_a):
    laptop, phone = Client(), Client()
    _login(laptop, staff, totp_code(secret))
    colleague = make_actor(org_a).user
    colleague_browser = Client()
    _login(colleague_browser, colleague, totp_code(give_totp(colleague)))
    _login_again = _password(phone, staff.username)  # the phone is half-way through logging in
    assert _login_again.status_code == 302
    assert laptop.get(CASES).status_code == 200
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)

    staff_user_update(actor=Actor(user=operator, organisation=None), user_id=staff.pk, is_active=False)

    assert not StaffSession.objects.filter(user=staff).exists()
    assert not Session.objects.filter(session_key=laptop.session.session_key).exists()
    assert laptop.get(CASES).status_code == 302
    assert colleague_browser.get(CASES).status_code == 200  # nobody else is signed out
