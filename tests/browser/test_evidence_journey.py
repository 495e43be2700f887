"""Evidence on a phone: a caseworker uploads a summons from the case page, a supervisor vouches for it and
then flags it as falsified. Russian, 390 px, no JavaScript needed, nothing from another host."""

import pytest

from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.evidence.models import EvidenceItem
from herzen.evidence.tests.factories import PDF_BYTES
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.browser.conftest import assert_fits_the_phone, login_staff
from tests.browser.test_caseworker_journey import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def shelter(transactional_db, settings, tmp_path):
    settings.HERZEN_EVIDENCE_DIR = tmp_path
    organisation = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    nino = UserFactory(username="nino")
    MembershipFactory(user=nino, organisation=organisation, role=Role.CASEWORKER)
    lela = UserFactory(username="lela")
    MembershipFactory(user=lela, organisation=organisation, role=Role.SUPERVISOR)
    return make_case(actor_for_user(nino, organisation_id=organisation.pk))


def _log_in(page, live_server, username):
    # The real login, second factor included; it ends on the case list.
    page.goto(f"{live_server.url}/")
    login_staff(page, live_server, username, PASSWORD)
    page.wait_for_url("**/cases/**")


def test_upload_vouch_and_flag_evidence_on_a_phone(phone, live_server, shelter, tmp_path):
    summons = tmp_path / "povestka.pdf"
    summons.write_bytes(PDF_BYTES)

    _log_in(phone, live_server, "nino")
    phone.goto(f"{live_server.url}/cases/{shelter.pk}/")
    phone.locator("#evidence summary").click()
    phone.select_option("#id_evidence-kind", "summons")
    phone.fill("#id_evidence-title", "Повестка от 12 марта")
    phone.select_option("#id_evidence-source_kind", "person_concerned")
    phone.set_input_files("#id_evidence-file", str(summons))
    assert_fits_the_phone(phone)
    phone.get_by_role("button", name="Добавить доказательство").click()
    phone.wait_for_url("**/evidence/*/")
    item = EvidenceItem.objects.get()
    assert "Не проверено" in phone.locator("#verification").inner_text()
    assert item.sha256 in phone.locator("#provenance").inner_text()
    assert_fits_the_phone(phone)

    phone.context.clear_cookies()
    _log_in(phone, live_server, "lela")
    phone.goto(f"{live_server.url}/evidence/{item.pk}/")
    phone.locator("#vouches details summary").last.click()
    phone.fill("#id_vouch-statement", "Видели оригинал в офисе.")
    phone.get_by_role("button", name="Поручиться", exact=True).click()
    phone.wait_for_url(f"**/evidence/{item.pk}/**")
    assert "Видели оригинал в офисе." in phone.locator("#vouches").inner_text()

    phone.locator("#verification details summary").last.click()
    phone.fill("#id_fraud-fraud_reason", "Такого военкомата нет.")
    phone.locator("#fraud-form button[type=submit]").click()
    phone.wait_for_url(f"**/evidence/{item.pk}/**")
    assert "Отклонено как поддельное" in phone.locator("#verification").inner_text()
    assert "Отозвано" in phone.locator("#vouches").inner_text()
    assert_fits_the_phone(phone)
