"""The resettlement API: a case's needs (medical needs only for those who keep them), offers changed and closed
(never shrunk below what is promised, a closed one never used by a new run), runs started, read with their
explanations, moved by hand under the validator, sent, and a household's answer recorded; another
organisation finds none of it."""

import pytest
from rest_framework.test import APIClient

from herzen.api.services import api_token_create
from herzen.audit.models import AuditEvent
from herzen.core.actor import Role
from herzen.jobs.testing import run_queued
from herzen.resettlement.models import MatchRun, Offer, Proposal
from herzen.resettlement.tests.factories import admitted_household, make_offer

NEEDS = "/api/v1/cases/{}/resettlement-needs/"
RUNS = "/api/v1/resettlement/runs/"


@pytest.fixture
def supervisor_b(org_b, make_actor):
    return make_actor(org_b, Role.SUPERVISOR)


def api(actor, language="en"):
    _, token = api_token_create(actor=actor, name="test")
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def scene(caseworker_a, supervisor_a, open_regimes):
    family = admitted_household(
        caseworker_a, open_regimes, adults=2, children=2,
        profile={"languages": ["de"], "ties": [{"town": "Leipzig", "relation": "sister"}]},
        medical_needs="Asthma, inhaler daily",
    )  # fmt: skip
    single = admitted_household(caseworker_a, open_regimes, profile={"vetoed_towns": ["Dresden"]})
    leipzig = make_offer(supervisor_a, title="Flat Leipzig", town="Leipzig", capacity_persons=4)
    dresden = make_offer(supervisor_a, title="Flat Dresden", town="Dresden", capacity_persons=2, child_beds=0)
    return {"family": family, "single": single, "leipzig": leipzig, "dresden": dresden}


def _start(client, offers):
    response = client.post(
        RUNS, {"destination_country": "DE", "offer_ids": [str(o.pk) for o in offers]}, format="json"
    )
    assert response.status_code == 201, response.content
    run_queued()
    return response.json()["id"]


def test_needs_are_put_and_read_and_medical_needs_only_shown_to_those_who_keep_them(
    caseworker_a, auditor_a, caseworker_b, open_regimes
):
    case_id = admitted_household(caseworker_a, open_regimes).case_id
    body = {
        "adults": 2, "children": 1, "destination_country": "DE", "ready": True, "languages": ["DE", "ru"],
        "ties": [{"town": "Leipzig", "relation": "sister"}], "vetoed_towns": ["Dresden"],
        "medical_needs": "Insulin",
    }  # fmt: skip
    response = api(caseworker_a).put(NEEDS.format(case_id), body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["languages"] == ["de", "ru"]
    assert response.json()["medical_needs"] == "Insulin"
    assert AuditEvent.objects.filter(action="resettlement_needs.update").exists()

    seen_by_auditor = api(auditor_a).get(NEEDS.format(case_id)).json()
    assert seen_by_auditor["ties"] == [{"town": "Leipzig", "relation": "sister"}]
    assert seen_by_auditor["medical_needs"] is None
    assert api(auditor_a).put(NEEDS.format(case_id), body, format="json").status_code == 403
    assert api(caseworker_b).get(NEEDS.format(case_id)).status_code == 404
    assert api(caseworker_b).put(NEEDS.format(case_id), body, format="json").status_code == 404


def test_a_run_is_started_read_with_explanations_moved_under_the_validator_sent_and_answered(
    supervisor_a, caseworker_a, supervisor_b, scene
):
    client = api(supervisor_a)
    run_id = _start(client, [scene["leipzig"], scene["dresden"]])
    detail = client.get(f"{RUNS}{run_id}/").json()
    assert detail["status"] == "done"
    by_case = {p["case_id"]: p for p in detail["proposals"]}
    family = by_case[str(scene["family"].case_id)]
    single = by_case[str(scene["single"].case_id)]
    assert family["offer_id"] == str(scene["leipzig"].pk)
    assert any("sister" in part["text"] for part in family["explanation"]["parts"])
    assert all(part["text"] for part in family["explanation"]["parts"])  # words, never only codes

    # The single person ruled Dresden out: moving them there breaks a rule, named, and changes nothing.
    move = f"{RUNS}{run_id}/proposals/{single['id']}/"
    refused = client.patch(move, {"offer_id": str(scene["dresden"].pk)}, format="json")
    assert refused.status_code == 400
    assert "ruled this town out" in refused.json()["fields"]["offer_id"][0]
    assert Proposal.objects.get(pk=single["id"]).offer_id == (single["offer_id"] and scene["leipzig"].pk)
    # Another organisation's coordinator finds neither the run nor its proposals.
    assert api(supervisor_b).get(f"{RUNS}{run_id}/").status_code == 404
    assert api(supervisor_b).patch(move, {"offer_id": None}, format="json").status_code == 404
    # A caseworker may not move proposals.
    assert api(caseworker_a).patch(move, {"offer_id": None}, format="json").status_code == 403

    assert client.patch(move, {"offer_id": None}, format="json").json()["edited_by_hand"] is True
    sent = client.post(f"{RUNS}{run_id}/dispatches/")
    assert sent.status_code == 200
    assert sent.json()["status"] == "sent"
    answer = f"{RUNS}{run_id}/proposals/{family['id']}/answers/"
    answered = api(caseworker_a).post(answer, {"accept": False}, format="json")
    assert answered.status_code == 200
    assert answered.json()["status"] == "declined"
    assert api(caseworker_a).post(answer, {"accept": True}, format="json").status_code == 409
    assert AuditEvent.objects.filter(action="proposal.respond").count() == 1
    listing = client.get(RUNS).json()
    assert [r["id"] for r in listing["results"]] == [run_id]
    assert api(supervisor_b).get(RUNS).json()["results"] == []


def test_an_offer_is_changed_never_below_what_is_promised_and_a_closed_one_is_never_used(
    supervisor_a, supervisor_b, scene
):
    client = api(supervisor_a)
    offer_url = f"/api/v1/resettlement/offers/{scene['leipzig'].pk}/"
    changed = client.patch(offer_url, {"title": "Big flat Leipzig", "capacity_persons": 6}, format="json")
    assert changed.status_code == 200
    assert changed.json()["title"] == "Big flat Leipzig"
    assert AuditEvent.objects.filter(action="resettlement_offer.update").count() == 1
    assert api(supervisor_b).patch(offer_url, {"title": "Mine"}, format="json").status_code == 404

    run_id = _start(client, [scene["leipzig"]])
    client.post(f"{RUNS}{run_id}/dispatches/")
    promised = sum(Proposal.objects.filter(run_id=run_id, status="sent").values_list("persons", flat=True))
    assert promised >= 4
    shrink = api(supervisor_a, "ru").patch(offer_url, {"capacity_persons": promised - 1}, format="json")
    assert shrink.status_code == 400
    assert f"обещано {promised}" in shrink.json()["fields"]["capacity_persons"][0]
    assert Offer.objects.get(pk=scene["leipzig"].pk).capacity_persons == 6

    assert (
        client.post(f"/api/v1/resettlement/offers/{scene['dresden'].pk}/closures/").json()["is_open"] is False
    )
    refused = client.post(
        RUNS, {"destination_country": "DE", "offer_ids": [str(scene["dresden"].pk)]}, format="json"
    )
    assert refused.status_code == 400
    assert "offer_ids" in refused.json()["fields"]


def test_an_offer_closed_after_a_run_started_is_not_used_and_blocks_sending(supervisor_a, scene):
    client = api(supervisor_a)
    response = client.post(
        RUNS,
        {"destination_country": "DE", "offer_ids": [str(scene["leipzig"].pk), str(scene["dresden"].pk)]},
        format="json",
    )
    run_id = response.json()["id"]
    client.post(f"/api/v1/resettlement/offers/{scene['leipzig'].pk}/closures/")
    run_queued()
    assert not Proposal.objects.filter(run_id=run_id, offer=scene["leipzig"]).exists()
    assert MatchRun.objects.get(pk=run_id).status == "done"


def test_a_runs_proposals_carry_their_adults_jobs_with_explanations(supervisor_a, scene):
    job = make_offer(supervisor_a, kind="job", title="Café Lindner", town="Leipzig", capacity_persons=3,
                     child_beds=0, required_languages=["de"])  # fmt: skip
    client = api(supervisor_a, language="de")
    run_id = _start(client, [scene["leipzig"], scene["dresden"], job])
    by_case = {p["case_id"]: p for p in client.get(f"{RUNS}{run_id}/").json()["proposals"]}
    family = by_case[str(scene["family"].case_id)]
    assert family["offer_id"] == str(scene["leipzig"].pk)
    lines = family["explanation"]["jobs"]
    assert [(line["job_id"], line["adult"]) for line in lines] == [(str(job.pk), 1), (str(job.pk), 2)]
    assert lines[0]["text"] == "erwachsene Person 1: Stelle bei Café Lindner in Leipzig: spricht deutsch"
    assert lines[0]["parts"][0]["part"] == "job_language"
    # The single person (no German) gets no job; moved out of Leipzig, the family's adults lose theirs.
    assert by_case[str(scene["single"].case_id)]["explanation"]["jobs"] == []
    moved = client.patch(f"{RUNS}{run_id}/proposals/{family['id']}/", {"offer_id": None}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["explanation"]["jobs"] == []
