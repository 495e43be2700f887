"""The aid pages end to end on the server side: a grant proposed from the explanation, payouts through their
channels with errors that keep what was typed, the SEPA file, a pain.002 that re-opens one payout, re-routing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.aid.models import Grant, Payout
from herzen.audit.models import AuditEvent
from herzen.evidence.tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[2] / "domain" / "aid" / "tests" / "fixtures"


def _client(actor):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    login_with_mfa(client, actor.user)
    return client


def test_a_grant_is_proposed_from_its_explanation_and_paid_after_a_rejected_sepa_line(
    programme, household_case, caseworker_a, supervisor_a
):
    case, payee = household_case
    worker = _client(caseworker_a)
    new = reverse("web:aid-grant-new")
    page = worker.get(new, {"programme": programme.pk, "case": case.pk}).content.decode()
    assert "450,00" in page or "450.00" in page  # the rules' total, explained before anything is written
    assert not Grant.objects.exists()
    response = worker.post(new, {"programme": programme.pk, "case": case.pk, "payee": payee.pk})
    grant = Grant.objects.get()
    assert response.status_code == 302
    grant_page = worker.get(reverse("web:aid-grant-detail", args=[grant.pk])).content.decode()
    assert 'id="four-eyes"' in grant_page
    assert (
        worker.post(reverse("web:aid-grant-decide", args=[grant.pk]), {"decision": "approve"}).status_code
        == 403
    )
    _client(supervisor_a).post(reverse("web:aid-grant-decide", args=[grant.pk]), {"decision": "approve"})

    tranche = grant.tranches.get(number=1)
    pay = reverse("web:aid-payout-new", args=[tranche.pk])
    typed = {"channel": "sepa", "account_holder": "Anna Petrova", "iban": "DE89370400440532013001", "bic": ""}
    refused = worker.post(pay, typed).content.decode()
    assert "IBAN" in refused
    assert "DE89370400440532013001" in refused
    assert not Payout.objects.exists()
    worker.post(pay, {**typed, "iban": "DE89 3704 0044 0532 0130 00"})
    payout = Payout.objects.get()
    worker.post(reverse("web:aid-payout-action", args=[payout.pk, "approve"]))
    worker.post(reverse("web:aid-sepa-file-create", args=[programme.pk]))
    payout.refresh_from_db()
    assert payout.state == "sent"
    download = worker.get(reverse("web:aid-payment-file", args=[payout.payment_file_id]))
    assert payout.reference.encode() in download.content
    assert b"pain.001" in download.content

    report = (
        (FIXTURES / "pain002_one_rejected.xml")
        .read_text()
        .format(ACCEPTED="HZUNKNOWN1", REJECTED=payout.reference)
    )
    upload = SimpleUploadedFile("status.xml", report.encode(), content_type="application/xml")
    shown = worker.post(
        reverse("web:aid-status-report"), {"kind": "pain.002", "file": upload}
    ).content.decode()
    assert payout.reference in shown
    assert "HZUNKNOWN1" in shown
    payout.refresh_from_db()
    assert payout.state == "failed"
    assert payout.failure_reason == "AC04"

    worker.post(pay, {"channel": "cash", "recipient": "Анна Петрова", "rerouted_from": str(payout.pk)})
    cash = Payout.objects.get(channel="cash")
    assert cash.rerouted_from_id == payout.pk
    worker.post(reverse("web:aid-payout-action", args=[cash.pk, "approve"]))
    worker.post(reverse("web:aid-payout-action", args=[cash.pk, "send"]))
    confirm = reverse("web:aid-payout-action", args=[cash.pk, "confirm"])
    prefix = f"c{cash.pk.hex[:8]}"
    without = worker.post(confirm, {})
    assert without.status_code == 200
    assert Payout.objects.get(pk=cash.pk).state == "sent"
    receipt = SimpleUploadedFile("receipt.pdf", PDF_BYTES, content_type="application/pdf")
    worker.post(confirm, {f"{prefix}-receipt": receipt})
    cash.refresh_from_db()
    assert cash.state == "confirmed"
    assert cash.receipt_id is not None
    assert AuditEvent.objects.filter(action="aid_payout.move", target_id=str(cash.pk)).count() == 3


def test_a_wrong_wallet_address_is_explained_in_russian_and_the_address_kept(approved_grant, caseworker_a):
    tranche = approved_grant.tranches.get(number=1)
    address = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv9"  # one letter off a valid Tron address
    with translation.override("ru"):
        page = _client(caseworker_a).post(
            reverse("web:aid-payout-new", args=[tranche.pk]),
            {"channel": "crypto", "network": "tron", "address": address},
        )
    text = page.content.decode()
    assert f'value="{address}"' in text  # what was typed stays in the box
    assert "Контрольная сумма адреса не совпадает" in text
    assert not Payout.objects.exists()
