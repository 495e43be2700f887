"""A caseworker on a phone: logs in, narrows the case list, finds a woman by a German spelling of her name,
opens her case and adds a note; opens a case for someone new. Nothing may load from another host; nothing
may scroll sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone

from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def tbilisi(transactional_db):
    organisation = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    user = UserFactory(username="nino")
    MembershipFactory(user=user, organisation=organisation, role=Role.CASEWORKER)
    actor = actor_for_user(user, organisation_id=organisation.pk)
    today = timezone.localdate()

    anna = make_person(actor, surname="Щукина", given_name="Анна", patronymic="Сергеевна")
    people_services.stay_record(
        actor=actor,
        person_id=anna.pk,
        country="TR",
        legal_basis="visa_free",
        entry_date=today - timedelta(days=50),
    )  # ten days left of Turkey's 60
    urgent = make_case(actor, household=make_household(actor, principal=anna))

    ivan = make_person(actor, surname="Петров", given_name="Иван", patronymic="Ильич", sex="M")
    people_services.stay_record(
        actor=actor,
        person_id=ivan.pk,
        country="GE",
        legal_basis="visa_free",
        entry_date=today - timedelta(days=30),
    )
    calm = make_case(actor, household=make_household(actor, principal=ivan))
    return {"urgent": urgent, "calm": calm}


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/")
    login_staff(page, live_server, "nino", PASSWORD)
    page.wait_for_url(f"{live_server.url}/cases/")


def test_a_caseworker_finds_and_works_a_case_on_a_phone(phone, live_server, tbilisi):
    _log_in(phone, live_server)
    assert phone.locator("h1").inner_text() == "Дела"  # the phone asks for Russian and gets it
    results = phone.locator("#case-results")
    assert tbilisi["urgent"].reference in results.inner_text()
    assert tbilisi["calm"].reference in results.inner_text()
    assert_fits_the_phone(phone)

    # Only the household whose legal stay ends within two weeks.
    phone.fill("#id_within", "14")
    phone.locator("form.filters button[type=submit]").click()
    phone.wait_for_url("**within=14**")
    results = phone.locator("#case-results")
    results.get_by_text(tbilisi["urgent"].reference).wait_for()
    assert tbilisi["calm"].reference not in results.inner_text()

    # The German spelling of her name finds her.
    phone.goto(f"{live_server.url}/cases/?q=Schtschukina")
    assert "Щукина" in phone.locator("#case-results").inner_text()
    assert "Петров" not in phone.locator("#case-results").inner_text()

    phone.locator("#case-results").get_by_text(tbilisi["urgent"].reference).first.click()
    phone.wait_for_url(f"**/cases/{tbilisi['urgent'].pk}/")
    assert "Щукина" in phone.content()
    assert_fits_the_phone(phone)

    phone.fill("#id_note-body", "Позвонила, ждёт ответа консульства.")
    phone.locator("#notes form button[type=submit]").click()
    phone.wait_for_url(f"**/cases/{tbilisi['urgent'].pk}/**")
    assert "ждёт ответа консульства" in phone.locator("#notes").inner_text()


def test_an_invalid_note_keeps_the_page_and_says_why(phone, live_server, tbilisi):
    _log_in(phone, live_server)
    phone.goto(f"{live_server.url}/cases/{tbilisi['calm'].pk}/")

    phone.fill("#id_note-body", "   ")
    # Skip the browser's own required-field check to reach the server's validation.
    phone.evaluate("document.querySelector('#id_note-body').removeAttribute('required')")
    phone.locator("#notes form button[type=submit]").click()

    summary = phone.locator(".error-summary, [role=alert]").first
    summary.wait_for()
    assert summary.is_visible()
    assert_fits_the_phone(phone)


def test_a_caseworker_opens_a_case_for_someone_new_on_a_phone(phone, live_server, tbilisi):
    _log_in(phone, live_server)
    phone.get_by_role("link", name="Новое дело").click()
    phone.wait_for_url(f"{live_server.url}/cases/new/")
    assert phone.locator("h1").inner_text() == "Новое дело"
    assert_fits_the_phone(phone)

    # A Latin surname is refused beside the field, and everything typed stays.
    phone.fill("#id_surname", "Sokolova")
    phone.fill("#id_given_name", "Мария")
    phone.fill("#id_patronymic", "Игоревна")
    phone.select_option("#id_sex", "F")
    phone.fill("#id_date_of_birth", "03.11.1988")
    phone.select_option("#id_contact_kind", "signal")
    phone.fill("#id_contact_value", "+995 555 01 02 03")
    phone.select_option("#id_stay_country", "GE")
    phone.fill("#id_stay_city", "Батуми")
    phone.fill("#id_stay_entry_date", (timezone.localdate() - timedelta(days=20)).isoformat())
    phone.get_by_role("button", name="Открыть дело").click()
    phone.locator(".error-summary").wait_for()
    assert "кириллицей" in phone.locator("#id_surname_error").inner_text()
    assert phone.input_value("#id_date_of_birth") == "03.11.1988"
    assert phone.input_value("#id_stay_city") == "Батуми"
    assert_fits_the_phone(phone)

    phone.fill("#id_surname", "Соколова")
    phone.get_by_role("button", name="Открыть дело").click()
    phone.wait_for_url(f"{live_server.url}/cases/*/")
    # Names are encrypted: find the new case by its principal's decrypted name, not in SQL.
    (case,) = [
        c
        for c in Case.objects.all()
        if any(m.person.surname == "Соколова" for m in c.household.members.all())
    ]
    assert phone.url == f"{live_server.url}/cases/{case.pk}/"
    assert f"Дело {case.reference} открыто." in phone.locator(".messages").inner_text()
    assert "Соколова Мария Игоревна" in phone.locator("#household").inner_text()
    assert "Грузия" in phone.locator("#household").inner_text()
    assert_fits_the_phone(phone)
