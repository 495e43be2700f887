"""One person recorded twice, on a phone: a caseworker looks for duplicates, follows the job, opens the pair,
compares the records side by side and merges them; the kept record shows both spellings; then she undoes it
and both records are back as they were. A supervisor of another organisation never sees the pair."""

from datetime import date

import pytest

from herzen.core.actor import Role
from herzen.identity.models import DuplicatePair, PairStatus
from herzen.jobs.testing import run_queued
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.people import services as people
from herzen.people.models import NameVariant
from herzen.people.tests.factories import make_household, make_person
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def twice_recorded(transactional_db):
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    nino = UserFactory(username="nino")
    MembershipFactory(user=nino, organisation=ngo, role=Role.CASEWORKER)
    actor = actor_for_user(nino, organisation_id=ngo.pk)
    born = date(1990, 3, 4)
    cyrillic = make_person(
        actor, surname="Жукова", given_name="Юлия", patronymic="Сергеевна", date_of_birth=born
    )
    typed_again = make_person(
        actor, surname="Жукова", given_name="Юля", patronymic="Сергеевна", date_of_birth=born
    )
    people.name_variant_add(actor=actor, person_id=typed_again.pk, surname="Zhukova", given_name="Yulia")
    make_household(actor, cyrillic)
    make_household(actor, typed_again)
    make_person(actor, surname="Иванов", given_name="Пётр", sex="M", date_of_birth=date(1970, 1, 2))
    other = OrganisationFactory(name="Legal Aid Astana", country="KZ", city="Astana")
    MembershipFactory(user=UserFactory(username="aigerim"), organisation=other, role=Role.SUPERVISOR)
    return cyrillic, typed_again


def test_a_caseworker_finds_merges_and_undoes_a_duplicate(phone, live_server, twice_recorded):
    cyrillic, typed_again = twice_recorded
    page = phone
    page.goto(f"{live_server.url}/login/")
    login_staff(page, live_server, "nino", PASSWORD)

    page.goto(f"{live_server.url}/duplicates/")
    assert page.locator("#no-pairs").count() == 1
    assert_fits_the_phone(page)
    page.locator("#find-duplicates").click()
    page.wait_for_url("**/jobs/**")
    run_queued()  # the worker
    page.wait_for_selector("#job-outcome")
    assert page.locator("#job-outcome").inner_text() == "Пар возможных дубликатов, ждущих решения: 1."

    page.goto(f"{live_server.url}/duplicates/")
    pair_link = page.locator("#pairs a")
    assert "Жукова Юлия Сергеевна" in pair_link.inner_text()
    assert "Жукова Юля Сергеевна" in pair_link.inner_text()
    pair_link.click()
    page.wait_for_url("**/duplicates/**")
    assert "Та же дата рождения" in page.locator("#why").inner_text()
    assert "Zhukova Yulia" in page.locator("#compare").inner_text()
    assert_fits_the_phone(page)

    page.locator(f"#merge-form input[value='{cyrillic.pk}']").check()
    page.locator("#merge").click()
    page.wait_for_selector("#undo-merge")
    assert page.locator("#pair-status").inner_text().startswith("Объединены")
    page.locator("#survivor-link").click()
    page.wait_for_url(f"**/persons/{cyrillic.pk}/")
    spellings = page.locator("#names").inner_text()
    assert "Zhukova Yulia" in spellings
    assert "Жукова Юля Сергеевна" in spellings
    assert page.locator(".merged-here").count() == 1
    assert_fits_the_phone(page)

    page.go_back()
    page.wait_for_selector("#undo-merge")
    page.locator("#undo-merge").click()
    page.wait_for_selector("#merge")
    assert page.locator("#pair-status").inner_text().startswith("Ждёт решения")
    assert DuplicatePair.objects.get().status == PairStatus.OPEN
    assert list(NameVariant.objects.filter(person=cyrillic)) == []
    assert NameVariant.objects.get(person=typed_again).surname == "Zhukova"


def test_another_organisation_never_sees_the_pair(phone, live_server, twice_recorded):
    cyrillic, typed_again = twice_recorded
    first, second = sorted((cyrillic, typed_again), key=lambda person: str(person.pk))
    pair = DuplicatePair.objects.create(
        organisation_id=cyrillic.organisation_id, first=first, second=second, probability=0.99
    )
    page = phone
    page.goto(f"{live_server.url}/login/")
    login_staff(page, live_server, "aigerim", PASSWORD)
    page.goto(f"{live_server.url}/duplicates/")
    assert page.locator("#no-pairs").count() == 1
    response = page.goto(f"{live_server.url}/duplicates/{pair.pk}/")
    assert response.status == 404
