"""Statistics across roles, on a phone: one statistics officer computes a month's release, linking two
organisations' persons so that one known to both is counted once, another reviews and publishes it in the
browser, and anyone — no login — reads the public page in Russian at 390 px, where every figure states what
it counts, how people were counted across organisations (with the linkage's own error) and its 95 % margin.
Nothing loads from another host."""

from datetime import datetime, time, timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.domain.statistics.linkage_keys import MEASURED_PRECISION
from herzen.domain.statistics.measures import available_measures
from herzen.jobs.testing import run_queued
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.statistics import services
from tests.browser.conftest import LOCAL_HOSTS, PHONE, assert_fits_the_phone, login_staff
from tests.browser.test_reflow import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
SURNAMES = ("Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Соколова")


@pytest.fixture
def release(transactional_db):
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    other = OrganisationFactory(name="Помощь Тбилиси", country="GE", city="Тбилиси")
    today = timezone.localdate()
    last_day = today.replace(day=1) - timedelta(days=1)
    entered = last_day.replace(day=10)
    # The first NGO knows six women; the second knows the first of them too (and nobody else).
    for organisation, username, surnames in ((ngo, "nino", SURNAMES), (other, "tamar", SURNAMES[:1])):
        caseworker = UserFactory(username=username)
        MembershipFactory(user=caseworker, organisation=organisation, role=Role.CASEWORKER)
        actor = actor_for_user(caseworker, organisation_id=organisation.pk)
        for surname in surnames:
            person = make_person(actor, surname=surname)
            people_services.stay_record(
                actor=actor, person_id=person.pk, country="GE", entry_date=entered, legal_basis="visa_free"
            )
            case = make_case(actor, household=make_household(actor, principal=person))
            Case.objects.filter(pk=case.pk).update(
                opened_at=timezone.make_aware(datetime.combine(entered, time(12)))
            )
    officers = []
    for username in ("olga", "maria"):
        user = UserFactory(username=username)
        MembershipFactory(user=user, organisation=ngo, role=Role.STATISTICS_OFFICER)
        officers.append(actor_for_user(user, organisation_id=ngo.pk))
    period = f"{last_day.year}-{last_day.month:02d}"
    requested = services.release_request(
        actor=officers[0], period=period, epsilon=1.0, link_organisations=True
    )
    run_queued()
    return requested


def test_a_second_officer_publishes_and_anyone_reads_each_figure_with_its_definition_and_margin(
    phone, foreign_requests, live_server, release
):
    login_staff(phone, live_server, "maria", PASSWORD)
    phone.goto(f"{live_server.url}/statistics/releases/{release.pk}/")
    assert_fits_the_phone(phone)
    phone.get_by_role("button", name="Одобрить и опубликовать").click()
    phone.wait_for_url(f"**/statistics/releases/{release.pk}/")
    assert "Выпуск опубликован" in phone.locator(".messages").inner_text()

    reader = phone.context.browser.new_context(viewport=PHONE, locale="ru-RU")
    public = reader.new_page()
    public.on(
        "request",
        lambda request: (
            foreign_requests.append(request.url)
            if request.url.startswith(("http:", "https:", "ws:", "wss:"))
            and urlparse(request.url).hostname not in LOCAL_HOSTS
            else None
        ),
    )
    try:
        public.goto(f"{live_server.url}/statistics/")
        assert public.locator("h1").inner_text() == "Статистика"
        assert_fits_the_phone(public)
        assert axe_violations(public) == []
        figures = public.locator("[data-figure]")
        assert figures.count() == len(available_measures())
        for index in range(figures.count()):
            figure = figures.nth(index)
            assert figure.locator("[data-definition]").inner_text().strip()
            assert "95" in figure.locator("[data-error]").inner_text()
            assert figure.locator("[data-cell-error]").count() >= 1
            assert all(text.startswith("±") for text in figure.locator("[data-cell-error]").all_inner_texts())
            assert figure.locator("svg[role=img]").count() == 1
            counting = figure.locator("[data-counting]").inner_text()
            assert "2 организац" in counting
            assert f"точности {MEASURED_PRECISION * 100:.1f} %".replace(".", ",") in counting
        assert "Внешний источник" in public.locator(".stat-external").inner_text()
        assert "может быть учтён больше одного раза" not in public.content()
    finally:
        reader.close()
