"""Evidence on the case page and on its own page: adding with a file, downloading, vouching, fraud."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import Invalid
from herzen.evidence import services
from herzen.evidence.models import EvidenceItem, VerificationStatus
from herzen.evidence.tests.factories import PDF_BYTES, make_evidence, make_upload


@pytest.fixture
def case_a(caseworker_a):
    return make_case(caseworker_a)


def _form(**extra):
    return {
        "evidence-kind": "summons",
        "evidence-title": "Summons of 12 March",
        "evidence-original_language": "ru",
        "evidence-translation_status": "informal",
        "evidence-source_kind": "person_concerned",
        "evidence-obtained_from": "Photo of the original",
        **extra,
    }


def test_a_caseworker_adds_evidence_with_a_file_from_the_case_page(login, caseworker_a, case_a):
    client = login(caseworker_a)
    page = client.get(reverse("web:case-detail", args=[case_a.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "No evidence yet." in page

    upload = SimpleUploadedFile("summons.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("web:case-evidence-add", args=[case_a.pk]), _form(**{"evidence-file": upload})
    )

    item = EvidenceItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:evidence-detail", args=[item.pk])
    assert item.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    case_page = client.get(reverse("web:case-detail", args=[case_a.pk])).content.decode()
    assert "Summons of 12 March" in case_page
    assert "Unverified" in case_page
    assert "Evidence added" in case_page  # the case's history


def test_a_wrong_form_keeps_what_was_typed_and_says_why(login, caseworker_a, case_a):
    response = login(caseworker_a).post(
        reverse("web:case-evidence-add", args=[case_a.pk]), _form(**{"evidence-title": ""})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page
    assert "Photo of the original" in page
    assert not EvidenceItem.objects.exists()


def test_the_file_downloads_as_an_attachment_never_rendered(login, caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a, file=make_upload())
    response = login(caseworker_a).get(reverse("web:evidence-file", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert response.content == PDF_BYTES


def test_an_html_page_is_not_accepted_as_evidence(caseworker_a, case_a):
    with pytest.raises(Invalid) as refused:
        make_evidence(
            caseworker_a, case_a, file=make_upload(b"<html><script>x</script>", "a.pdf", "text/html")
        )
    assert "file" in refused.value.fields
    assert not EvidenceItem.objects.exists()


def test_other_organisations_get_404_for_the_page_and_the_file(login, caseworker_a, caseworker_b, case_a):
    item = make_evidence(caseworker_a, case_a, file=make_upload())
    client = login(caseworker_b)
    assert client.get(reverse("web:evidence-detail", args=[item.pk])).status_code == 404
    assert client.get(reverse("web:evidence-file", args=[item.pk])).status_code == 404


def test_a_supervisor_vouches_withdraws_and_flags_fraud_through_the_page(
    login, caseworker_a, supervisor_a, case_a
):
    item = make_evidence(caseworker_a, case_a)
    client = login(supervisor_a)
    page = client.get(reverse("web:evidence-detail", args=[item.pk])).content.decode()
    assert "Vouch for this evidence" in page

    client.post(reverse("web:evidence-vouch", args=[item.pk]), {"vouch-statement": "We met her in Tbilisi"})
    vouch = item.vouches.get()
    page = client.get(reverse("web:evidence-detail", args=[item.pk])).content.decode()
    assert "We met her in Tbilisi" in page
    assert "Withdraw this vouch" in page

    empty = client.post(
        reverse("web:vouch-withdraw", args=[vouch.pk]), {f"withdraw-{vouch.pk}-withdrawal_reason": ""}
    )
    assert empty.status_code == 200
    response = client.post(
        reverse("web:vouch-withdraw", args=[vouch.pk]),
        {f"withdraw-{vouch.pk}-withdrawal_reason": "Her lawyer contradicted it"},
    )
    assert response.status_code == 302
    client.post(
        reverse("web:evidence-flag-fraud", args=[item.pk]), {"fraud-fraud_reason": "The court does not exist"}
    )
    item.refresh_from_db()
    assert item.verification_status == VerificationStatus.REJECTED
    page = client.get(reverse("web:evidence-detail", args=[item.pk])).content.decode()
    assert "Her lawyer contradicted it" in page
    assert "The court does not exist" in page
    assert "Flagged as falsified" in page


def test_a_caseworker_sees_no_vouch_or_fraud_forms_and_is_refused(login, caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    client = login(caseworker_a)
    page = client.get(reverse("web:evidence-detail", args=[item.pk])).content.decode()
    assert "Vouch for this evidence" not in page
    assert "Cite a public source" in page
    assert client.post(reverse("web:evidence-vouch", args=[item.pk]), {}).status_code == 403
    assert (
        client.post(
            reverse("web:evidence-flag-fraud", args=[item.pk]), {"fraud-fraud_reason": "x"}
        ).status_code
        == 403
    )
    assert not item.vouches.exists()


def test_an_illegal_move_is_shown_beside_the_form(login, caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    services.evidence_flag_fraud(actor=supervisor_a, evidence_id=item.pk, reason="Forged")
    response = login(caseworker_a).post(
        reverse("web:evidence-corroborate", args=[item.pk]),
        {"corroborate-corroboration_source": "press", "corroborate-corroboration_reference": "Novaya Gazeta"},
    )
    assert response.status_code == 200
    assert "Rejected as falsified" in response.content.decode()


def test_the_evidence_page_reads_russian(login, caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    page = (
        login(caseworker_a, language="ru")
        .get(reverse("web:evidence-detail", args=[item.pk]))
        .content.decode()
    )
    assert "Происхождение" in page or "Откуда" in page
    assert "Не проверено" in page
