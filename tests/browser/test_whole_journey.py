"""Issue 23's whole journey, in one browser test, with nothing seeded between the handoffs.

An exile on a 390×844 phone, in Russian, sends a household of three through /apply/ (each person with their own
identity document and own stay), two files (a PDF and a JPEG) and both programme declarations, and keeps the
private link shown once. The NGO's caseworker (password and second factor) finds the files as evidence items and
both programme criteria met in screening, and takes a Germany § 22 application to submitted. The Foreign
Office's user, with German pages, sees the evidence, downloads the dossier (Latin spelling, document numbers,
evidence files) and records the approval. The caseworker's case history shows the decision; the applicant's
status page, through the private link on the phone, says it in plain Russian.

Only the organisations, their staff and the § 22 regime (with its shipped rule set) are made in code: everything
about the applicant travels through the pages.
"""

import hashlib
import io
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from herzen.accounts.models import User
from herzen.cases.models import Case
from herzen.core.actor import Actor, Role
from herzen.domain.rules.shipped import shipped_rule_set_document
from herzen.evidence.tests.pdfs import one_page_pdf
from herzen.organisations.models import OrganisationKind
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.models import Application, ApplicationDecision
from tests.browser.conftest import PHONE, assert_fits_the_phone
from tests.browser.test_authority_handoff_journey import (  # noqa: F401 - browser_page is a fixture
    DESK,
    _log_in,
    _open_panel,
    _pdf_text,
    browser_page,
)

pytestmark = pytest.mark.browser
COURT_PDF = one_page_pdf("Postanovlenie o vozbuzhdenii ugolovnogo dela")  # as the file pipeline keeps it
# The three people and their own papers, as typed on the phone.
ANNA_PASSPORT, PAVEL_PASSPORT, VERA_PASSPORT = "75 1234567", "76 7654321", "77 1112223"


@pytest.fixture
def organisations(transactional_db, tmp_path, settings):
    """An NGO in Tbilisi taking online applications, the German Foreign Office, and the operator's open § 22
    regime with its shipped screening rules (the two programme criteria among them)."""
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_EVIDENCE_DIR = tmp_path / "evidence"
    settings.HERZEN_CLAMAV_COMMAND = ""
    operator = Actor(user=User.objects.create(username="operator", is_superuser=True), organisation=None)
    rules = shipped_rule_set_document("de_22_2")
    pathway_services.policy_regime_create(
        actor=operator,
        pathway="de_22_2",
        name="Standard procedure",
        valid_from=date(2025, 8, 1),
        rule_set=rules,
        rule_set_version=rules["version"],
    )
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси", intake_countries=["GE"])
    MembershipFactory(user=UserFactory(username="nino"), organisation=ngo, role=Role.CASEWORKER)
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
    return ngo


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (60, 90, 120)).save(out, format="JPEG")
    return out.getvalue()


def _save(page):
    page.get_by_role("button", name="Сохранить и продолжить").click()


def _the_applicant_sends_the_household(page, live_server) -> tuple[str, str]:
    """Walks /apply/ on the phone; returns (the private link, the case's reference)."""
    today = timezone.localdate()
    page.goto(f"{live_server.url}/apply/")
    assert page.locator("h1").inner_text() == "Заявка на помощь"
    page.get_by_label("Русский").check()
    page.get_by_role("button", name="Начать").click()
    private_link = page.locator("#private-link").inner_text()
    assert re.fullmatch(rf"{live_server.url}/apply/link/[\w-]{{40,}}/", private_link)
    page.get_by_role("link", name="Я сохранил(а) ссылку — продолжить").click()
    page.get_by_role("link", name="Продолжить").click()

    # About you, with the passport's Latin spelling.
    for selector, value in {
        "#id_surname": "Щукина",
        "#id_given_name": "Анна",
        "#id_patronymic": "Сергеевна",
        "#id_date_of_birth": "31.12.1990",
        # An older passport's spelling, not the ICAO 2014 one ("SHCHUKINA") a computer would guess.
        "#id_latin1_surname": "SCHUKINA",
        "#id_latin1_given_name": "ANNA",
        "#id_email": "anna@example.org",
        "#id_phone": "+995 555 123 456",
        "#id_telegram": "@anna_sch",
    }.items():
        page.fill(selector, value)
    page.get_by_label("Женский").check()
    page.locator("#id_citizenships_0").check()  # Russia
    page.get_by_label("Telegram", exact=True).last.check()  # how to reach her
    _save(page)
    assert page.locator(".error-summary").count() == 0

    # The spouse and the child, each with their own passport and their own entry.
    assert_fits_the_phone(page)
    for surname, given, patronymic, sex, born, role, number, days_ago in (
        ("Щукин", "Павел", "Ильич", "Мужской", "02.03.1988", "Супруг(а) или партнёр(ша)", PAVEL_PASSPORT, 80),
        ("Щукина", "Вера", "Павловна", "Женский", "17.05.2016", "Ребёнок", VERA_PASSPORT, 20),
    ):
        page.fill("#id_surname", surname)
        page.fill("#id_given_name", given)
        page.fill("#id_patronymic", patronymic)
        page.get_by_label(sex, exact=True).check()
        page.fill("#id_date_of_birth", born)
        page.get_by_label(role, exact=True).check()
        page.locator("#id_citizenships_0").check()  # Russia
        page.select_option("#id_document_type", "international_passport")
        page.fill("#id_document_number", number)
        page.fill("#id_document_expiry_date", "01.02.2031")
        page.locator("#id_document_status_0").check()  # valid
        page.locator("#id_stay_1").check()  # own entry
        page.fill("#id_entry_date", (today - timedelta(days=days_ago)).strftime("%d.%m.%Y"))
        page.select_option("#id_legal_basis", "visa_free")
        page.get_by_role("button", name="Добавить этого человека").click()
        assert given in page.locator("#added").inner_text()
    _save(page)

    # The applicant's own stay and passport.
    page.select_option("#id_country", "GE")
    page.fill("#id_city", "Тбилиси")
    page.fill("#id_entry_date", (today - timedelta(days=40)).strftime("%d.%m.%Y"))
    page.locator("#id_legal_basis_0").check()  # visa-free
    page.select_option("#id_document_used", "international_passport")
    _save(page)
    deadline = page.locator("#deadline")
    assert "последний законный день" in deadline.inner_text()
    deadline.get_by_role("link", name="Продолжить").click()
    page.select_option("#id_document_type", "international_passport")
    page.fill("#id_number", ANNA_PASSPORT)
    page.fill("#id_expiry_date", "01.01.2030")
    page.locator("#id_status_0").check()
    page.get_by_role("button", name="Добавить этот документ").click()
    _save(page)

    page.get_by_label("Уголовное дело", exact=True).check()
    page.fill("#id_criminal_article", "207.3")
    page.select_option("#id_criminal_stage", "accused")
    page.fill("#id_narrative", "Обыск в марте, дело по 207.3.")
    _save(page)

    # Both programme declarations.
    page.locator("#id_borders").check()
    page.locator("#id_destalinisation").check()
    _save(page)

    page.locator("#id_pathway_0").check()
    _save(page)
    page.get_by_label("Ковчег Тбилиси, Тбилиси").check()
    _save(page)

    # Two files: the criminal case's papers (PDF, about the applicant) and the child's passport (JPEG).
    for name, mime, data, kind, concerns in (
        ("postanovlenie.pdf", "application/pdf", COURT_PDF, 1, 0),
        ("vera-passport.jpg", "image/jpeg", _photo(), 0, 2),
    ):
        page.set_input_files("#id_file", {"name": name, "mimeType": mime, "buffer": data})
        page.locator(f"#id_kind_{kind}").check()
        page.locator(f"#id_concerns_{concerns}").check()
        page.get_by_role("button", name="Загрузить").click()
        assert name in page.locator("#uploaded").inner_text()
    assert_fits_the_phone(page)
    _save(page)

    answers = page.locator("main").inner_text()
    for expected in (
        "Щукина Анна Сергеевна",
        "Щукин Павел Ильич",
        "Щукина Вера Павловна",
        "postanovlenie.pdf",
        "vera-passport.jpg",
    ):
        assert expected in answers
    page.get_by_role("button", name="Отправить заявку").click()
    reference = page.locator("#reference").inner_text()
    assert "/apply/link/" not in page.locator("main").inner_text()  # the link was shown once
    assert_fits_the_phone(page)
    return private_link, reference


def test_from_the_exiles_phone_to_the_authoritys_decision_and_back(
    browser_page,  # noqa: F811 - the fixture imported above
    live_server,
    organisations,
):
    # 1. The applicant, on a phone, in Russian.
    applicant = browser_page(PHONE, "ru-RU")
    private_link, reference = _the_applicant_sends_the_household(applicant, live_server)
    case = Case.objects.get(reference=reference)
    assert case.organisation_id == organisations.pk
    members = {m.person.given_name: m.person for m in case.household.members.select_related("person")}
    assert set(members) == {"Анна", "Павел", "Вера"}
    for person in members.values():  # each their own papers and their own legal-stay clock
        assert person.documents.count() == 1
        assert person.stays.get().legal_deadline is not None
    assert len({person.stays.get().legal_deadline for person in members.values()}) == 3

    # 2. The caseworker: the files are evidence, both programme criteria met, § 22 submitted.
    caseworker = browser_page(DESK, "ru-RU")
    _log_in(caseworker, live_server, "nino")
    caseworker.goto(f"{live_server.url}/cases/{case.pk}/")
    items = caseworker.locator("#evidence .evidence-list").first.locator("li.evidence")
    assert items.count() == 2
    evidence = caseworker.locator("#evidence").inner_text()
    assert "Судебный документ" in evidence
    assert "Щукина Анна Сергеевна" in evidence
    assert "Документ, удостоверяющий личность" in evidence
    assert "Щукина Вера Павловна" in evidence
    assert evidence.count("файл приложен") == 2

    _open_panel(caseworker, "application-form")
    caseworker.select_option("#id_application-pathway", "de_22_2")
    caseworker.locator("#application-form button[type=submit]").click()
    caseworker.wait_for_url("**/applications/*/")
    criteria = {
        item.locator("p").first.inner_text(): item.locator(".badge").inner_text()
        for item in caseworker.locator("#screening .screening-criteria > li").all()
    }
    borders = next(label for label in criteria if "1 января 1992" in label)
    destalinisation = next(label for label in criteria if "десталинизации" in label)
    assert criteria[borders] == "выполнен", criteria
    assert criteria[destalinisation] == "выполнен", criteria
    caseworker.locator("#move-vouch-form button[type=submit]").click()
    caseworker.locator("#application-state").get_by_text("Организация поручилась").wait_for()
    _open_panel(caseworker, "move-submit-form")
    caseworker.locator("#move-submit-form button[type=submit]").click()
    caseworker.locator("#application-state").get_by_text("Подано в министерство иностранных дел").wait_for()
    application = Application.objects.get(case=case)
    assert application.authority.name == "Auswärtiges Amt"

    # 3. The Foreign Office's user, in German: the evidence, the dossier, the decision.
    authority = browser_page(DESK, "en-GB")
    _log_in(authority, live_server, "katharina")
    authority.locator("button[name=language][value=de]").click()
    authority.locator("html[lang=de]").wait_for(state="attached")
    authority.goto(f"{live_server.url}/applications/")
    authority.locator(f"a[href='/applications/{application.pk}/']").first.click()
    authority.locator("#application-state").get_by_text("Beim Außenministerium eingereicht").wait_for()
    household = authority.locator("#household").inner_text()
    for expected in ("Щукина Анна Сергеевна", "Щукин Павел Ильич", "Щукина Вера Павловна", "SCHUKINA ANNA"):
        assert expected in household
    shown = authority.locator("#application-evidence").inner_text()
    assert "Gerichtsdokument" in shown
    assert "Ausweisdokument" in shown
    assert "postanovlenie.pdf" in shown
    assert "vera-passport.jpg" in shown
    with authority.expect_download() as dossier_download:
        authority.locator("#dossier-form button[type=submit]").click()
    zip_bytes = Path(dossier_download.value.path()).read_bytes()
    text, names = _pdf_text(zip_bytes)
    digits = text.replace(" ", "")
    for expected in ("Щукина Анна Сергеевна", "Щукин Павел Ильич", "Щукина Вера Павловна"):
        assert expected in text
    assert "SCHUKINA ANNA (wie im Pass)" in text  # the applicant's passport spelling, as she typed it
    assert "SHCHUKIN Pavel" in text
    assert "SHCHUKINA Vera" in text
    for number in (ANNA_PASSPORT, PAVEL_PASSPORT, VERA_PASSPORT):
        assert number.replace(" ", "") in digits, number
    assert "Reisepass" in text
    assert "international_passport" not in text
    assert "Gerichtsdokument" in text
    assert "Ausweisdokument" in text
    evidence_files = sorted(name for name in names if name.startswith("evidence/"))
    assert len(evidence_files) == 2
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    sums = archive.read("SHA256SUMS").decode()
    for name in evidence_files:
        assert hashlib.sha256(archive.read(name)).hexdigest() in sums
    assert COURT_PDF in {archive.read(name) for name in evidence_files}  # the applicant's PDF, unchanged

    _open_panel(authority, "move-approve-form")
    authority.fill("#id_move-approve-deciding_body", "Auswärtiges Amt, Referat 505")
    authority.check("input[name='move-approve-reasons_given'][value='false']")
    authority.locator("#move-approve-form button[type=submit]").click()
    authority.locator("#application-state").get_by_text("Vom Außenministerium genehmigt").wait_for()
    assert ApplicationDecision.objects.get(application=application).reasons_given is False

    # 4. The caseworker's case history shows the decision.
    caseworker.goto(f"{live_server.url}/cases/{case.pk}/")
    history = caseworker.locator("#history").inner_text()
    assert "Решение по заявлению" in history
    assert "Auswärtiges Amt, Referat 505" in history
    assert "без обоснования" in history

    # 5. The applicant's status page, through the private link on a (fresh) phone, in plain Russian.
    later = browser_page(PHONE, "ru-RU")
    later.goto(private_link)
    later.wait_for_url("**/apply/status/")
    status = later.locator("#status").inner_text()
    assert reference in later.locator("main").inner_text()
    assert "Решение: хорошая новость" in status
    assert "ваше заявление одобрено" in status
    assert "Auswärtiges Amt" in status
    assert "Ведомство не указало оснований своего решения." in status
    assert "Куратор работает" not in later.locator("main").inner_text()
    assert_fits_the_phone(later)
