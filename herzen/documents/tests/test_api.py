"""The sealed documents API: the same rules as the pages, and the public signed lists without a login."""

import base64
import json

import pytest
from rest_framework.test import APIClient

from herzen.api.services import api_token_create
from herzen.audit.models import AuditEvent
from herzen.documents import keystore
from herzen.documents.models import IssuedDocument
from herzen.domain.seals import StatusListError, read_status_list, read_trust_list


def _client(actor):
    _, token = api_token_create(actor=actor, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_an_ngo_cannot_issue_an_authoritys_document_type_by_the_api(admitted, caseworker_a):
    response = _client(caseworker_a).post(
        "/api/v1/sealed-documents/",
        {"document_type": "admission_notice", "application_id": str(admitted.pk)},
        format="json",
    )
    assert response.status_code == 403
    assert not IssuedDocument.objects.exists()


def test_the_authority_issues_reads_downloads_and_revokes_by_the_api(admitted, interior, caseworker_a):
    client = _client(interior)
    issued = client.post(
        "/api/v1/sealed-documents/",
        {"document_type": "admission_notice", "application_id": str(admitted.pk)},
        format="json",
    )
    assert issued.status_code == 201, issued.content
    document_id = issued.json()["id"]
    assert issued.json()["token"].startswith("HZ1:")
    assert AuditEvent.objects.filter(action="document.issue", target_id=document_id).exists()
    assert client.get(f"/api/v1/sealed-documents/{document_id}/").json()["number"] == issued.json()["number"]
    pdf = client.get(f"/api/v1/sealed-documents/{document_id}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"/ByteRange" in pdf.content  # PAdES
    # The NGO holding the case sees the authority's document on its case, but cannot revoke it.
    ngo = _client(caseworker_a)
    listed = ngo.get(f"/api/v1/cases/{admitted.case_id}/sealed-documents/").json()
    assert [row["id"] for row in listed["results"]] == [document_id]
    refused = ngo.post(
        f"/api/v1/sealed-documents/{document_id}/status-changes/",
        {"status": "revoked", "reason": "Not ours"},
        format="json",
    )
    assert refused.status_code == 403
    revoked = client.post(
        f"/api/v1/sealed-documents/{document_id}/status-changes/",
        {"status": "revoked", "reason": "Issued to the wrong person"},
        format="json",
    )
    assert revoked.json()["status"] == "revoked"
    # The public, signed revocation list now has the document's bit set.
    signed = APIClient().get("/api/v1/seals/status-lists/revocation/").json()
    operator = keystore.operator_signer().certificate.public_key()
    index = IssuedDocument.objects.get(pk=document_id).status_index
    assert read_status_list(signed, operator, "revocation").get(index)


def test_another_organisation_gets_404(admitted, interior, caseworker_b):
    document = _client(interior).post(
        "/api/v1/sealed-documents/",
        {"document_type": "admission_notice", "application_id": str(admitted.pk)},
        format="json",
    )
    stranger = _client(caseworker_b)
    assert stranger.get(f"/api/v1/sealed-documents/{document.json()['id']}/").status_code == 404
    assert stranger.get(f"/api/v1/cases/{admitted.case_id}/sealed-documents/").status_code == 404


@pytest.mark.django_db
def test_the_public_lists_need_no_login_are_cacheable_and_signed():
    anonymous = APIClient()
    operator = keystore.operator_signer().certificate.public_key()
    trust = anonymous.get("/api/v1/seals/trust-list/")
    assert trust.status_code == 200
    assert "public" in trust["Cache-Control"]
    assert read_trust_list(trust.json(), operator).issuers == {}
    listed = anonymous.get("/api/v1/seals/status-lists/suspension/")
    max_age = int(listed["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 24 * 3600
    assert read_status_list(listed.json(), operator, "suspension").size >= 131_072
    body = listed.json()
    credential = json.loads(base64.urlsafe_b64decode(body["payload"] + "=="))
    credential["credentialSubject"]["statusPurpose"] = "suspension"
    body["payload"] = base64.urlsafe_b64encode(json.dumps(credential).encode()).decode().rstrip("=")
    with pytest.raises(StatusListError):  # re-encoded: no longer what the operator signed
        read_status_list(body, operator, "suspension")
    assert anonymous.get("/api/v1/seals/status-lists/other/").status_code == 404
    assert anonymous.post("/api/v1/seals/trust-list/").status_code == 405
