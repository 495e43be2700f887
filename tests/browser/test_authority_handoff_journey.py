"""The handoff from the caseworker to the deciding authority and back, in a browser.

A caseworker takes an applicant's case (sent through the public intake, with evidence) to a Germany § 22
application submitted to the Foreign Office. The Foreign Office's user switches the pages to German, opens the
application, downloads the dossier (the passport's Latin spelling, the document number and the evidence are in
it) and records the approval. The caseworker's case history shows the decision, and the applicant's status
page (on a 390×844 phone, through the private link) says in plain Russian what was decided and what follows.

The starting point is the fixture `intake_submitted_case`; the applicant's own intake part (sending a
household, files and declarations from a phone) can replace it as long as it yields the same `Start`.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader

from herzen.accounts.models import User
from herzen.cases.models import Case
from herzen.core.actor import Actor, Role
from herzen.evidence import services as evidence_services
from herzen.evidence.models import EvidenceKind, SourceKind
from herzen.evidence.tests.pdfs import one_page_pdf
from herzen.intake import services as intake_services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import make_draft
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import OrganisationKind
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.models import Application, ApplicationDecision
from tests.browser.conftest import LOCAL_HOSTS, PHONE, assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
DESK = {"width": 1280, "height": 900}
SUMMONS_PDF = one_page_pdf("a summons to the military office")  # as the file pipeline keeps it
EVIDENCE_TITLE = "Повестка в военкомат от 12 марта 2024"


@dataclass(frozen=True)
class Start:
    """Where the handoff begins: the case an applicant's intake made (with evidence), and the applicant's
    private link to their status page."""

    case: Case
    private_link: str  # the path of the private link, e.g. /apply/link/<token>/


@pytest.fixture
def people(transactional_db, tmp_path, settings):
    """The organisations and staff: an NGO in Tbilisi taking online applications, the German Foreign Office,
    and the platform operator's open § 22 regime."""
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_EVIDENCE_DIR = tmp_path / "evidence"
    settings.HERZEN_CLAMAV_COMMAND = ""
    operator = Actor(user=User.objects.create(username="operator", is_superuser=True), organisation=None)
    pathway_services.policy_regime_create(
        actor=operator, pathway="de_22_2", name="Standard procedure", valid_from=date(2025, 8, 1)
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


@pytest.fixture
def intake_submitted_case(people) -> Start:
    """An application sent through the public intake in Russian (Anna Shchukina with her passport and its
    Latin spelling, a household of three), and a summons added to the case as evidence with its file."""
    issued = make_draft(people, language="ru")
    intake_services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    case = Case.objects.get(intake_draft=issued.draft)
    caseworker = actor_for_user(User.objects.get(username="nino"), organisation_id=people.pk)
    evidence_services.evidence_add(
        actor=caseworker,
        case_id=case.pk,
        kind=EvidenceKind.SUMMONS,
        title=EVIDENCE_TITLE,
        source_kind=SourceKind.PERSON_CONCERNED,
        obtained_from="Photographed from the original",
        file=_upload(),
    )
    return Start(case=case, private_link=f"/apply/link/{issued.token}/")


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("povestka.pdf", SUMMONS_PDF, content_type="application/pdf")


@pytest.fixture
def browser_page(chromium, foreign_requests):
    """browser_page(viewport, locale) -> a page in a fresh context; every request must stay on this machine."""
    contexts = []

    def build(viewport, locale):
        context = chromium.new_context(viewport=viewport, locale=locale, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def check(request):
            host = urlparse(request.url).hostname
            if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
                foreign_requests.append(request.url)

        page.on("request", check)
        return page

    yield build
    for context in contexts:
        context.close()
    assert foreign_requests == [], f"requests to other hosts: {foreign_requests}"


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    login_staff(page, live_server, username, PASSWORD)


def _open_panel(page, form_id):
    details = page.locator(f"details:has(#{form_id})")
    if details.get_attribute("open") is None:
        details.locator("> summary").click()


def _pdf_text(zip_bytes):
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    reader = PdfReader(io.BytesIO(archive.read("dossier.pdf")))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), archive.namelist()


def test_the_decision_travels_from_the_authority_back_to_caseworker_and_applicant(
    browser_page, live_server, intake_submitted_case
):
    start = intake_submitted_case
    case = start.case

    # 1. The caseworker (Russian pages) takes the case to a § 22 application submitted to the Foreign Office.
    caseworker = browser_page(DESK, "ru-RU")
    _log_in(caseworker, live_server, "nino")
    caseworker.goto(f"{live_server.url}/cases/{case.pk}/")
    _open_panel(caseworker, "application-form")
    caseworker.select_option("#id_application-pathway", "de_22_2")
    caseworker.locator("#application-form button[type=submit]").click()
    caseworker.wait_for_url("**/applications/*/")
    caseworker.locator("#move-vouch-form button[type=submit]").click()
    caseworker.locator("#application-state").get_by_text("Организация поручилась").wait_for()
    _open_panel(caseworker, "move-submit-form")
    caseworker.locator("#move-submit-form button[type=submit]").click()
    caseworker.locator("#application-state").get_by_text("Подано в министерство иностранных дел").wait_for()
    application = Application.objects.get(case=case)
    assert application.authority.name == "Auswärtiges Amt"

    # 2. The Foreign Office's user switches the pages to German and opens the application from the work page.
    authority = browser_page(DESK, "en-GB")
    _log_in(authority, live_server, "katharina")
    authority.locator("button[name=language][value=de]").click()
    authority.locator("html[lang=de]").wait_for(state="attached")
    authority.goto(f"{live_server.url}/applications/")
    authority.locator(f"a[href='/applications/{application.pk}/']").first.click()
    authority.locator("#application-state").get_by_text("Beim Außenministerium eingereicht").wait_for()
    household = authority.locator("#household").inner_text()
    assert "Щукина Анна Сергеевна" in household
    assert "SHCHUKINA" in household
    assert "751234567" in household
    evidence = authority.locator("#application-evidence").inner_text()
    assert EVIDENCE_TITLE in evidence
    assert "Vorladung oder Einberufungsbescheid" in evidence  # the kind by its German label
    assert "Deutschland" in authority.locator("#state").inner_text()

    # The evidence file opens for the authority, and the dossier downloads with what it needs to decide.
    with authority.expect_download() as file_download:
        authority.locator("#application-evidence a").first.click()
    assert Path(file_download.value.path()).read_bytes() == SUMMONS_PDF
    with authority.expect_download() as dossier_download:
        authority.locator("#dossier-form button[type=submit]").click()
    text, names = _pdf_text(Path(dossier_download.value.path()).read_bytes())
    assert "Щукина Анна Сергеевна" in text
    assert "SHCHUKINA" in text  # the passport's Latin spelling beside the Cyrillic
    assert "751234567" in text  # the passport's number
    assert EVIDENCE_TITLE in text
    assert "Reisepass" in text  # German labels, not codes
    assert "international_passport" not in text
    assert any(name.startswith("evidence/") for name in names)

    # The Foreign Office approves, without reasons.
    _open_panel(authority, "move-approve-form")
    authority.fill("#id_move-approve-deciding_body", "Auswärtiges Amt, Referat 505")
    authority.check("input[name='move-approve-reasons_given'][value='false']")
    authority.locator("#move-approve-form button[type=submit]").click()
    authority.locator("#application-state").get_by_text("Vom Außenministerium genehmigt").wait_for()
    decision = ApplicationDecision.objects.get(application=application)
    assert decision.reasons_given is False

    # 3. The caseworker's case history shows the decision.
    caseworker.goto(f"{live_server.url}/cases/{case.pk}/")
    history = caseworker.locator("#history").inner_text()
    assert "Решение по заявлению" in history
    assert "Auswärtiges Amt, Referat 505" in history
    assert "без обоснования" in history

    # 4. The applicant's status page, on a phone through the private link, says what was decided.
    applicant = browser_page(PHONE, "ru-RU")
    applicant.goto(f"{live_server.url}{start.private_link}")
    applicant.wait_for_url("**/apply/status/")
    status = applicant.locator("#status").inner_text()
    assert "Решение: хорошая новость" in status
    assert "ваше заявление одобрено" in status
    assert "Auswärtiges Amt" in status
    assert "Ведомство не указало оснований своего решения." in status
    assert "ведомство" in applicant.locator("main").inner_text()  # what happens next
    assert "Куратор работает" not in applicant.locator("main").inner_text()
    assert_fits_the_phone(applicant)
