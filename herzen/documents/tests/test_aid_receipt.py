"""An aid receipt: a sealed paper stating a confirmed payout, issued only by the organisation that paid it."""

import pytest
from django.utils import timezone

from herzen.aid.payout_services import payout_approve, payout_confirm, payout_propose, payout_send
from herzen.aid.tests.conftest import approved_grant, household_case, programme  # noqa: F401 (fixtures)
from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.documents import selectors, services
from herzen.documents.pdf import render_pdf
from herzen.domain.aid.crypto_addresses import eip55
from herzen.domain.seals import Outcome, holder_hash, parse, verify

ADDRESS = eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")


def _check(document):
    return verify(
        document.token,
        trust=selectors.current_trust_list(),
        revoked=selectors.status_bitstring("revocation"),
        suspended=selectors.status_bitstring("suspension"),
        now=timezone.now(),
    ).outcome


def _sent(actor, grant):
    tranche = grant.tranches.get(number=1)
    payout = payout_propose(actor=actor, tranche_id=tranche.pk, channel="crypto",
                            details={"network": "ethereum", "address": ADDRESS})  # fmt: skip
    payout_approve(actor=actor, payout_id=payout.pk)
    return payout_send(actor=actor, payout_id=payout.pk)


@pytest.fixture
def confirmed(approved_grant, caseworker_a):  # noqa: F811 (the fixture imported above)
    payout = _sent(caseworker_a, approved_grant)
    return payout_confirm(actor=caseworker_a, payout_id=payout.pk, proof="0x" + "ab" * 32)


def test_the_paying_organisation_issues_a_receipt_that_verifies_and_revokes(confirmed, caseworker_a):
    document = services.document_issue(
        actor=caseworker_a, document_type="aid_receipt", payout_id=confirmed.pk
    )

    assert document.payout_id == confirmed.pk
    assert document.case_id == confirmed.tranche.grant.case_id
    assert document.person_id == confirmed.tranche.grant.payee_id  # the one who received the money
    assert document.holder_name == "Петрова Анна Игоревна"
    # Minimal disclosure: programme, amount and currency, date, reference; never the channel or the account.
    assert document.facts == {
        "case_reference": confirmed.tranche.grant.case.reference,
        "programme": "Winter 2026",
        "amount": str(confirmed.tranche.amount),
        "currency": "EUR",
        "paid_on": confirmed.settled_on.isoformat(),
        "payout_reference": confirmed.reference,
    }
    seal = parse(document.token)
    assert seal.claims.document_type == "aid"
    assert seal.claims.holder_hash == holder_hash(
        seal.claims.salt, document.holder_name, document.holder_birth_date
    )
    assert len(document.token) <= 300
    assert _check(document) == Outcome.VALID
    assert AuditEvent.objects.filter(action="document.issue", target_id=str(document.pk)).exists()
    pdf = render_pdf(document, verify_url="https://x/verify/")
    assert pdf.startswith(b"%PDF")

    with pytest.raises(Conflict):  # one receipt per payout while it stands
        services.document_issue(actor=caseworker_a, document_type="aid_receipt", payout_id=confirmed.pk)
    services.document_status_change(
        actor=caseworker_a, document_id=document.pk, status="revoked", reason="Typo"
    )
    assert _check(document) == Outcome.REVOKED
    again = services.document_issue(actor=caseworker_a, document_type="aid_receipt", payout_id=confirmed.pk)
    assert _check(again) == Outcome.VALID


def test_another_organisation_cannot_issue_a_receipt_for_a_payout_it_did_not_make(confirmed, caseworker_b):
    with pytest.raises(NotFound):
        services.document_issue(actor=caseworker_b, document_type="aid_receipt", payout_id=confirmed.pk)


def test_a_payout_not_confirmed_gets_no_receipt(approved_grant, caseworker_a):  # noqa: F811
    sent = _sent(caseworker_a, approved_grant)
    with pytest.raises(Conflict, match="confirmed"):
        services.document_issue(actor=caseworker_a, document_type="aid_receipt", payout_id=sent.pk)
    with pytest.raises(Invalid):
        services.document_issue(actor=caseworker_a, document_type="aid_receipt", payout_id=None)


def test_an_authority_cannot_issue_an_aid_receipt(confirmed, interior):
    with pytest.raises(PermissionDenied):
        services.document_issue(actor=interior, document_type="aid_receipt", payout_id=confirmed.pk)


def test_the_payout_receipt_action_issues_and_shows_the_receipt(confirmed, caseworker_a, caseworker_b):
    from django.test import Client

    from herzen.accounts.tests.helpers import login_with_mfa
    from herzen.documents.models import IssuedDocument

    stranger = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), caseworker_b.user)
    assert stranger.post(f"/aid/payouts/{confirmed.pk}/receipt/").status_code == 404
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), caseworker_a.user)
    response = client.post(f"/aid/payouts/{confirmed.pk}/receipt/")
    document = IssuedDocument.objects.get(payout=confirmed)
    assert response["Location"] == f"/documents/{document.pk}/"
    assert "Receipt for aid received" in client.get(response["Location"]).content.decode()
    pdf = client.get(f"/documents/{document.pk}/pdf/")
    assert b"/ByteRange" in pdf.content  # PAdES-signed
    again = client.post(f"/aid/payouts/{confirmed.pk}/receipt/", follow=True)
    assert "already has a receipt" in again.content.decode()


def test_the_grant_page_offers_the_receipt_of_a_confirmed_payout_then_links_to_it(confirmed, caseworker_a):
    from django.test import Client

    from herzen.accounts.tests.helpers import login_with_mfa
    from herzen.documents.models import IssuedDocument

    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), caseworker_a.user)
    grant_page = f"/aid/grants/{confirmed.tranche.grant_id}/"
    receipt_action = f"/aid/payouts/{confirmed.pk}/receipt/"

    before = client.get(grant_page).content.decode()
    client.post(receipt_action)
    after = client.get(grant_page).content.decode()

    assert receipt_action in before
    document = IssuedDocument.objects.get(payout=confirmed)
    assert f"/documents/{document.pk}/" in after
    assert f"Sealed receipt {document.number}" in after
    assert receipt_action not in after
