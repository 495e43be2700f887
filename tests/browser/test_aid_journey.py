"""Aid, across roles, on a 390 px phone in Russian: a caseworker proposes a grant from the rules' explanation, a
supervisor approves it (the proposer cannot), the payout goes out in a SEPA file, the bank's pain.002 rejects
it, the money is re-routed to cash and confirmed with a signed receipt, and the programme's report shows
committed, paid and returned. One page is read in German too: no English word and no code on either."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from herzen.aid import services
from herzen.aid.models import Grant
from herzen.aid.tests.conftest import RULES
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.evidence.tests.factories import PDF_BYTES
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.people.tests.factories import make_household, make_person
from tests.browser.conftest import PHONE, assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
FIXTURES = Path(__file__).resolve().parents[2] / "herzen" / "domain" / "aid" / "tests" / "fixtures"
# What must never show on a Russian or German page: the states, channels and reason codes as stored.
CODES = re.compile(r"\b(?:proposed|approved|sent|confirmed|failed|rerouted|sepa|cash|AC04|True|False|None)\b")
ENGLISH = re.compile(r"\b(?:Grant|Payout|Tranche|Approve|Channel|Recipient|committed|paid|returned)\b")
ENGLISH_NOT_GERMAN = re.compile(r"\b(?:Grant|Payout|Approve|Channel|Recipient|committed|paid|returned)\b")


@pytest.fixture
def scene(transactional_db):
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    olga, david = UserFactory(username="olga"), UserFactory(username="david")
    MembershipFactory(user=olga, organisation=ngo, role=Role.CASEWORKER)
    MembershipFactory(user=david, organisation=ngo, role=Role.SUPERVISOR)
    MembershipFactory(user=UserFactory(username="ingrid"), organisation=ngo, role=Role.AUDITOR)
    caseworker = actor_for_user(olga, organisation_id=ngo.pk)
    supervisor = actor_for_user(david, organisation_id=ngo.pk)
    funder = services.funder_create(actor=supervisor, name="Stiftung Beispiel")
    today = timezone.localdate()
    programme = services.programme_create(
        actor=supervisor, funder_id=funder.pk, title="Зима 2026", currency_code="EUR", budget=10_000_00,
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=365), rules=RULES,
        supervisor_threshold=100_00,
    )  # fmt: skip
    programme.paying_account_name = "Herzen Hilfe e.V."
    programme.paying_iban = "DE89370400440532013000"
    programme.paying_bic = "COBADEFFXXX"
    programme.save()
    payee = make_person(caseworker, surname="Петрова", given_name="Анна", patronymic="Игоревна")
    spouse = make_person(caseworker, surname="Петров", given_name="Олег", sex="M")
    case = make_case(
        caseworker, household=make_household(caseworker, payee, others=[(spouse, "spouse_partner")])
    )
    return programme, case


def _phone_of(chromium, username, live_server, locale="ru-RU"):
    page = chromium.new_context(viewport=PHONE, locale=locale).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/login/")
    login_staff(page, live_server, username, PASSWORD)
    return page


def _no_codes(page, english=ENGLISH):
    text = page.locator("main").inner_text()
    assert not CODES.search(text), (page.url, CODES.search(text))
    assert not english.search(text), (page.url, english.search(text))
    assert_fits_the_phone(page)


def test_a_grant_is_proposed_approved_paid_returned_rerouted_to_cash_and_reported(
    chromium, phone, live_server, scene
):
    programme, case = scene
    olga = phone
    olga.goto(f"{live_server.url}/login/")
    login_staff(olga, live_server, "olga", PASSWORD)

    # The caseworker proposes a grant from the programme's page: the rules' amount is explained first.
    olga.goto(f"{live_server.url}/aid/programmes/{programme.pk}/")
    olga.get_by_role("link", name="Предложить грант").click()
    olga.fill("#id_case_reference", case.reference)
    olga.get_by_role("button", name="Рассчитать грант").click()
    calculation = olga.locator("#calculation").inner_text()
    assert "450.00 EUR" in calculation
    assert "3" in olga.locator("#tranches").inner_text()
    _no_codes(olga)
    olga.select_option("#id_payee", label="Петрова Анна Игоревна")
    olga.get_by_role("button", name="Предложить грант").click()
    olga.wait_for_url("**/aid/grants/*/")
    grant_url = olga.url
    # Four eyes: the proposer is told plainly, has no button, and a forged approval is refused.
    assert "не можете его утвердить" in olga.locator("#four-eyes").inner_text()
    assert olga.get_by_role("button", name="Утвердить").count() == 0
    token = olga.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    forged = olga.request.post(
        grant_url + "decide/",
        form={"decision": "approve", "csrfmiddlewaretoken": token},
        headers={"Referer": grant_url},
    )
    assert forged.status == 403
    assert Grant.objects.get().status == "proposed"
    _no_codes(olga)

    david = _phone_of(chromium, "david", live_server)
    david.goto(grant_url)
    david.get_by_role("button", name="Утвердить").click()
    david.wait_for_url(grant_url)
    assert david.locator("#grant-status").inner_text() == "утверждена"

    # The first tranche goes by SEPA: a mistyped IBAN is explained and what was typed is kept.
    olga.goto(grant_url)
    olga.locator("#tranche-1").get_by_role("link", name="Выплатить этот транш").click()
    olga.select_option("#id_channel", "sepa")
    olga.fill("#id_account_holder", "Anna Petrova")
    olga.fill("#id_iban", "DE89370400440532013001")
    olga.get_by_role("button", name="Предложить выплату").click()
    assert "IBAN" in olga.locator("#id_iban_error").inner_text()
    assert olga.input_value("#id_iban") == "DE89370400440532013001"
    assert olga.input_value("#id_account_holder") == "Anna Petrova"
    _no_codes(olga)
    olga.fill("#id_iban", "DE89 3704 0044 0532 0130 00")
    olga.get_by_role("button", name="Предложить выплату").click()
    olga.wait_for_url(grant_url)
    olga.get_by_role("button", name="Утвердить выплату").click()
    olga.wait_for_url(grant_url)
    reference = olga.locator("#tranche-1 .payout").first.get_attribute("id").removeprefix("payout-")

    # The SEPA file is written and downloaded for the bank.
    olga.goto(f"{live_server.url}/aid/programmes/{programme.pk}/")
    olga.get_by_role("button", name="Создать файл SEPA из утверждённых банковских переводов").click()
    with olga.expect_download() as download:
        olga.locator("#payment-files li a").first.click()
    content = Path(download.value.path()).read_text()
    assert "pain.001.001.03" in content
    assert reference in content

    # The bank's pain.002 rejects the payment: that payout alone is re-opened, an unknown line is listed.
    report = (FIXTURES / "pain002_one_rejected.xml").read_text()
    report = report.format(ACCEPTED="HZNOTOURS0001", REJECTED=reference)
    olga.get_by_role("link", name="Загрузить отчёт банка о статусе (pain.002 или camt.054)").click()
    olga.select_option("#id_kind", "pain.002")
    olga.set_input_files(
        "#id_file", {"name": "status.xml", "mimeType": "application/xml", "buffer": report.encode()}
    )
    olga.get_by_role("button", name="Загрузить отчёт").click()
    result = olga.locator("#report-result").inner_text()
    assert reference in result
    assert "отклонена или возвращена" in result
    assert "HZNOTOURS0001" in result
    assert "ни одна выплата вашей организации" in result
    _no_codes(olga)

    # The returned money is re-routed to cash, handed over and confirmed with the signed receipt.
    olga.get_by_role("link", name=reference).click()
    assert "счёт закрыт" in olga.locator(f"#payout-{reference}").inner_text()
    olga.get_by_role("link", name="Направить другим способом").click()
    olga.select_option("#id_channel", "cash")
    olga.fill("#id_recipient", "Анна Петрова")
    olga.get_by_role("button", name="Предложить выплату").click()
    olga.wait_for_url(grant_url)
    olga.get_by_role("button", name="Утвердить выплату").click()
    olga.get_by_role("button", name="Отметить как отправленную").click()
    olga.get_by_role("button", name="Подтвердить: деньги получены").click()  # no receipt yet: refused
    assert olga.locator(".field-error").count() >= 1
    olga.locator("input[type=file]").set_input_files(
        {"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    olga.get_by_role("button", name="Подтвердить: деньги получены").click()
    olga.wait_for_url(grant_url)
    tranche = olga.locator("#tranche-1").inner_text()
    assert "подтверждена" in tranche
    assert "Подписанная расписка хранится среди документов дела." in tranche
    _no_codes(olga)

    # The report: 450 committed, 150 paid (cash), 150 returned (the rejected transfer).
    olga.goto(f"{live_server.url}/aid/programmes/{programme.pk}/")
    row = olga.locator("table tbody tr").first.inner_text()
    assert re.search(r"450\.00 EUR.*150\.00 EUR.*150\.00 EUR", row.replace("\n", " ")), row
    _no_codes(olga)

    # The same grant read in German by the organisation's auditor: no English, no code.
    german = _phone_of(chromium, "ingrid", live_server, locale="de-DE")
    german.goto(grant_url)
    assert "Tranchen und Auszahlungen" in german.locator("main").inner_text()
    _no_codes(german, ENGLISH_NOT_GERMAN)
