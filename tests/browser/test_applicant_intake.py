"""An exile applies on a phone, in Russian, for a household of three, with a photo of a document; sends it;
opens the private link in a fresh browser and sees where the application stands.

On every intake page: axe-core (from node_modules, injected from the local file, never a CDN) must find no
serious or critical WCAG 2.x A/AA violation; the page with everything it loads must stay under 150 KB;
nothing may leave 127.0.0.1 (the `phone` fixture) and no cookie but session and CSRF may be set."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from herzen.cases.models import Case
from herzen.organisations.tests.factories import OrganisationFactory
from tests.browser.conftest import PHONE, assert_fits_the_phone

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGE_BUDGET_BYTES = 150 * 1024
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def tbilisi(transactional_db, settings, tmp_path):
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_CLAMAV_COMMAND = ""
    return OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси", intake_countries=["GE"])


def _photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyPhoneMaker"
    exif[0x8825] = {1: "N", 2: (41.0, 43.0, 12.0), 3: "E", 4: (44.0, 47.0, 30.0)}
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (120, 90, 60)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


class PageChecks:
    """Runs the budget and accessibility checks on each page the applicant sees."""

    def __init__(self, page):
        self.page = page
        self.checked: list[str] = []

    def __call__(self, label: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        assert_fits_the_phone(page)
        transferred = page.evaluate(
            """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                 .reduce((sum, e) => sum + Math.max(e.transferSize || 0, e.encodedBodySize || 0), 0)"""
        )
        assert 0 < transferred < PAGE_BUDGET_BYTES, f"{label}: {transferred} bytes"
        assert AXE.exists(), "run scripts/ensure-axe.sh (npm ci) first"
        # Evaluated through the browser's debugging protocol, not added as a <script>: the page's CSP
        # (script-src 'self') rightly refuses inline scripts, and the test must not relax it.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""",
            AXE_TAGS,
        )
        assert violations == [], f"{label}: {violations}"
        self.checked.append(label)


def _save(page):
    page.get_by_role("button", name="Сохранить и продолжить").click()


def test_an_exile_applies_for_a_household_of_three_on_a_phone(phone, live_server, tbilisi, chromium):
    check = PageChecks(phone)
    today = timezone.localdate()
    phone.goto(f"{live_server.url}/apply/")
    assert phone.locator("h1").inner_text() == "Заявка на помощь"  # the phone asks for Russian
    check("start")
    phone.get_by_label("Русский").check()
    phone.get_by_role("button", name="Начать").click()
    check("private link")
    private_link = phone.locator("#private-link").inner_text()
    assert re.fullmatch(rf"{live_server.url}/apply/link/[\w-]{{40,}}/", private_link)
    phone.get_by_role("link", name="Я сохранил(а) ссылку — продолжить").click()
    check("overview")
    phone.get_by_role("link", name="Продолжить").click()

    # About you, first with two mistakes: everything typed must come back, each error beside its field.
    typed = {
        "#id_surname": "Shchukina",
        "#id_given_name": "Анна",
        "#id_patronymic": "Сергеевна",
        "#id_date_of_birth": "31.13.1990",
        "#id_latin1_surname": "SHCHUKINA",
        "#id_latin1_given_name": "ANNA",
        "#id_email": "anna@example.org",
        "#id_phone": "+995 555 123 456",
        "#id_telegram": "@anna_sch",
    }
    for selector, value in typed.items():
        phone.fill(selector, value)
    phone.get_by_label("Женский").check()
    phone.locator("#id_citizenships_0").check()  # Russia
    phone.get_by_label("Telegram", exact=True).last.check()
    _save(phone)
    summary = phone.locator(".error-summary")
    assert summary.is_visible()
    assert summary.locator('a[href="#id_surname"]').count() == 1
    assert summary.locator('a[href="#id_date_of_birth"]').count() == 1
    for selector, value in typed.items():
        assert phone.input_value(selector) == value, selector
    assert phone.locator("#id_citizenships_0").is_checked()
    assert phone.locator("#id_surname").get_attribute("aria-invalid") == "true"
    check("about you, with errors")
    phone.fill("#id_surname", "Щукина")
    phone.fill("#id_date_of_birth", "31/12/1990")
    _save(phone)

    # Household: two more people.
    check("household")
    for surname, given, patronymic, sex, born, role in (
        ("Щукин", "Павел", "Ильич", "Мужской", "02.03.1988", "Супруг(а) или партнёр(ша)"),
        ("Щукина", "Вера", "Павловна", "Женский", "2016-05-17", "Ребёнок"),
    ):
        phone.fill("#id_surname", surname)
        phone.fill("#id_given_name", given)
        phone.fill("#id_patronymic", patronymic)
        phone.get_by_label(sex, exact=True).check()
        phone.fill("#id_date_of_birth", born)
        phone.get_by_label(role, exact=True).check()
        if given == "Павел":  # the spouse has his own passport and came later, on his own
            phone.select_option("#id_document_type", "international_passport")
            phone.fill("#id_document_number", "76 7654321")
            phone.fill("#id_document_expiry_date", "01.02.2031")
            phone.locator("#id_document_status_0").check()
            phone.locator("#id_stay_1").check()
            phone.fill("#id_entry_date", (today - timedelta(days=80)).strftime("%d.%m.%Y"))
            phone.select_option("#id_legal_basis", "visa_free")
            check("household, a member with own papers")
        phone.get_by_role("button", name="Добавить этого человека").click()
        assert given in phone.locator("#added").inner_text()
    _save(phone)

    # Where you are now, and the computed legal-stay deadline.
    check("location")
    phone.select_option("#id_country", "GE")
    phone.fill("#id_city", "Тбилиси")
    phone.fill("#id_entry_date", (today - timedelta(days=40)).strftime("%d.%m.%Y"))
    phone.locator("#id_legal_basis_0").check()  # visa-free
    phone.select_option("#id_document_used", "international_passport")
    _save(phone)
    deadline = phone.locator("#deadline")
    assert "последний законный день" in deadline.inner_text()
    check("location, deadline")
    deadline.get_by_role("link", name="Продолжить").click()

    check("documents")
    phone.select_option("#id_document_type", "international_passport")
    phone.fill("#id_number", "75 1234567")
    phone.fill("#id_expiry_date", "01.01.2030")
    phone.locator("#id_status_0").check()
    phone.get_by_role("button", name="Добавить этот документ").click()
    _save(phone)

    check("risks")
    phone.get_by_label("Уголовное дело", exact=True).check()
    phone.fill("#id_criminal_article", "207.3")
    phone.select_option("#id_criminal_stage", "accused")
    phone.get_by_label("Повестка о мобилизации", exact=True).check()
    phone.fill("#id_summons_date", "10.01.2026")
    phone.locator("#id_summons_person_1").check()  # the spouse (0 is the applicant herself)
    phone.fill("#id_narrative", "Обыск в марте, дело по 207.3.")
    _save(phone)

    check("declarations")
    assert "Крым" in phone.locator("main").inner_text()
    phone.locator("#id_borders").check()
    phone.locator("#id_destalinisation").check()
    _save(phone)

    check("needs")
    phone.locator("#id_pathway_0").check()
    phone.locator("#id_housing").check()
    _save(phone)

    check("organisation")
    phone.get_by_label("Ковчег Тбилиси, Тбилиси").check()
    _save(phone)

    check("evidence")
    phone.set_input_files(
        "#id_file", {"name": "passport.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_gps()}
    )
    phone.locator("#id_kind_0").check()
    phone.locator("#id_concerns_1").check()  # the spouse's passport
    phone.get_by_role("button", name="Загрузить").click()
    assert "passport.jpg" in phone.locator("#uploaded").inner_text()
    check("evidence, uploaded")
    _save(phone)

    check("check your answers")
    answers = phone.locator("main").inner_text()
    for expected in ("Щукина Анна Сергеевна", "Щукин Павел Ильич", "Щукина Вера Павловна", "passport.jpg"):
        assert expected in answers
    phone.get_by_role("button", name="Отправить заявку").click()
    check("confirmation")
    reference = phone.locator("#reference").inner_text()
    case = Case.objects.get(reference=reference)
    assert case.organisation_id == tbilisi.pk
    assert case.household.members.count() == 3
    members = {m.person.given_name: m.person for m in case.household.members.select_related("person")}
    (evidence,) = case.evidence_items.all()  # the photo became evidence about the spouse
    assert evidence.person == members["Павел"]
    assert members["Павел"].stays.get().legal_deadline != members["Анна"].stays.get().legal_deadline
    assert members["Павел"].risk_factors.get().kind == "mobilisation_summons"
    assert "/apply/link/" not in phone.locator("main").inner_text()  # no second private link
    assert {c["name"] for c in phone.context.cookies()} <= {"sessionid", "csrftoken"}

    # Another browser (another phone, a friend's laptop): the private link shows the status.
    context = chromium.new_context(viewport=PHONE, locale="en-US")
    other = context.new_page()
    foreign = []
    other.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live_server.url) else None)
    other.goto(private_link)
    other.wait_for_url(f"{live_server.url}/apply/status/")
    status = other.locator("main").inner_text()
    assert reference in status
    assert "Получено: ждёт сотрудника" in status  # in the language of the application, not of the browser
    PageChecks(other)("status")
    context.close()
    assert foreign == []
    assert len(check.checked) >= 15
