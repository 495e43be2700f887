"""Application pages: starting one from the case page, moves as forms, the authority's work page and decision."""

from datetime import timedelta

import pytest
from django.urls import reverse

from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.pathways import services
from herzen.pathways.models import Application, ApplicationDecision
from herzen.pathways.tests.factories import make_application


def test_the_case_page_lists_applications_and_starts_one(login, open_regimes, caseworker_a):
    # given
    case = make_case(caseworker_a)
    client = login(caseworker_a)

    # when
    page = client.get(reverse("web:case-detail", args=[case.pk])).content.decode()
    response = client.post(
        reverse("web:application-start", args=[case.pk]),
        {"application-pathway": "de_22_2", "application-destination_country": ""},
    )

    # then
    assert 'id="applications"' in page
    assert "Start an application" in page
    application = Application.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:application-detail", args=[application.pk])
    assert (
        "Germany: humanitarian admission"
        in client.get(reverse("web:case-detail", args=[case.pk])).content.decode()
    )


def test_starting_without_an_open_regime_explains_why(login, operator, open_regimes, caseworker_a):
    # given
    case = make_case(caseworker_a)
    services.policy_regime_suspend(actor=operator, regime_id=open_regimes["de_22_2"].pk)

    # when the form offers it no longer, and a forged post is refused
    page = login(caseworker_a).get(reverse("web:application-start", args=[case.pk])).content.decode()
    response = login(caseworker_a).post(
        reverse("web:application-start", args=[case.pk]), {"application-pathway": "de_22_2"}
    )

    # then
    assert 'value="de_22_2"' not in page
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_the_application_page_shows_state_checklist_and_only_this_actors_moves(
    login,
    open_regimes,
    caseworker_a,
):
    application = make_application(caseworker_a)

    page = login(caseworker_a).get(reverse("web:application-detail", args=[application.pk])).content.decode()

    assert "Dossier in preparation" in page
    assert "Evidence checklist" in page
    assert "A link to the destination country" in page
    assert reverse("web:application-move", args=[application.pk, "vouch"]) in page
    assert reverse("web:application-move", args=[application.pk, "approve"]) not in page


def test_a_caseworker_moves_the_application_with_the_facts_the_move_needs(
    login,
    open_regimes,
    caseworker_a,
    authorities,
    today,
):
    # given
    authorities("DE")
    application = make_application(caseworker_a)
    client = login(caseworker_a)
    client.post(reverse("web:application-move", args=[application.pk, "vouch"]))

    # when a fact is missing, the form says so and nothing moves
    missing = client.post(reverse("web:application-move", args=[application.pk, "submit"]), {})
    application.refresh_from_db()
    assert missing.status_code == 200
    assert application.state == "vouched"

    # when it is given, the application is submitted and referred to the foreign ministry
    done = client.post(
        reverse("web:application-move", args=[application.pk, "submit"]),
        {"move-submit-submitted_on": today.isoformat()},
    )
    application.refresh_from_db()
    assert done.status_code == 302
    assert application.state == "submitted_foreign_ministry"
    assert application.authority.authority_kind == "foreign_ministry"


def test_an_ngo_cannot_post_a_decision(login, open_regimes, caseworker_a, supervisor_a, actor_for, today):
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    response = login(supervisor_a).post(
        reverse("web:application-move", args=[application.pk, "approve"]),
        {
            "move-approve-decided_on": today.isoformat(),
            "move-approve-deciding_body": "NGO",
            "move-approve-reasons_given": "false",
        },
    )
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.state == "submitted_foreign_ministry"
    assert not ApplicationDecision.objects.exists()


def test_the_authority_work_page_lists_referred_applications_and_records_a_decision(
    login,
    open_regimes,
    caseworker_a,
    actor_for,
    authorities,
    today,
):
    # given one referred application and one not referred
    referred = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    not_referred = make_application(caseworker_a, pathway="cz_civil_society")
    foreign_office = authorities("DE")["foreign_ministry"]
    client = login(foreign_office)

    # when
    home = client.get("/")
    work = client.get(reverse("web:application-list")).content.decode()
    detail = client.get(reverse("web:application-detail", args=[referred.pk])).content.decode()
    response = client.post(
        reverse("web:application-move", args=[referred.pk, "approve"]),
        {
            "move-approve-decided_on": today.isoformat(),
            "move-approve-deciding_body": "Auswärtiges Amt, Referat 505",
            "move-approve-reasons_given": "false",
        },
    )

    # then
    assert home["Location"] == reverse("web:application-list")
    assert reverse("web:application-detail", args=[referred.pk]) in work
    assert reverse("web:application-detail", args=[not_referred.pk]) not in work
    assert "Anna" in detail or "Щукина" in detail  # the applicant's name, to decide about them
    assert reverse("web:case-detail", args=[referred.case_id]) not in detail
    assert response.status_code == 302
    decision = ApplicationDecision.objects.get(application=referred)
    assert decision.deciding_body == "Auswärtiges Amt, Referat 505"
    assert decision.reasons_given is False


def test_other_organisations_and_unreferred_authorities_get_404(
    login,
    open_regimes,
    caseworker_a,
    caseworker_b,
    authorities,
):
    application = make_application(caseworker_a)
    for actor in (caseworker_b, authorities("DE")["foreign_ministry"]):
        client = login(actor)
        assert client.get(reverse("web:application-detail", args=[application.pk])).status_code == 404
        assert (
            client.post(reverse("web:application-move", args=[application.pk, "withdraw"])).status_code == 404
        )
    assert (
        login(authorities("DE")["foreign_ministry"])
        .get(reverse("web:case-detail", args=[application.case_id]))
        .status_code
        == 404
    )


def test_the_application_page_reads_russian_and_shows_deadlines(
    login,
    open_regimes,
    caseworker_a,
    actor_for,
    today,
):
    application = walk(
        make_application(caseworker_a), target="visa_issued", actor_for=actor_for("DE"), today=today
    )
    page = login(caseworker_a, language="ru").get(reverse("web:application-detail", args=[application.pk]))
    text = page.content.decode()
    assert "Виза выдана" in text
    assert "Виза действует до" in text
    assert f"{(today + timedelta(days=90)).year}" in text


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_authority_work_page_renders_in_both_languages(login, authorities, language, db):
    response = login(authorities("DE")["foreign_ministry"], language=language).get(
        reverse("web:application-list")
    )
    assert response.status_code == 200
