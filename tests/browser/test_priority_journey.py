"""A caseworker on a phone records a danger on the person page and sees the case rise in the queue, with the
explanation of its priority on the case page. Nothing may load from another host; nothing may scroll sideways."""

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
def desk(transactional_db):
    organisation = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    user = UserFactory(username="nino")
    MembershipFactory(user=user, organisation=organisation, role=Role.CASEWORKER)
    actor = actor_for_user(user, organisation_id=organisation.pk)
    today = timezone.localdate()
    calm = make_case(actor, household=make_household(actor, principal=make_person(actor, surname="Петрова")))
    boris = make_person(actor, surname="Орлов", given_name="Борис", patronymic="Ильич", sex="M")
    people_services.stay_record(
        actor=actor,
        person_id=boris.pk,
        country="KZ",
        legal_basis="visa_free",
        entry_date=today - timedelta(days=80),
    )  # ten days left of Kazakhstan's 90 in 180
    threatened = make_case(actor, household=make_household(actor, principal=boris))
    return {"calm": calm, "threatened": threatened, "boris": boris}


def test_a_recorded_danger_raises_the_case_in_the_queue_and_is_explained(phone, live_server, desk):
    phone.goto(f"{live_server.url}/")
    login_staff(phone, live_server, "nino", PASSWORD)  # the real login, second factor included
    phone.wait_for_url(f"{live_server.url}/cases/")

    phone.goto(f"{live_server.url}/persons/{desk['boris'].pk}/")
    phone.locator("#risks summary").click()
    phone.select_option("#id_risk-kind", "wanted_list")
    phone.select_option("#id_risk-wanted_scope", "interstate")
    phone.get_by_role("button", name="Записать фактор риска").click()
    phone.wait_for_url(f"**/persons/{desk['boris'].pk}/#risks")
    assert "Фактор риска записан." in phone.locator(".messages").inner_text()
    assert_fits_the_phone(phone)

    phone.goto(f"{live_server.url}/cases/")
    first_row = phone.locator("#case-results tbody tr").first
    assert desk["threatened"].reference in first_row.inner_text()
    phone.get_by_role("link", name="Сроки на этой неделе").click()
    phone.wait_for_url("**due=7**")
    assert desk["calm"].reference not in phone.locator("#case-results").inner_text()

    phone.goto(f"{live_server.url}/cases/{desk['threatened'].pk}/")
    priority = phone.locator("#priority")
    case = Case.objects.get(pk=desk["threatened"].pk)
    assert str(case.priority_score) in priority.inner_text()
    assert "Риск выдачи" in priority.inner_text()  # interstate wanted list while in Kazakhstan
    assert "Последний законный день пребывания" in priority.inner_text()
    assert_fits_the_phone(phone)
