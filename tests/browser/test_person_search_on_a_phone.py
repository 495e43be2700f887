"""The people search on a phone, in Russian (issue 16): a caseworker types a French spelling, then pastes a
machine-readable line; the person is found, the reason is shown in Russian, and the page fits 390 px."""

import pytest

from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.people.tests.factories import make_person
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def caseworker(transactional_db):
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    nino = UserFactory(username="nino")
    MembershipFactory(user=nino, organisation=ngo, role=Role.CASEWORKER)
    actor = actor_for_user(nino, organisation_id=ngo.pk)
    make_person(actor, surname="Жуков", given_name="Юрий", patronymic="Сергеевич", sex="M")
    return actor


def test_a_french_spelling_and_an_mrz_line_find_the_person_on_a_phone(phone, live_server, caseworker):
    login_staff(phone, live_server, "nino", PASSWORD)
    phone.goto(f"{live_server.url}/persons/search/")
    assert_fits_the_phone(phone)

    phone.fill("#person-search-q", "Iouri Joukov")
    phone.press("#person-search-q", "Enter")
    phone.wait_for_url("**q=Iouri**")
    results = phone.locator(".search-results").inner_text()
    assert "Жуков Юрий" in results
    assert "Французское написание" in results
    assert_fits_the_phone(phone)

    phone.fill("#person-search-q", "PNRUSJUKOV<<7RIQ<SERGEEVI3<<<<<<<<<<<<<<<<<<<<")
    phone.press("#person-search-q", "Enter")
    phone.wait_for_url("**PNRUS**")
    results = phone.locator(".search-results").inner_text()
    assert "Жуков Юрий Сергеевич" in results
    assert "машиночитаемой строки" in results
    assert_fits_the_phone(phone)
