"""A Germany § 22 application on a phone: a caseworker starts it from the case page, vouches for the dossier
and submits it to the Foreign Office; a Foreign Office user logs in, finds it on the authority's work page and
records the approval. Nothing loads from another host; nothing scrolls sideways."""

from datetime import date

import pytest

from herzen.accounts.models import User
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Actor, Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import OrganisationKind
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services
from herzen.pathways.models import Application, ApplicationDecision
from herzen.people.tests.factories import make_household, make_person
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def setting(transactional_db):
    operator = Actor(user=User.objects.create(username="operator", is_superuser=True), organisation=None)
    services.policy_regime_create(
        actor=operator, pathway="de_22_2", name="Standard procedure", valid_from=date(2025, 8, 1)
    )
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    nino = UserFactory(username="nino")
    MembershipFactory(user=nino, organisation=ngo, role=Role.CASEWORKER)
    foreign_office = OrganisationFactory(
        name="Auswärtiges Amt",
        kind=OrganisationKind.AUTHORITY,
        authority_kind="foreign_ministry",
        country="DE",
        city="Berlin",
    )
    MembershipFactory(
        user=UserFactory(username="katharina"), organisation=foreign_office, role=Role.CASEWORKER
    )
    actor = actor_for_user(nino, organisation_id=ngo.pk)
    anna = make_person(actor, surname="Щукина", given_name="Анна", patronymic="Сергеевна")
    return make_case(actor, household=make_household(actor, principal=anna))


def _log_in(page, live_server, username):
    # The real login, second factor included.
    page.goto(f"{live_server.url}/login/")
    login_staff(page, live_server, username, PASSWORD)


def _open_panel(page, form_id):
    details = page.locator(f"details:has(#{form_id})")
    if details.get_attribute("open") is None:
        details.locator("> summary").click()


def test_a_caseworker_submits_and_an_authority_approves_on_a_phone(phone, live_server, setting):
    case = setting
    # The caseworker starts the application from the case page.
    _log_in(phone, live_server, "nino")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    _open_panel(phone, "application-form")
    phone.select_option("#id_application-pathway", "de_22_2")
    phone.locator("#application-form button[type=submit]").click()
    phone.wait_for_url("**/applications/*/")
    assert phone.locator("#application-state").inner_text() == "Досье готовится"
    assert_fits_the_phone(phone)

    # Vouches for the dossier, then submits it (the date is today's unless changed).
    phone.locator("#move-vouch-form button[type=submit]").click()
    phone.locator("#application-state").get_by_text("Организация поручилась").wait_for()
    _open_panel(phone, "move-submit-form")
    phone.locator("#move-submit-form button[type=submit]").click()
    phone.locator("#application-state").get_by_text("Подано в министерство иностранных дел").wait_for()
    application = Application.objects.get(case=case)
    assert application.state == "submitted_foreign_ministry"
    assert application.authority.name == "Auswärtiges Amt"
    # An NGO is never offered a decision.
    assert phone.locator("#move-approve-form").count() == 0
    phone.locator(".site-header form[action='/logout/'] button").click()

    # The Foreign Office user finds it on the work page and records the approval, without reasons.
    _log_in(phone, live_server, "katharina")
    phone.wait_for_url(f"{live_server.url}/applications/")
    assert case.reference in phone.locator("main").inner_text()
    assert_fits_the_phone(phone)
    phone.locator(f"a[href='/applications/{application.pk}/']").first.click()
    assert "Щукина Анна Сергеевна" in phone.locator("#household").inner_text()
    _open_panel(phone, "move-approve-form")
    phone.fill("#id_move-approve-deciding_body", "Auswärtiges Amt, Referat 505")
    phone.check("input[name='move-approve-reasons_given'][value='false']")
    phone.locator("#move-approve-form button[type=submit]").click()
    phone.locator("#application-state").get_by_text("Одобрено министерством иностранных дел").wait_for()
    assert "Основания не сообщены." in phone.locator("#decisions").inner_text()
    assert_fits_the_phone(phone)

    decision = ApplicationDecision.objects.get(application=application)
    assert decision.deciding_body == "Auswärtiges Amt, Referat 505"
    assert decision.reasons_given is False
