"""Paging the case list by keyboard (htmx): focus moves to the summary of the new page, not to the body."""

import pytest

from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.web.views.cases import CASES_PER_PAGE
from tests.browser.conftest import login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def many_cases(transactional_db):
    organisation = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    nino = UserFactory(username="nino")
    MembershipFactory(user=nino, organisation=organisation, role=Role.CASEWORKER)
    actor = actor_for_user(nino, organisation_id=organisation.pk)
    for _ in range(CASES_PER_PAGE + 1):
        make_case(actor)


def test_paging_moves_focus_to_the_new_results(phone, live_server, many_cases):
    login_staff(phone, live_server, "nino", PASSWORD)
    phone.goto(f"{live_server.url}/cases/")

    next_link = phone.locator(".pagination a[rel=next]")
    next_link.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/cases/?page=2")
    phone.wait_for_function("() => document.activeElement !== document.body")

    focused = phone.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused[0] == "result-count"
    assert "2" in focused[1]
    # And the next Tab goes on into the new results, not back to the top of the page.
    phone.keyboard.press("Tab")
    assert phone.evaluate("() => document.activeElement.closest('#case-results') !== null")
