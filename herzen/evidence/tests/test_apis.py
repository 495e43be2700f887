"""Evidence through the API: upload with a file, reading, verification moves, errors and isolation."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.cases.tests.factories import make_case
from herzen.evidence.models import EvidenceItem
from herzen.evidence.tests.factories import PDF_BYTES, make_evidence, make_upload


@pytest.fixture
def api_as():
    def build(actor):
        client = APIClient()
        login_with_mfa(client, actor.user)
        client.credentials(HTTP_X_HERZEN_ORGANISATION=str(actor.organisation_id))
        return client

    return build


@pytest.fixture
def case_a(caseworker_a):
    return make_case(caseworker_a)


def test_upload_with_a_file_then_read_it_back(api_as, caseworker_a, case_a):
    client = api_as(caseworker_a)
    response = client.post(
        f"/api/v1/cases/{case_a.pk}/evidence/",
        {
            "kind": "court_document",
            "title": "Verdict",
            "source_kind": "lawyer",
            "translation_status": "sworn",
            "file": SimpleUploadedFile("verdict.pdf", PDF_BYTES, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert body["verification_status"] == "unverified"
    assert body["vouches"] == []

    listed = client.get(f"/api/v1/cases/{case_a.pk}/evidence/").json()
    assert [item["id"] for item in listed] == [body["id"]]
    file = client.get(f"/api/v1/evidence/{body['id']}/file/")
    assert file.status_code == 200
    assert file["Content-Type"] == "application/octet-stream"
    assert b"".join(file.streaming_content if file.streaming else [file.content]) == PDF_BYTES


def test_json_without_a_file_and_field_errors_use_the_api_names(api_as, caseworker_a, case_a):
    client = api_as(caseworker_a)
    ok = client.post(
        f"/api/v1/cases/{case_a.pk}/evidence/",
        {"kind": "press_article", "title": "Novaya Gazeta", "source_kind": "press"},
        format="json",
    )
    assert ok.status_code == 201
    assert ok.json()["has_file"] is False
    bad = client.post(
        f"/api/v1/cases/{case_a.pk}/evidence/",
        {
            "kind": "press_article",
            "title": "x",
            "source_kind": "press",
            "risk_factor_ids": ["00000000-0000-0000-0000-000000000000"],
        },
        format="json",
    )
    assert bad.status_code == 400
    assert "risk_factor_ids" in bad.json()["fields"]


def test_vouch_withdraw_and_fraud_through_the_api(api_as, caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    supervisor = api_as(supervisor_a)
    assert (
        api_as(caseworker_a).post(f"/api/v1/evidence/{item.pk}/vouches/", {}, format="json").status_code
        == 403
    )

    vouch = supervisor.post(f"/api/v1/evidence/{item.pk}/vouches/", {"statement": "Met her"}, format="json")
    assert vouch.status_code == 201
    again = supervisor.post(f"/api/v1/evidence/{item.pk}/vouches/", {}, format="json")
    assert again.status_code == 409

    empty = supervisor.post(
        f"/api/v1/vouches/{vouch.json()['id']}/withdrawals/", {"reason": ""}, format="json"
    )
    assert empty.status_code == 400
    assert "reason" in empty.json()["fields"]
    withdrawn = supervisor.post(
        f"/api/v1/vouches/{vouch.json()['id']}/withdrawals/", {"reason": "Doubts"}, format="json"
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawal_reason"] == "Doubts"

    flagged = supervisor.post(f"/api/v1/evidence/{item.pk}/fraud-flags/", {"reason": "Forged"}, format="json")
    assert flagged.status_code == 200
    assert flagged.json()["verification_status"] == "rejected"
    assert len(flagged.json()["vouches"]) == 1

    refused = api_as(caseworker_a).post(
        f"/api/v1/evidence/{item.pk}/corroborations/", {"source": "press", "reference": "x"}, format="json"
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "conflict"


def test_another_organisation_gets_404_everywhere(api_as, caseworker_a, caseworker_b, case_a):
    item = make_evidence(caseworker_a, case_a, file=make_upload())
    client = api_as(caseworker_b)
    assert client.get(f"/api/v1/evidence/{item.pk}/").status_code == 404
    assert client.get(f"/api/v1/evidence/{item.pk}/file/").status_code == 404
    assert client.get(f"/api/v1/cases/{case_a.pk}/evidence/").status_code == 404
    assert (
        client.post(
            f"/api/v1/cases/{case_a.pk}/evidence/",
            {"kind": "other", "title": "x", "source_kind": "other"},
            format="json",
        ).status_code
        == 404
    )
    assert EvidenceItem.objects.count() == 1
