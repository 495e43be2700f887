"""The applicant's status page tells of the authority's decision in plain words, in the applicant's language,
and what happens next; it never shows the authority's reasons."""

import pytest
from django.test import Client
from django.utils import timezone, translation

from herzen.cases.models import Case
from herzen.core.actor import Role
from herzen.demo.applications import walk
from herzen.intake import selectors, services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import make_draft
from herzen.pathways import services as pathway_services
from herzen.pathways.tests.factories import make_application


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def case_of_applicant(receiving, make_actor, open_regimes, actor_for, today):
    """An applicant's submitted case, taken by a caseworker to the German foreign office; the applicant's
    private link."""
    issued = make_draft(receiving, language="de")
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    issued.draft.refresh_from_db()
    caseworker = make_actor(receiving, Role.CASEWORKER)
    case = Case.objects.get(intake_draft=issued.draft)
    application = make_application(caseworker, case)
    walk(application, target="submitted_foreign_ministry", actor_for=actor_for("DE"), today=today)
    return issued, application


def _decide(authorities, application, today, move, *, reasons=""):
    pathway_services.application_transition(
        actor=authorities("DE")["foreign_ministry"],
        application_id=application.pk,
        move=move,
        facts={
            "decided_on": today,
            "deciding_body": "Referat 505",
            "reasons_given": bool(reasons),
            **({"reasons": reasons} if reasons else {}),
        },
    )


def test_before_a_decision_the_page_says_the_organisation_is_at_work(case_of_applicant):
    issued, _application = case_of_applicant
    with translation.override("en"):
        status = selectors.applicant_status(issued.draft)
    assert status.decision is None


def test_an_approval_reads_as_good_news_with_the_next_step(case_of_applicant, authorities, today):
    issued, application = case_of_applicant
    _decide(authorities, application, today, "approve")

    with translation.override("en"):
        status = selectors.applicant_status(issued.draft)

    assert status.headline == "Decision: good news"
    assert "foreign_ministry DE" in status.explanation
    assert "your application is approved" in status.explanation
    assert "another authority now looks at your application" in status.next_step
    assert status.decision.reasons == "The authority gave no reasons for its decision."


def test_a_refusal_says_so_and_keeps_the_reasons_off_the_page(case_of_applicant, authorities, today):
    issued, application = case_of_applicant
    _decide(authorities, application, today, "refuse", reasons="Sicherheitsbedenken nach § 5 AufenthG")

    client = Client()
    client.get(f"/apply/link/{issued.token}/")
    page = client.get("/apply/status/", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert "Entscheidung: abgelehnt" in page
    assert "Ihr Antrag wurde abgelehnt" in page
    assert "Sicherheitsbedenken" not in page  # the reasons stay with the caseworker
    assert "Die Behörde hat ihre Entscheidung begründet" in page
    assert "bearbeitet Ihren Antrag" not in page  # no longer "a caseworker is working on it"


def test_the_page_speaks_the_applicants_language(case_of_applicant, authorities, today):
    issued, application = case_of_applicant
    _decide(authorities, application, today, "approve")

    with translation.override("ru"):
        status = selectors.applicant_status(issued.draft)

    assert status.headline == "Решение: хорошая новость"
    assert "ваше заявление одобрено" in status.explanation
