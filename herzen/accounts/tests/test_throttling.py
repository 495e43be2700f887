"""Login throttling behind a reverse proxy: both attacks of issue 14 played through the test client.

Every request comes from the proxy's address (REMOTE_ADDR 10.0.0.2); the proxy appends the client's address
to X-Forwarded-For, and Herzen trusts one proxy (ALLAUTH_TRUSTED_PROXY_COUNT = 1, as production sets it).
"""

import pytest
from django.test import Client
from django.urls import reverse

from herzen.accounts import throttle
from herzen.accounts.tests.helpers import give_totp, totp_code

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"
ATTACKER = "198.51.100.7"
COLLEAGUE = "203.0.113.5"
CASES = "/cases/"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def clock(monkeypatch):
    moment = {"now": 1_000_000.0}
    monkeypatch.setattr(throttle, "now", lambda: moment["now"])
    return moment


def _browser(address: str, forwarded_by_client: str = "") -> Client:
    # What nginx's `proxy_add_x_forwarded_for` makes: whatever the client sent, then the address it saw.
    chain = f"{forwarded_by_client}, {address}" if forwarded_by_client else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def _password(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"login": username, "password": password})


def _signed_in(client: Client, user, secret: str) -> bool:
    response = _password(client, user.username)
    if response.status_code != 302 or response["Location"] != reverse("mfa_authenticate"):
        return False
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    return client.get(CASES).status_code == 200


@pytest.fixture
def staff(caseworker_a):
    return caseworker_a.user


@pytest.fixture
def secret(staff):
    return give_totp(staff)


def test_thirty_wrong_passwords_from_one_client_lock_out_only_that_client(staff, secret, clock):
    attacker = _browser(ATTACKER)
    for n in range(30):
        assert _password(attacker, f"guess-{n}", "wrong password").status_code == 200

    # The attacker's address is spent, whatever user name it tries, and whatever it claims to be ...
    assert _password(attacker, staff.username).status_code == 429
    assert _password(_browser(ATTACKER, forwarded_by_client=COLLEAGUE), staff.username).status_code == 429
    # ... while everyone else, whose requests come through the same proxy, signs in as usual.
    assert _signed_in(_browser(COLLEAGUE), staff, secret)


def test_the_client_address_is_the_one_the_trusted_proxy_saw(settings, staff, secret, clock):
    for n in range(30):
        _password(_browser(ATTACKER, forwarded_by_client=f"192.0.2.{n}"), f"guess-{n}", "wrong password")

    # Forging X-Forwarded-For changed nothing: all thirty counted against the attacker's real address.
    assert _password(_browser(ATTACKER), staff.username).status_code == 429
    assert _signed_in(_browser(COLLEAGUE), staff, secret)


def test_a_stranger_hammering_a_user_name_slows_down_only_the_stranger(staff, secret, clock):
    stranger = _browser(ATTACKER)
    for _ in range(5):  # the free attempts
        response = _password(stranger, staff.username, "wrong password")
        assert response.status_code == 200
        assert "Try again in" not in response.content.decode()

    # Then each wrong password doubles the stranger's wait: 1 s, 2 s, 4 s, 8 s ...
    waits = []
    for _ in range(4):
        refused = _password(stranger, staff.username, "wrong password")
        wait = throttle.seconds_to_wait(staff.username, ATTACKER)
        assert wait > 0
        assert "Try again in" in refused.content.decode()
        waits.append(wait)
        clock["now"] += wait
        assert throttle.seconds_to_wait(staff.username, ATTACKER) == 0
        assert _password(stranger, staff.username, "wrong password").status_code == 200
    assert waits == [1, 2, 4, 8]
    # A refused attempt is not even checked: the right password gets the stranger nowhere while it waits.
    assert _password(stranger, staff.username).status_code == 200
    assert stranger.get(reverse("mfa_authenticate")).status_code == 302

    # The real user, from their own address, signs in at once, in the middle of the attack.
    assert _signed_in(_browser(COLLEAGUE), staff, secret)


def test_a_stranger_cannot_keep_the_real_user_out_indefinitely(staff, secret, clock):
    stranger = _browser(ATTACKER)
    for _ in range(25):  # as fast as the back-off lets them, within the per-address cap
        clock["now"] += throttle.seconds_to_wait(staff.username, ATTACKER)
        _password(stranger, staff.username, "wrong password")
    assert throttle.seconds_to_wait(staff.username, ATTACKER) == 15 * 60  # the longest wait there is

    # The real user mistypes once (from their own address), and waits for the back-off the attack has
    # built up: long, but bounded, and then the right password gets them in.
    user = _browser(COLLEAGUE)
    assert _password(user, staff.username, "mistyped password").status_code == 200
    wait = throttle.seconds_to_wait(staff.username, COLLEAGUE)
    assert 0 < wait <= 15 * 60
    assert "Try again in" in _password(user, staff.username).content.decode()
    clock["now"] += wait
    assert _signed_in(user, staff, secret)


def test_a_typo_or_two_costs_the_real_user_nothing(staff, secret, clock):
    user = _browser(COLLEAGUE)
    for _ in range(2):
        _password(user, staff.username, "mistyped password")

    assert _signed_in(user, staff, secret)
    # Signing in ends this client's wait (a later typo starts from the account's count again).
    assert throttle.seconds_to_wait(staff.username, COLLEAGUE) == 0


def test_the_back_off_reveals_nothing_about_which_user_names_exist(staff, secret, clock):
    stranger = _browser(ATTACKER)
    for name in (staff.username, "nobody-by-this-name"):
        for _ in range(6):
            _password(stranger, name, "wrong password")

    assert throttle.seconds_to_wait(staff.username, ATTACKER) == throttle.seconds_to_wait(
        "nobody-by-this-name", ATTACKER
    )


def test_the_wait_is_shown_in_russian(staff, clock):
    stranger = _browser(ATTACKER)
    for _ in range(6):
        response = stranger.post(
            reverse("login"), {"login": staff.username, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="ru"
        )

    assert "Повторите попытку через 1 секунду" in response.content.decode()


def test_a_request_that_bypassed_a_trusted_proxy_is_a_bad_request_not_a_crash(settings, staff):
    # Two proxies are trusted, but this request carries one forwarded address: its client cannot be known.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER, raise_request_exception=False)
    response = _password(client, staff.username)
    assert response.status_code == 400
    assert "Request refused" in response.content.decode() or "Запрос отклонён" in response.content.decode()
    assert throttle.seconds_to_wait(staff.username, ATTACKER) == 0
