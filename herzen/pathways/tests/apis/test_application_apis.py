"""Applications through the API: the same rules as the pages, in the `{code, message, fields}` error shape."""

import pytest

from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.pathways.models import Application, ApplicationDecision
from herzen.pathways.tests.factories import make_application

BASE = "/api/v1/applications/"


def test_pathways_list_their_machines_and_open_regime(api_as, open_regimes, caseworker_a):
    response = api_as(caseworker_a).get("/api/v1/pathways/")

    assert response.status_code == 200
    by_code = {p["code"]: p for p in response.json()}
    assert set(by_code) >= {"de_22_2", "cz_civil_society", "fr_asylum_visa", "refugee_status"}
    de = by_code["de_22_2"]
    assert de["open_regime"]["id"] == str(open_regimes["de_22_2"].pk)
    assert {"code": "vouched", "pending": True}.items() <= next(
        s for s in de["states"] if s["code"] == "vouched"
    ).items()
    approve = next(t for t in de["transitions"] if t["name"] == "approve")
    assert approve["decision"] is True
    assert approve["actors"] == ["authority:foreign_ministry"]
    assert by_code["cz_civil_society"]["annual_quota"] == 500


def test_regimes_are_listed_per_pathway(api_as, open_regimes, caseworker_a):
    response = api_as(caseworker_a).get("/api/v1/regimes/", {"pathway": "cz_civil_society"})
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(open_regimes["cz_civil_society"].pk)]
    assert response.json()["results"][0]["quota"] == 500


def test_start_then_move_then_read(api_as, open_regimes, caseworker_a, authorities, today):
    # given
    authorities("DE")
    case = make_case(caseworker_a)
    client = api_as(caseworker_a)

    # when
    started = client.post(f"{BASE}", {"case_id": str(case.pk), "pathway": "de_22_2"}, format="json")
    application_id = started.json()["id"]
    vouched = client.post(f"{BASE}{application_id}/transitions/", {"move": "vouch"}, format="json")
    submitted = client.post(
        f"{BASE}{application_id}/transitions/",
        {"move": "submit", "facts": {"submitted_on": today.isoformat()}},
        format="json",
    )

    # then
    assert started.status_code == 201
    assert started.json()["state"] == "dossier"
    assert {m["name"] for m in started.json()["available_moves"]} == {"vouch", "withdraw"}
    assert vouched.status_code == 200
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["state"] == "submitted_foreign_ministry"
    assert body["waiting_on_authority"] is True
    assert [h["transition"] for h in body["history"]] == ["start", "vouch", "submit"]
    assert body["history"][-1]["facts"] == {"submitted_on": today.isoformat()}
    listed = client.get(BASE, {"case": str(case.pk)}).json()["results"]
    assert [a["id"] for a in listed] == [application_id]


def test_an_illegal_move_is_409_naming_state_and_move(api_as, open_regimes, caseworker_a):
    application = make_application(caseworker_a)

    response = api_as(caseworker_a).post(
        f"{BASE}{application.pk}/transitions/",
        {"move": "issue_visa"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "Issue the visa" in response.json()["message"]
    assert "Dossier in preparation" in response.json()["message"]


def test_wrong_facts_are_400_per_fact(api_as, open_regimes, caseworker_a, supervisor_a, today):
    application = make_application(caseworker_a)
    api_as(supervisor_a).post(f"{BASE}{application.pk}/transitions/", {"move": "vouch"}, format="json")

    response = api_as(caseworker_a).post(
        f"{BASE}{application.pk}/transitions/",
        {"move": "submit", "facts": {"submitted_on": "last tuesday"}},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"submitted_on"}


def test_an_ngo_gets_403_for_a_decision_and_the_authority_records_it(
    api_as, open_regimes, caseworker_a, supervisor_a, actor_for, authorities, today
):
    # given
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    decision = {
        "move": "refuse",
        "facts": {
            "decided_on": today.isoformat(),
            "deciding_body": "AA",
            "reasons_given": True,
            "reasons": "Security",
        },
    }

    # when
    by_ngo = api_as(supervisor_a).post(f"{BASE}{application.pk}/transitions/", decision, format="json")
    by_authority = api_as(authorities("DE")["foreign_ministry"]).post(
        f"{BASE}{application.pk}/transitions/", decision, format="json"
    )

    # then
    assert by_ngo.status_code == 403
    assert by_authority.status_code == 200
    assert by_authority.json()["state"] == "refused"
    assert by_authority.json()["decisions"][0]["reasons"] == "Security"
    assert (
        ApplicationDecision.objects.get().deciding_organisation_id
        == authorities("DE")["foreign_ministry"].organisation_id
    )


def test_scoping_other_ngo_and_unreferred_authority_get_404(
    api_as, open_regimes, caseworker_a, caseworker_b, authorities
):
    application = make_application(caseworker_a)
    for actor in (caseworker_b, authorities("DE")["foreign_ministry"]):
        client = api_as(actor)
        assert client.get(f"{BASE}{application.pk}/").status_code == 404
        assert client.get(BASE).json()["count"] == 0
        moved = client.post(f"{BASE}{application.pk}/transitions/", {"move": "withdraw"}, format="json")
        assert moved.status_code == 404
    application.refresh_from_db()
    assert application.state == "dossier"


def test_an_authority_cannot_start_applications(api_as, open_regimes, caseworker_a, authorities):
    case = make_case(caseworker_a)
    response = api_as(authorities("DE")["foreign_ministry"]).post(
        f"{BASE}", {"case_id": str(case.pk), "pathway": "de_22_2"}, format="json"
    )
    assert response.status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "operation",
    [
        "pathway_list",
        "policy_regime_list",
        "application_list",
        "application_get",
        "application_start",
        "application_transition",
    ],
)
def test_every_operation_is_in_the_schema(api_as, caseworker_a, operation):
    schema = api_as(caseworker_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert operation in operations
