"""The full-data variant (ICAO VDS-NC JSON) of a visa confirmation: issued, rendered as a QR, decoded with
zxing-cpp, verified; refused when changed, revoked when revoked."""

import io
import json

import pytest
import zxingcpp
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image

from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.documents import selectors, services
from herzen.documents.pdf import full_data_qr_png
from herzen.domain.seals import Outcome, verify_full
from herzen.pathways.tests.factories import make_application


def _check(text):
    return verify_full(
        text,
        trust=selectors.current_trust_list(),
        revoked=selectors.status_bitstring("revocation"),
        suspended=selectors.status_bitstring("suspension"),
        now=timezone.now(),
    )


@pytest.fixture
def visa(open_regimes, caseworker_a, actor_for, today, authorities):
    application = walk(
        make_application(caseworker_a, make_case(caseworker_a)),
        target="visa_issued",
        actor_for=actor_for("DE"),
        today=today,
    )
    consulate = authorities("DE")["embassy_consulate"]
    return services.document_issue(
        actor=consulate, document_type="visa_confirmation", application_id=application.pk
    ), consulate


def test_the_full_data_seal_round_trips_through_a_qr_image(visa, tmp_path):
    document, consulate = visa
    text = selectors.full_data_seal(document)

    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(full_data_qr_png(text))))
    result = _check(found.text)

    assert found.text == text
    assert result.outcome == Outcome.VALID
    assert result.issuer.organisation == consulate.organisation.name
    assert result.message["uvci"] == document.number
    assert result.message["nam"] == document.holder_name_latin
    assert result.message["t"] == "visa"
    assert result.message["valid_until"] == document.facts["valid_until"]
    seal = json.loads(text)
    assert seal["data"]["hdr"] == {"t": "icao.herzen", "v": 1, "is": "DEU"}
    # The command line reads it from the picture too, and shows the data.
    png = tmp_path / "full.png"
    png.write_bytes(full_data_qr_png(text))
    out = io.StringIO()
    call_command("documents", "verify", str(png), "--json", stdout=out)
    assert json.loads(out.getvalue())["data.uvci"] == document.number

    changed = text.replace(document.holder_name_latin, "IVANOV IVAN")
    assert _check(changed).outcome == Outcome.FORGED
    assert _check("{nonsense").outcome == Outcome.NOT_A_SEAL

    services.document_status_change(actor=consulate, document_id=document.pk, status="revoked", reason="Lost")
    assert _check(text).outcome == Outcome.REVOKED
    with pytest.raises(CommandError, match="revoked"):
        call_command("documents", "verify", text, stdout=io.StringIO())


def test_only_the_types_that_offer_it_have_a_full_data_seal(admitted, interior):
    notice = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    with pytest.raises(ValueError, match="no full-data seal"):
        selectors.full_data_seal(notice)


def test_the_pdf_carries_the_full_data_seal_only_when_asked(visa):
    from django.test import Client

    from herzen.accounts.tests.helpers import login_with_mfa

    document, consulate = visa
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), consulate.user)
    assert "full-data seal" in client.get(f"/documents/{document.pk}/").content.decode()
    plain = client.get(f"/documents/{document.pk}/pdf/").content
    full = client.get(f"/documents/{document.pk}/pdf/?full=1").content
    assert len(full) > len(plain)
    assert b"/ByteRange" in full
