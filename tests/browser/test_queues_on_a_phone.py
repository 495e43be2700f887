"""The work queue and the time-in-state page on a phone, in Russian: they fit 390 px, and they work (chart,
table, queue views) with JavaScript switched off. Nothing loads from another host."""

from datetime import date, timedelta

import pytest

from herzen.accounts.models import User
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Actor, Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services
from herzen.pathways.models import ApplicationStateChange
from tests.browser.conftest import PHONE, assert_fits_the_phone, login_staff

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
    actor = actor_for_user(nino, organisation_id=ngo.pk)
    application = services.application_start(actor=actor, case_id=make_case(actor).pk, pathway="de_22_2")
    services.application_transition(actor=actor, application_id=application.pk, move="vouch", facts={})
    first = application.state_changes.order_by("occurred_at").first()
    ApplicationStateChange.objects.filter(pk=first.pk).update(
        occurred_at=first.occurred_at - timedelta(days=6)
    )
    return application


def test_the_queue_and_the_time_in_state_page_fit_a_phone_without_javascript(
    phone, chromium, foreign_requests, live_server, setting
):
    login_staff(phone, live_server, "nino", PASSWORD)
    for path in ("/applications/", "/applications/?waiting_days=30", "/applications/time-in-state/"):
        phone.goto(f"{live_server.url}{path}")
        assert_fits_the_phone(phone)

    # the same pages with scripts off: the chart is an SVG image drawn by the server, the table has the numbers
    context = chromium.new_context(
        viewport=PHONE, locale="ru-RU", java_script_enabled=False, storage_state=phone.context.storage_state()
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/applications/time-in-state/")
        assert page.locator("h1").inner_text() == "Время в каждом состоянии"
        assert page.locator("svg[role=img] rect").count() == 2  # median and p90 of the one ended stay
        assert page.locator("table td.days").first.inner_text() in {"6,0", "6.0"}
        page.goto(f"{live_server.url}/applications/")
        page.locator("#queue-waiting").click()
        assert "waiting_days=30" in page.url
        page.fill("#waiting-days", "0")
        page.locator("form.filters button[type=submit]").click()
        assert "waiting_days=0" in page.url
    finally:
        context.close()
