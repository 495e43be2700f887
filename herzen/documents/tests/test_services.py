import io
from datetime import timedelta

import pytest
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, NotFound, PermissionDenied
from herzen.documents import selectors, services
from herzen.documents.models import IssuedDocument, SealKey
from herzen.domain.seals import Bitstring, Outcome, holder_hash, parse, verify


def _check(document, *, now=None):
    return verify(
        document.token,
        trust=selectors.current_trust_list(),
        revoked=selectors.status_bitstring("revocation"),
        suspended=selectors.status_bitstring("suspension"),
        now=now or timezone.now(),
    ).outcome


def test_the_deciding_authority_issues_an_admission_notice(admitted, interior):
    # when
    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )

    # then
    assert document.case_id == admitted.case_id
    assert document.decision.transition == "declare_admission"
    assert document.number.startswith("DE-")
    assert document.destination_language == "de"
    assert len(document.token) <= 300
    seal = parse(document.token)
    assert seal.claims.document_id == document.id.bytes
    assert seal.claims.holder_hash == holder_hash(
        seal.claims.salt, document.holder_name, document.holder_birth_date
    )
    assert _check(document) == Outcome.VALID
    assert AuditEvent.objects.filter(action="document.issue", target_id=str(document.pk)).exists()
    assert SealKey.objects.filter(organisation=interior.organisation).count() == 1


def test_an_ngo_cannot_issue_an_authoritys_document(admitted, caseworker_a):
    with pytest.raises(PermissionDenied):
        services.document_issue(
            actor=caseworker_a, document_type="admission_notice", application_id=admitted.pk
        )
    assert not IssuedDocument.objects.exists()


def test_an_authority_that_did_not_decide_cannot_issue(admitted, authorities):
    consulate = authorities("DE")["embassy_consulate"]
    with pytest.raises((PermissionDenied, NotFound)):
        services.document_issue(actor=consulate, document_type="admission_notice", application_id=admitted.pk)
    foreign_office = authorities("DE")["foreign_ministry"]  # it approved, but did not declare admission...
    document = services.document_issue(
        actor=foreign_office, document_type="admission_notice", application_id=admitted.pk
    )
    assert document.decision.transition == "approve"  # ... so its notice states its own approval


def test_an_ngo_attests_its_own_case(admitted, caseworker_a, caseworker_b):
    document = services.document_issue(
        actor=caseworker_a, document_type="ngo_attestation", case_id=admitted.case_id
    )
    assert _check(document) == Outcome.VALID
    with pytest.raises(NotFound):
        services.document_issue(actor=caseworker_b, document_type="ngo_attestation", case_id=admitted.case_id)


def test_revocation_flips_exactly_its_index_and_is_audited(admitted, interior, caseworker_a):
    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    other = services.document_issue(
        actor=caseworker_a, document_type="ngo_attestation", case_id=admitted.case_id
    )
    with pytest.raises(PermissionDenied):  # the NGO sees the notice but cannot revoke what it did not issue
        services.document_status_change(
            actor=caseworker_a, document_id=document.pk, status="revoked", reason="x"
        )

    services.document_status_change(
        actor=interior, document_id=document.pk, status="revoked", reason="Issued to the wrong person"
    )

    bits = Bitstring.decode(selectors.status_bitstring("revocation").encode())
    assert bits.size >= 131_072
    assert bits.set_indexes() == [document.status_index]
    assert _check(document) == Outcome.REVOKED
    assert _check(other) == Outcome.VALID
    assert AuditEvent.objects.filter(action="document.status", target_id=str(document.pk)).exists()
    with pytest.raises(Conflict):
        services.document_status_change(
            actor=interior, document_id=document.pk, status="valid", reason="oops"
        )


def test_suspension_can_be_lifted(admitted, interior):
    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    services.document_status_change(
        actor=interior, document_id=document.pk, status="suspended", reason="Checking"
    )
    assert _check(document) == Outcome.SUSPENDED
    services.document_status_change(actor=interior, document_id=document.pk, status="valid", reason="Checked")
    assert _check(document) == Outcome.VALID


def test_expiry_and_key_rotation(admitted, interior, make_actor):
    from herzen.core.actor import Role

    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    assert _check(document, now=document.valid_until + timedelta(seconds=1)) == Outcome.EXPIRED
    admin = make_actor(interior.organisation, Role.ORGANISATION_ADMIN)
    new_key = services.seal_key_rotate(actor=admin)
    later = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    assert later.kid == new_key.kid != document.kid
    assert _check(document) == Outcome.VALID  # the retired key still verifies what it sealed
    assert _check(later) == Outcome.VALID
    assert later.sequence == document.sequence + 1


def test_the_pdf_carries_the_qr_and_a_pades_signature(admitted, interior):
    import io

    import zxingcpp
    from PIL import Image
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from herzen.documents import keystore
    from herzen.documents.pdf import qr_png, render_pdf, sign_pdf

    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    signed = sign_pdf(
        render_pdf(document, verify_url="https://herzen.example/verify/"), keystore.file_signer(document.kid)
    )

    reader = PdfFileReader(io.BytesIO(signed))
    (signature,) = reader.embedded_signatures
    assert signature.field_name == "HerzenSeal"
    status = validate_pdf_signature(signature)
    assert status.intact
    assert (
        status.valid
    )  # the signature is sound; trust in the self-signed certificate comes from the trust list
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(document.token))))
    assert found.text == document.token
    assert _check_text(found.text) == Outcome.VALID


def _check_text(text):
    return verify(
        text,
        trust=selectors.current_trust_list(),
        revoked=selectors.status_bitstring("revocation"),
        suspended=selectors.status_bitstring("suspension"),
        now=timezone.now(),
    ).outcome


def test_the_command_verifies_text_a_qr_image_and_the_pdf(admitted, interior, tmp_path):
    import json

    from django.core.management import CommandError, call_command

    from herzen.documents import keystore
    from herzen.documents.pdf import qr_png, render_pdf, sign_pdf

    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    png = tmp_path / "seal.png"
    png.write_bytes(qr_png(document.token))
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(
        sign_pdf(render_pdf(document, verify_url="https://x/verify/"), keystore.file_signer(document.kid))
    )
    for argument in (document.token, str(png), str(pdf)):
        out = io.StringIO()
        call_command("documents", "verify", argument, "--json", stdout=out)
        assert json.loads(out.getvalue())["outcome"] == "valid"
    services.document_status_change(actor=interior, document_id=document.pk, status="revoked", reason="Lost")
    with pytest.raises(CommandError, match="revoked"):
        call_command("documents", "verify", str(png), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Not a valid Herzen seal"):
        call_command("documents", "verify", "garbage", stdout=io.StringIO())


def test_the_command_refuses_a_downloaded_status_list_with_a_flipped_bit(admitted, interior, tmp_path):
    import base64
    import json

    from django.core.management import CommandError, call_command

    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    services.document_status_change(actor=interior, document_id=document.pk, status="revoked", reason="Lost")
    signed = selectors.signed_status_list("revocation", "https://x/.well-known/herzen/status/revocation")
    downloaded = tmp_path / "revocation.json"
    downloaded.write_text(json.dumps(signed))
    with pytest.raises(CommandError, match="revoked"):  # the genuine list: revoked
        call_command(
            "documents", "verify", document.token, "--revocation", str(downloaded), stdout=io.StringIO()
        )
    credential = json.loads(base64.urlsafe_b64decode(signed["payload"] + "=="))
    bits = Bitstring.decode(credential["credentialSubject"]["encodedList"])
    bits.set(document.status_index, False)  # someone un-revokes the document on the way
    credential["credentialSubject"]["encodedList"] = bits.encode()
    signed["payload"] = base64.urlsafe_b64encode(json.dumps(credential).encode()).decode().rstrip("=")
    downloaded.write_text(json.dumps(signed))
    out = io.StringIO()
    with pytest.raises(CommandError, match="REFUSED, nothing verified: The revocation list is not signed"):
        call_command("documents", "verify", document.token, "--revocation", str(downloaded), stdout=out)
    assert "valid" not in out.getvalue()


def test_the_command_prints_the_operators_key_and_the_trust_list(admitted, interior):
    import json

    from django.core.management import call_command

    services.document_issue(actor=interior, document_type="admission_notice", application_id=admitted.pk)
    key = io.StringIO()
    call_command("documents", "operator-key", "--create", stdout=key)
    assert key.getvalue().startswith("-----BEGIN PUBLIC KEY-----")
    listed = io.StringIO()
    call_command("documents", "trust-list", stdout=listed)
    assert set(json.loads(listed.getvalue())) == {"protected", "payload", "signature"}


def test_the_command_rotates_a_key_for_an_admin_only(admitted, interior, make_actor):
    from django.core.management import CommandError, call_command

    from herzen.core.actor import Role

    organisation = str(interior.organisation.pk)
    with pytest.raises(CommandError):
        call_command(
            "documents", "rotate-key", "--user", interior.user.username, "--organisation", organisation
        )
    admin = make_actor(interior.organisation, Role.ORGANISATION_ADMIN)
    out = io.StringIO()
    call_command(
        "documents", "rotate-key", "--user", admin.user.username, "--organisation", organisation, stdout=out
    )
    assert (
        SealKey.objects.get(organisation=interior.organisation, retired_at__isnull=True).kid in out.getvalue()
    )


def test_seal_codes_are_short_and_unique():
    from herzen.documents.types import DOCUMENT_TYPES, SEAL_CODES

    assert len(SEAL_CODES) == len(DOCUMENT_TYPES)
    assert max(len(code) for code in SEAL_CODES) <= 4  # what the size test of the domain assumes
