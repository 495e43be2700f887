import base64
import gzip
import json

import pytest
from django.test import Client

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.documents import keystore
from herzen.documents.models import IssuedDocument
from herzen.domain.seals import StatusListError, read_status_list, read_trust_list


def _login(actor):
    return login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), actor.user)


def test_the_authority_issues_from_the_application_page_and_revokes(admitted, interior):
    client = _login(interior)
    page = client.get(f"/applications/{admitted.pk}/documents/")
    assert page.status_code == 200
    assert "Notice of an admission decision" in page.content.decode()
    assert "Attestation of registration" not in page.content.decode()  # an NGO's type is not offered

    response = client.post(f"/applications/{admitted.pk}/documents/", {"document_type": "admission_notice"})

    document = IssuedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{document.pk}/"
    detail = client.get(response["Location"])
    assert document.number in detail.content.decode()
    pdf = client.get(f"/documents/{document.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"/ByteRange" in pdf.content  # signed
    empty = client.post(f"/documents/{document.pk}/status/", {"status": "revoked", "reason": ""})
    assert empty.status_code == 200
    assert "This field is required." in empty.content.decode()
    client.post(f"/documents/{document.pk}/status/", {"status": "revoked", "reason": "Wrong person"})
    document.refresh_from_db()
    assert document.status == "revoked"


def test_an_ngo_is_not_offered_an_authoritys_document(admitted, caseworker_a):
    client = _login(caseworker_a)
    page = client.get(f"/applications/{admitted.pk}/documents/").content.decode()
    assert "Attestation of registration and support" in page
    assert "Notice of an admission decision" not in page
    forged = client.post(f"/applications/{admitted.pk}/documents/", {"document_type": "admission_notice"})
    assert forged.status_code == 200
    assert not IssuedDocument.objects.exists()


@pytest.mark.django_db
def test_the_public_lists_need_no_login_and_are_cached_at_most_a_day():
    client = Client()
    assert client.get("/verify/").status_code == 200
    assert "camera=(self)" in client.get("/verify/")["Permissions-Policy"]
    assert client.get("/verify/sw.js")["Content-Type"].startswith("text/javascript")
    signed = client.get("/.well-known/herzen/trust-list")
    operator = keystore.operator_signer().certificate.public_key()
    assert read_trust_list(signed.json(), operator).issuers == {}
    assert "attachment" in client.get("/.well-known/herzen/trust-list?download=1")["Content-Disposition"]
    listed = client.get("/.well-known/herzen/status/revocation")
    max_age = int(listed["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 24 * 3600
    # Signed by the operator's key (a JWS whose payload is the W3C credential); unsigned, it is refused.
    assert read_status_list(listed.json(), operator, "revocation").size >= 131_072
    credential = json.loads(base64.urlsafe_b64decode(listed.json()["payload"] + "=="))
    subject = credential["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    raw = gzip.decompress(base64.urlsafe_b64decode(subject["encodedList"][1:] + "=="))
    assert len(raw) * 8 >= 131_072
    with pytest.raises(StatusListError):
        read_status_list(credential, operator, "revocation")
    assert client.get("/.well-known/herzen/status/other").status_code == 404
    assert b"PUBLIC KEY" in client.get("/.well-known/herzen/operator-key.pem").content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ka", "დალუქული დოკუმენტის შემოწმება"),
        ("hy", "Կնքված փաստաթղթի ստուգում"),
        ("kk", "Мөрі бар құжатты тексеру"),
    ],
)
def test_the_verifier_speaks_the_checkers_language(language, title):
    page = Client(HTTP_ACCEPT_LANGUAGE=language).get("/verify/").content.decode()
    assert title in page
