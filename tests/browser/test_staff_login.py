"""Logging in on a phone: password, then a code from the authenticator app; first-time set-up of one."""

import pytest

from herzen.accounts.tests.helpers import totp_code
from herzen.core.actor import Role
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def nino(transactional_db):
    user = UserFactory(username="nino")
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Ковчег"), role=Role.CASEWORKER)
    return user


def test_login_pages_fit_the_phone_and_load_nothing_from_elsewhere(phone, live_server, nino):
    phone.goto(f"{live_server.url}/cases/")
    assert phone.locator("h1").inner_text() == "Вход"
    assert_fits_the_phone(phone)
    login_staff(phone, live_server, "nino", PASSWORD)
    assert phone.url == f"{live_server.url}/cases/"


def test_a_first_login_sets_up_an_authenticator_app(phone, live_server, nino):
    phone.goto(f"{live_server.url}/login/")
    phone.fill("#id_username", "nino")
    phone.fill("#id_password", PASSWORD)
    phone.press("#id_password", "Enter")
    phone.wait_for_url("**/accounts/2fa/**")
    assert_fits_the_phone(phone)

    phone.goto(f"{live_server.url}/accounts/2fa/totp/activate/")
    assert phone.locator("img.qr-code").is_visible()
    assert_fits_the_phone(phone)
    secret = phone.input_value("#authenticator_secret")
    phone.fill("#id_code", totp_code(secret))
    phone.press("#id_code", "Enter")
    phone.wait_for_url(lambda url: "/activate/" not in url)

    phone.goto(f"{live_server.url}/cases/")
    assert phone.url == f"{live_server.url}/cases/"
