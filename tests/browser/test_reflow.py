"""Every page reflows at 320 px (WCAG 1.4.10) and passes axe, staff pages as well as the intake.

The staff pages are filled by the demo's own generator (long names, deadline phrases, applications in every
state of every pathway, evidence, referrals), because short test data would hide what overflows. Each page
is measured at 320 px: `document.documentElement.scrollWidth` must not exceed the viewport, i.e. nothing
scrolls sideways. axe-core (from node_modules, never a CDN) must find no serious or critical WCAG 2.x A/AA
violation on any of them.
"""

import pytest
from django.utils import timezone

from herzen.accounts.models import User
from herzen.cases.models import Case
from herzen.demo.applications import ApplicationDesk, write_applications
from herzen.demo.generator import generate
from herzen.demo.staffing import ensure_demo_staff
from herzen.evidence.models import EvidenceItem
from herzen.evidence.services import evidence_add
from herzen.pathways.models import Application
from herzen.people.models import HouseholdMember
from tests.browser.conftest import login_staff
from tests.browser.test_applicant_intake import AXE, AXE_TAGS

pytestmark = pytest.mark.browser
NARROWEST = {"width": 320, "height": 640}


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.HERZEN_EVIDENCE_DIR = tmp_path / "evidence"
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_CLAMAV_COMMAND = ""
    staff = ensure_demo_staff()
    today = timezone.localdate()
    generate(organisations=staff.writers(), households=12, seed=1917, today=today)
    cases = list(Case.objects.order_by("opened_at", "reference"))
    write_applications(
        operator=staff.operator,
        desk=ApplicationDesk(ngo_staff=staff.ngo_staff(), authorities=staff.authority_actors()),
        cases=cases,
        today=today,
    )
    # The generator records no evidence: one item per NGO, with the long title a real summons gets.
    for organisation, actor in staff.writers():
        case = _busiest_case(Case.objects.filter(organisation=organisation))
        evidence_add(
            actor=actor,
            case_id=case.pk,
            kind="summons",
            title="Повестка военного комиссариата Центрального и Адмиралтейского районов Санкт-Петербурга "
            "№ 78/2026-ВК-000123456789 от 12 марта 2026 года",
            source_kind="person_concerned",
            obtained_from="Фотография оригинала, присланная через Signal",
        )
    return {login.username: login.password for login in staff.logins}


def _busiest_case(cases):
    """The case with the most applications shows the most deadline phrases and badges."""
    return max(cases, key=lambda c: (Application.objects.filter(case=c).count(), c.reference))


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(viewport=NARROWEST, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def overflow(page) -> list[str]:
    """Why the page is wider than the screen: the document's width, and the widest elements that stick out."""
    return page.evaluate(
        """() => {
            const limit = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= limit) return [];
            const out = [`document ${document.documentElement.scrollWidth}px > ${limit}px`];
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.right > limit + 1 && getComputedStyle(el).position !== 'fixed') {
                    let inScroller = false;
                    for (let p = el.parentElement; p; p = p.parentElement) {
                        const style = getComputedStyle(p);
                        if (['auto', 'scroll', 'hidden'].includes(style.overflowX)) { inScroller = true; break; }
                    }
                    if (!inScroller) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
                }
            }
            return out.slice(0, 8);
        }"""
    )


def axe_violations(page) -> list[str]:
    assert AXE.exists(), "run scripts/ensure-axe.sh (npm ci) first"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""",
        AXE_TAGS,
    )


def check_pages(page, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    problems = {}
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response is not None, path
        assert response.status == 200, f"{path}: {response.status}"
        found = overflow(page) + axe_violations(page)
        if found:
            problems[path] = found
    return problems


def _staff_paths(username: str) -> list[str]:
    user = User.objects.get(username=username)
    organisation_ids = list(user.memberships.values_list("organisation_id", flat=True))
    cases = Case.objects.filter(organisation_id__in=organisation_ids)
    case = _busiest_case(cases)
    member = HouseholdMember.objects.filter(household_id=case.household_id).order_by("role").first()
    applications = Application.objects.filter(case__organisation_id__in=organisation_ids).order_by(
        "-updated_at"
    )
    evidence = EvidenceItem.objects.filter(case__organisation_id__in=organisation_ids).first()
    paths = [
        "/cases/",
        "/cases/?page=2",
        "/cases/new/",
        f"/cases/{case.pk}/",
        f"/persons/{member.person_id}/",
        "/applications/",
        "/applications/time-in-state/",
        "/statistics/dashboard/",
        *(f"/applications/{a.pk}/" for a in applications[:3]),
        "/referrals/",
        "/shared/",
        "/accounts/2fa/",
    ]
    return [*paths, f"/evidence/{evidence.pk}/"]


def test_every_staff_page_reflows_at_320px_and_passes_axe(demo, narrow, live_server):
    login_staff(narrow, live_server, "tbilisi-supervisor", demo["tbilisi-supervisor"])
    problems = check_pages(narrow, live_server.url, _staff_paths("tbilisi-supervisor"))

    narrow.context.clear_cookies()
    login_staff(narrow, live_server, "tbilisi-admin", demo["tbilisi-admin"])
    problems |= check_pages(narrow, live_server.url, ["/organisation/staff/"])

    narrow.context.clear_cookies()
    login_staff(narrow, live_server, "aa-caseworker", demo["aa-caseworker"])
    problems |= check_pages(narrow, live_server.url, ["/referrals/", "/applications/"])
    # An application referred to this authority, as its list links it.
    referred = narrow.locator("a[href^='/applications/'][href$='/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).filter(h => /^\\/applications\\/[0-9a-f-]{36}\\/$/.test(h))"
    )
    assert referred, "the authority sees no application"
    problems |= check_pages(narrow, live_server.url, referred[:1])

    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


@pytest.fixture
def filled_draft(transactional_db, settings, tmp_path):
    from herzen.intake.tests.factories import make_draft
    from herzen.organisations.tests.factories import OrganisationFactory

    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_CLAMAV_COMMAND = ""
    organisation = OrganisationFactory(
        name="Ковчег Тбилиси — помощь политическим эмигрантам",
        country="GE",
        city="Тбилиси",
        intake_countries=["GE"],
    )
    return make_draft(organisation)


def test_every_intake_page_reflows_at_320px_and_passes_axe(filled_draft, narrow, live_server):
    from herzen.intake import services
    from herzen.intake.identity import applicant_actor
    from herzen.intake.steps import STEP_NAMES

    problems = check_pages(narrow, live_server.url, ["/apply/", "/apply/lost-link/"])
    narrow.goto(f"{live_server.url}/apply/link/{filled_draft.token}/")  # binds the draft to this browser
    problems |= check_pages(
        narrow,
        live_server.url,
        ["/apply/continue/", *(f"/apply/{step}/" for step in STEP_NAMES), "/apply/check/"],
    )
    services.draft_submit(actor=applicant_actor(), draft_id=filled_draft.draft.pk)
    problems |= check_pages(narrow, live_server.url, ["/apply/status/"])

    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())
