"""The aid API end to end: programmes with their aggregates (a funder's view has no person), a grant proposed
with its explanation, payouts along their state machine through typed channels, a SEPA batch and its pain.001,
a pain.002 re-opening exactly its rejected payout, sanctions matches holding and decided, four eyes, and
another organisation's 404."""

import pytest
from lxml import etree
from rest_framework.test import APIClient

from herzen.aid.models import Funder, Payout, SanctionsHit
from herzen.aid.payment_files import pain001_schema
from herzen.aid.tests.world import make_sanctions_hit
from herzen.api.services import api_token_create
from herzen.audit.models import AccessEvent, AuditEvent
from herzen.core.actor import Role
from herzen.domain.aid.crypto_addresses import eip55
from herzen.organisations.tests.factories import OrganisationFactory

from .conftest import LISTS

pytestmark = pytest.mark.django_db
SEPA = {
    "channel": "sepa",
    "account_holder": "Anna Petrova",
    "iban": "DE02120300000000202051",
    "bic": "BYLADEM1001",
}


def api(actor):
    _, token = api_token_create(actor=actor, name="aid api tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _propose(client, grant, number=1, body=SEPA):
    tranche = grant.tranches.get(number=number)
    response = client.post(f"/api/v1/aid/tranches/{tranche.pk}/payouts/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _approved(client, grant, number=1, body=SEPA):
    payout = _propose(client, grant, number, body)
    response = client.post(f"/api/v1/aid/payouts/{payout['id']}/approvals/", format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_programmes_list_and_detail_carry_the_ledgers_aggregates(approved_grant, programme, caseworker_a):
    client = api(caseworker_a)
    listed = client.get("/api/v1/aid/programmes/").json()
    assert [p["id"] for p in listed["results"]] == [str(programme.pk)]
    balances = listed["results"][0]["balances"]
    assert (balances["budget"], balances["committed"]) == (10_000_00 - 450_00, 450_00)
    detail = client.get(f"/api/v1/aid/programmes/{programme.pk}/").json()
    assert detail["months"][0]["committed"] == 450_00
    assert client.get("/api/v1/aid/programmes/?page=9").status_code == 404


def test_a_funder_organisation_reads_the_aggregates_of_its_programmes_and_no_person(
    approved_grant, programme, make_actor
):
    funder_org = OrganisationFactory(kind="funder")
    funder = api(make_actor(funder_org, Role.AUDITOR))
    assert funder.get("/api/v1/aid/programmes/").json()["results"] == []
    assert funder.get(f"/api/v1/aid/programmes/{programme.pk}/").status_code == 404
    Funder.objects.filter(pk=programme.funder_id).update(funder_organisation=funder_org)

    detail = funder.get(f"/api/v1/aid/programmes/{programme.pk}/")
    assert detail.status_code == 200
    assert detail.json()["balances"]["committed"] == 450_00
    assert funder.get(f"/api/v1/aid/programmes/{programme.pk}/grants/").json()["results"] == []
    assert funder.get(f"/api/v1/aid/programmes/{programme.pk}/payouts/").json()["results"] == []
    assert funder.get(f"/api/v1/aid/grants/{approved_grant.pk}/").status_code == 404
    assert str(approved_grant.payee_id) not in detail.content.decode()


def test_a_grant_is_proposed_with_its_explanation_and_the_proposer_cannot_approve_it(
    programme, household_case, caseworker_a, supervisor_a
):
    case, payee = household_case
    proposer = api(caseworker_a)
    response = proposer.post(
        f"/api/v1/aid/programmes/{programme.pk}/grants/",
        {"case_id": str(case.pk), "payee_id": str(payee.pk)},
        format="json",
    )
    assert response.status_code == 201, response.content
    grant = response.json()
    assert (grant["total"], grant["status"], len(grant["tranches"])) == (450_00, "proposed", 3)
    assert any("450.00" in step for step in grant["explanation"])
    assert AuditEvent.objects.filter(action="aid_grant.propose", target_id=grant["id"]).exists()

    decide = f"/api/v1/aid/grants/{grant['id']}/decisions/"
    refused = proposer.post(decide, {"decision": "approve"}, format="json")
    assert refused.status_code == 403
    assert not AuditEvent.objects.filter(action="aid_grant.approve", target_id=grant["id"]).exists()
    assert (
        api(supervisor_a).post(decide, {"decision": "approve"}, format="json").json()["status"] == "approved"
    )

    listed = proposer.get(f"/api/v1/aid/programmes/{programme.pk}/grants/").json()["results"]
    assert [g["id"] for g in listed] == [grant["id"]]
    assert AccessEvent.objects.filter(target_id=str(payee.pk), via="api:aid-programme-grants").exists()


def test_a_payee_outside_the_household_is_named_in_the_400(programme, household_case, caseworker_a):
    from herzen.people.tests.factories import make_person

    case, _payee = household_case
    stranger = make_person(caseworker_a, surname="Орлова", given_name="Вера")
    response = api(caseworker_a).post(
        f"/api/v1/aid/programmes/{programme.pk}/grants/",
        {"case_id": str(case.pk), "payee_id": str(stranger.pk)},
        format="json",
    )
    assert response.status_code == 400
    assert "payee_id" in response.json()["fields"]


def test_channel_details_are_typed_and_checked(approved_grant, caseworker_a):
    client = api(caseworker_a)
    tranche = approved_grant.tranches.get(number=1)
    url = f"/api/v1/aid/tranches/{tranche.pk}/payouts/"
    bad_iban = client.post(url, {**SEPA, "iban": "DE00120300000000202051"}, format="json")
    assert (bad_iban.status_code, list(bad_iban.json()["fields"])) == (400, ["iban"])
    unknown = client.post(url, {"channel": "pigeon"}, format="json")
    assert list(unknown.json()["fields"]) == ["channel"]
    missing = client.post(url, {"channel": "crypto", "network": "tron"}, format="json")
    assert list(missing.json()["fields"]) == ["address"]
    assert not Payout.objects.exists()
    payout = _propose(client, approved_grant, 1, {"channel": "cash", "recipient": "Анна Петрова"})
    assert (payout["channel"], payout["state"], payout["details"]["recipient"]) == (
        "cash",
        "proposed",
        "Анна Петрова",
    )
    assert client.post(url, {"channel": "cash", "recipient": "again"}, format="json").status_code == 409


def test_sepa_batch_pain001_and_a_pain002_reopening_exactly_the_rejected_payout_rerouted_to_cash(
    approved_grant, programme, caseworker_a
):
    client = api(caseworker_a)
    first = _approved(client, approved_grant, 1)
    second = _approved(client, approved_grant, 2)
    created = client.post(f"/api/v1/aid/programmes/{programme.pk}/sepa-files/", format="json")
    assert created.status_code == 201, created.content
    payment_file = created.json()
    assert set(payment_file["payout_ids"]) == {first["id"], second["id"]}

    content = client.get(f"/api/v1/aid/payment-files/{payment_file['id']}/content/")
    assert content["Content-Type"] == "application/xml"
    pain001_schema().assertValid(etree.fromstring(content.content))
    assert first["reference"].encode() in content.content

    report = (LISTS / "pain002_one_rejected.xml").read_text()
    report = report.format(ACCEPTED=first["reference"], REJECTED=second["reference"]).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    imported = client.post(
        "/api/v1/aid/status-reports/",
        {"kind": "pain.002", "file": SimpleUploadedFile("pain002.xml", report, "application/xml")},
        format="multipart",
    )
    assert imported.status_code == 200, imported.content
    result = imported.json()
    assert (result["failed"], result["confirmed"], result["unmatched"]) == (1, 0, [])
    outcomes = {line["payout_id"]: (line["outcome"], line["reason"]) for line in result["lines"]}
    assert outcomes == {first["id"]: ("unchanged", ""), second["id"]: ("failed", "AC04")}
    states = dict(Payout.objects.values_list("reference", "state"))
    assert (states[first["reference"]], states[second["reference"]]) == ("sent", "failed")

    cash = client.post(
        f"/api/v1/aid/payouts/{second['id']}/reroutes/",
        {"channel": "cash", "recipient": "Анна"},
        format="json",
    )
    assert cash.status_code == 201, cash.content
    assert (cash.json()["rerouted_from_id"], cash.json()["state"]) == (second["id"], "proposed")
    assert client.get(f"/api/v1/aid/payouts/{second['id']}/").json()["state"] == "rerouted"
    listed = client.get(f"/api/v1/aid/programmes/{programme.pk}/payouts/").json()
    assert listed["count"] == 3


def test_crypto_payout_is_sent_and_confirmed_with_its_transaction_hash(approved_grant, caseworker_a):
    client = api(caseworker_a)
    address = eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
    payout = _approved(
        client, approved_grant, 1, {"channel": "crypto", "network": "ethereum", "address": address}
    )
    sent = client.post(f"/api/v1/aid/payouts/{payout['id']}/sendings/", format="json")
    assert sent.json()["state"] == "sent"
    url = f"/api/v1/aid/payouts/{payout['id']}/confirmations/"
    wrong = client.post(url, {"proof": "not a hash"}, format="json")
    assert (wrong.status_code, list(wrong.json()["fields"])) == (400, ["proof"])
    done = client.post(url, {"proof": "0x" + "ab" * 32}, format="json").json()
    assert (done["state"], done["proof"]) == ("confirmed", "0x" + "ab" * 32)


def test_an_operator_payout_fails_and_its_money_returns(approved_grant, programme, caseworker_a):
    from herzen.aid import ledger

    client = api(caseworker_a)
    payout = _approved(
        client, approved_grant, 1, {"channel": "operator", "operator": "Korona", "recipient": "Анна"}
    )
    client.post(f"/api/v1/aid/payouts/{payout['id']}/sendings/", format="json")
    failed = client.post(f"/api/v1/aid/payouts/{payout['id']}/failures/", {"reason": "AC04"}, format="json")
    assert (failed.json()["state"], failed.json()["failure_reason"]) == ("failed", "AC04")
    assert ledger.balances(programme)["returned"] == 150_00
    again = client.post(f"/api/v1/aid/payouts/{payout['id']}/failures/", {}, format="json")
    assert again.status_code == 409


def test_an_unresolved_match_holds_the_payout_until_a_compliance_officer_clears_it(
    approved_grant, caseworker_a, supervisor_a, compliance_a
):
    client = api(caseworker_a)
    payout = _approved(client, approved_grant, 1, {"channel": "cash", "recipient": "Анна"})
    hit = make_sanctions_hit(approved_grant.payee)
    send = f"/api/v1/aid/payouts/{payout['id']}/sendings/"
    held = client.post(send, format="json")
    assert held.status_code == 409
    assert Payout.objects.get(pk=payout["id"]).state == "approved"
    assert SanctionsHit.objects.get(pk=hit.pk).decision == "open"

    listed = client.get("/api/v1/aid/sanctions-hits/").json()["results"]
    assert [(h["id"], h["holds_payouts"]) for h in listed] == [(str(hit.pk), True)]
    assert listed[0]["explanation"]
    decide = f"/api/v1/aid/sanctions-hits/{hit.pk}/decisions/"
    # The services' predicate decides who may decide (a caseworker may not); a reason is required.
    assert client.post(decide, {"decision": "clear", "reason": "not him"}, format="json").status_code == 403
    assert (
        api(supervisor_a).post(decide, {"decision": "clear", "reason": "no"}, format="json").status_code
        == 403
    )
    officer = api(compliance_a)
    assert officer.post(decide, {"decision": "clear", "reason": " "}, format="json").status_code == 400
    cleared = officer.post(
        decide, {"decision": "clear", "reason": "Passport seen: another person"}, format="json"
    )
    assert cleared.json()["decision"] == "cleared"
    assert AuditEvent.objects.filter(action="aid_sanctions_hit.decide", target_id=str(hit.pk)).exists()
    assert SanctionsHit.objects.get(pk=hit.pk).decision_reason == "Passport seen: another person"
    assert client.post(send, format="json").json()["state"] == "sent"


def test_another_organisation_gets_404_everywhere(
    approved_grant, programme, caseworker_a, caseworker_b, make_actor
):
    payout = _approved(api(caseworker_a), approved_grant, 1, {"channel": "cash", "recipient": "Анна"})
    hit = make_sanctions_hit(approved_grant.payee)
    tranche = approved_grant.tranches.get(number=2)
    other = api(caseworker_b)
    for url in (
        f"/api/v1/aid/programmes/{programme.pk}/",
        f"/api/v1/aid/programmes/{programme.pk}/grants/",
        f"/api/v1/aid/programmes/{programme.pk}/payouts/",
        f"/api/v1/aid/payouts/{payout['id']}/",
        f"/api/v1/aid/grants/{approved_grant.pk}/",
    ):
        assert other.get(url).status_code == 404, url
    for url, body in (
        (f"/api/v1/aid/payouts/{payout['id']}/sendings/", {}),
        (f"/api/v1/aid/payouts/{payout['id']}/failures/", {}),
        (f"/api/v1/aid/tranches/{tranche.pk}/payouts/", {"channel": "cash", "recipient": "x"}),
        (f"/api/v1/aid/programmes/{programme.pk}/sepa-files/", {}),
    ):
        assert other.post(url, body, format="json").status_code == 404, url
    other_supervisor = api(make_actor(caseworker_b.organisation, Role.SUPERVISOR))
    decide = f"/api/v1/aid/sanctions-hits/{hit.pk}/decisions/"
    assert (
        other_supervisor.post(decide, {"decision": "clear", "reason": "x"}, format="json").status_code == 404
    )
    assert other.get("/api/v1/aid/programmes/").json()["results"] == []
    assert other.get("/api/v1/aid/sanctions-hits/").json()["results"] == []
    assert Payout.objects.get(pk=payout["id"]).state == "approved"
    assert SanctionsHit.objects.get(pk=hit.pk).decision == "open"
