"""Resettlement, across roles: a coordinator starts a matching run, reads why a family was placed where it was
and which job goes with the home, sends the proposal; the family accepts it on its phone (390 px), on its status
page."""

from datetime import date

import pytest
from django.utils import timezone

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.intake import services as intake_services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.jobs.testing import run_queued
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.models import Application
from herzen.resettlement import services
from herzen.resettlement.models import Proposal
from tests.browser.conftest import assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def scene(transactional_db):
    operator = Actor(user=User.objects.create(username="operator", is_superuser=True), organisation=None)
    regime = pathway_services.policy_regime_create(
        actor=operator, pathway="de_22_2", name="Standard procedure", valid_from=date(2025, 8, 1)
    )
    ngo = OrganisationFactory(name="Ковчег Тбилиси", country="GE", city="Тбилиси", intake_countries=["GE"])
    coordinator = UserFactory(username="tamar")
    MembershipFactory(user=coordinator, organisation=ngo, role=Role.SUPERVISOR)
    actor = actor_for_user(coordinator, organisation_id=ngo.pk)
    issued = make_draft(ngo, answers=complete_answers(ngo.pk, country="GE"))
    intake_services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    issued.draft.refresh_from_db()
    case = issued.draft.case
    Application.objects.create(
        organisation=ngo, case=case, pathway="de_22_2", destination_country="DE", regime=regime,
        state="visa_issued", state_entered_at=timezone.now(), started_by=coordinator, is_pending=False,
    )  # fmt: skip
    services.household_needs_save(
        actor=actor, case_id=case.pk, adults=2, children=2, destination_country="DE", ready=True,
        profile={"languages": ["ru", "de"], "skills": ["nurse"], "ties": [{"town": "Leipzig", "relation": "сестра"}]},
    )  # fmt: skip
    services.offer_create(actor=actor, kind="housing", title="Квартира на Karl-Liebknecht-Straße", country="DE",
                          town="Leipzig", capacity_persons=4, child_beds=2, local_languages=["de"])  # fmt: skip
    services.offer_create(actor=actor, kind="housing", title="Комната в Дрездене", country="DE", town="Dresden",
                          capacity_persons=2, local_languages=["de"])  # fmt: skip
    services.offer_create(actor=actor, kind="job", title="Клиника", country="DE", town="Dresden",
                          capacity_persons=2, skills=["nurse"])  # fmt: skip
    services.offer_create(actor=actor, kind="job", title="Кафе Линднер", country="DE", town="Leipzig",
                          capacity_persons=1, required_languages=["de"])  # fmt: skip
    return issued


def test_a_coordinator_matches_reviews_and_sends_and_the_family_accepts_on_its_phone(
    chromium, phone, live_server, scene
):
    desk = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU").new_page()
    desk.set_default_timeout(10_000)
    desk.goto(f"{live_server.url}/login/")
    login_staff(desk, live_server, "tamar", PASSWORD)

    desk.goto(f"{live_server.url}/resettlement/runs/")
    assert "DE: 1" in desk.locator("#pool").inner_text()
    desk.fill("#id_run-destination_country", "DE")
    for box in desk.locator("input[name=run-offers]").all():
        box.check()
    desk.locator("#run-form button[type=submit]").click()
    desk.wait_for_url("**/resettlement/runs/*/")
    assert desk.locator("#run-status").inner_text() == "В очереди"

    run_queued()  # the worker
    desk.reload()
    proposal = desk.locator("#proposals li").first
    text = proposal.inner_text()
    assert "Размещение: Leipzig" in text
    assert "родные или друзья в городе (сестра)" in text
    assert "говорит на местном языке (немецкий)" in text
    # Dresden was better on jobs (a clinic seeks a nurse) but has no place for four.
    assert "Dresden лучше по критериям «работа», но там нет места для 4 человек" in text
    # The third stage: one adult of the family takes the one position of the Leipzig café (it asks for German).
    assert "работа — Кафе Линднер, Leipzig: владеет языком: немецкий" in text
    desk.locator("#send-form button").click()
    desk.wait_for_url("**/resettlement/runs/*/")
    assert desk.locator("#run-status").inner_text() == "Отправлено семьям"

    # The family, on its phone, through its private link.
    phone.goto(f"{live_server.url}/apply/link/{scene.token}/")
    phone.wait_for_url(f"{live_server.url}/apply/status/")
    offer = phone.locator("section[id^=proposal-]")
    assert "Мы предлагаем место в городе Leipzig" in offer.inner_text()
    assert "Отказ вам ничем не грозит" in offer.inner_text()
    assert "И работа для одного из вас: Кафе Линднер в Leipzig." in offer.inner_text()
    assert_fits_the_phone(phone)
    phone.locator("#proposal-accept").click()
    phone.wait_for_url(f"{live_server.url}/apply/status/")
    assert "Вы приняли это место" in phone.locator("#proposal-answer").inner_text()
    assert_fits_the_phone(phone)
    assert Proposal.objects.get().status == "accepted"
    desk.context.close()
