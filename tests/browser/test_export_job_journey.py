"""A large referral export on a phone: the caseworker starts it, the job page shows its progress bar, the
worker makes the file, the inbox in the header says it is ready, and the caseworker downloads it from there."""

from datetime import date
from pathlib import Path

import pytest

from herzen.accounts.models import User
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Actor, Role
from herzen.evidence.referral_files import read_table
from herzen.jobs.models import Job
from herzen.jobs.testing import run_queued
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services
from herzen.people.tests.factories import make_household, make_person
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def applications(transactional_db, settings):
    settings.HERZEN_EXPORT_JOB_THRESHOLD = 2  # "large": more than two applications
    operator = Actor(user=User.objects.create(username="operator", is_superuser=True), organisation=None)
    services.policy_regime_create(
        actor=operator, pathway="de_22_2", name="Standard procedure", valid_from=date(2025, 8, 1)
    )
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси")
    nino = UserFactory(username="nino")
    MembershipFactory(user=nino, organisation=ngo, role=Role.CASEWORKER)
    actor = actor_for_user(nino, organisation_id=ngo.pk)
    made = []
    for given in ("Анна", "Павел", "Вера"):
        person = make_person(actor, surname="Щукина", given_name=given)
        case = make_case(actor, household=make_household(actor, principal=person))
        made.append(services.application_start(actor=actor, case_id=case.pk, pathway="de_22_2"))
    return made


def test_a_caseworker_exports_a_large_list_follows_its_progress_and_downloads_it(
    phone, live_server, applications
):
    page = phone
    page.goto(f"{live_server.url}/login/")
    login_staff(page, live_server, "nino", PASSWORD)

    page.goto(f"{live_server.url}/referrals/")
    page.select_option("#id_export-file_format", "csv")
    page.locator("#export-form button[type=submit]").click()
    page.wait_for_url("**/jobs/**")
    assert page.locator("#job-progress").get_attribute("value") == "0"
    assert page.locator("#job-status").inner_text() == "Ждёт запуска"
    assert page.locator("#job-download").count() == 0
    assert_fits_the_phone(page)

    run_queued()  # the worker
    assert Job.objects.get().progress_done == 3

    # The page refreshes itself: the bar is full and the outcome is there.
    page.wait_for_selector("#job-outcome")
    assert page.locator("#job-progress").get_attribute("value") == "100"
    assert page.locator("#job-outcome").inner_text() == "Заявлений в файле: 3."

    # The header says there is one unread notice; the inbox says the export is ready and leads to it.
    page.goto(f"{live_server.url}/referrals/")
    assert page.locator("#unread-count").inner_text() == "1"
    page.locator("a.inbox-link").click()
    page.wait_for_url("**/notifications/")
    notice = page.locator("#notices .notice-text")
    assert notice.inner_text() == "Выгрузка списка направлений: готово."
    assert_fits_the_phone(page)
    notice.click()
    page.wait_for_url("**/jobs/**")
    with page.expect_download() as download_info:
        page.locator("#job-download").click()
    download = download_info.value
    table = read_table(Path(download.path()).read_bytes())
    assert sorted(line[0] for line in table[2:]) == sorted(str(a.pk) for a in applications)
    assert page.locator("#unread-count").count() == 0
