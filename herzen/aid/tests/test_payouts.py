"""Payouts end to end in the services: SEPA file, a rejected line re-opening exactly its payout, re-routing to
cash with a signed receipt, crypto and operator proof, and the sanctions hold."""

from datetime import date

import pytest
from lxml import etree

from herzen.aid import ledger
from herzen.aid.models import Payout, SanctionsHit
from herzen.aid.payment_files import (
    local_bank_file_create,
    pain001_schema,
    payment_file_content,
    sepa_file_create,
    status_report_import,
)
from herzen.aid.payout_services import (
    payout_approve,
    payout_confirm,
    payout_propose,
    payout_reroute,
    payout_send,
)
from herzen.aid.sanctions_services import sanctions_hit_decide, sanctions_list_import
from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.domain.accounting import AccountKind
from herzen.domain.aid.crypto_addresses import eip55
from herzen.evidence.tests.factories import make_upload
from herzen.notifications.models import Notification
from herzen.people.tests.factories import make_household, make_person

from .conftest import LISTS

pytestmark = pytest.mark.django_db
SEPA = {"account_holder": "Anna Petrova", "iban": "DE02120300000000202051", "bic": "BYLADEM1001"}


def _sepa_payout(actor, grant, number=1, details=SEPA):
    tranche = grant.tranches.get(number=number)
    payout = payout_propose(actor=actor, tranche_id=tranche.pk, channel="sepa", details=details)
    return payout_approve(actor=actor, payout_id=payout.pk)


def _pain002(accepted, rejected):
    text = (LISTS / "pain002_one_rejected.xml").read_text()
    return text.format(ACCEPTED=accepted, REJECTED=rejected).encode()


def test_sepa_batch_then_one_rejected_line_reopens_exactly_that_payout_and_cash_pays_it(
    approved_grant, programme, caseworker_a
):
    first = _sepa_payout(caseworker_a, approved_grant, 1)
    second = _sepa_payout(caseworker_a, approved_grant, 2)
    payment_file = sepa_file_create(actor=caseworker_a, programme_id=programme.pk)
    pain001_schema().assertValid(etree.fromstring(payment_file_content(payment_file)))
    assert {p.state for p in Payout.objects.filter(pk__in=[first.pk, second.pk])} == {"sent"}
    assert ledger.balances(programme)[AccountKind.IN_TRANSIT.value] == 300_00

    summary = status_report_import(
        actor=caseworker_a, content=_pain002(first.reference, second.reference), kind="pain.002"
    )
    assert (summary.failed, summary.unmatched) == (1, ())
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state, second.failure_reason) == ("sent", "failed", "AC04")
    assert ledger.balances(programme)[AccountKind.RETURNED.value] == 150_00
    assert Notification.objects.filter(kind="payout_failed", recipient=caseworker_a.user).exists()

    cash = payout_reroute(
        actor=caseworker_a, payout_id=second.pk, channel="cash", details={"recipient": "Анна Петрова"}
    )
    assert cash.rerouted_from_id == second.pk
    payout_approve(actor=caseworker_a, payout_id=cash.pk)
    payout_send(actor=caseworker_a, payout_id=cash.pk)
    with pytest.raises(Invalid):
        payout_confirm(actor=caseworker_a, payout_id=cash.pk)  # no signed receipt
    cash = payout_confirm(actor=caseworker_a, payout_id=cash.pk, receipt_file=make_upload(name="receipt.pdf"))
    assert cash.state == "confirmed"
    assert cash.receipt is not None
    balances = ledger.balances(programme)
    assert balances[AccountKind.PAID.value] == 150_00
    assert balances[AccountKind.RETURNED.value] == 0
    assert balances[AccountKind.IN_TRANSIT.value] == 150_00  # the first is still on its way
    assert not ledger.verify_books()


def test_camt054_confirms_and_returns(approved_grant, programme, caseworker_a):
    payout = _sepa_payout(caseworker_a, approved_grant, 1)
    sepa_file_create(actor=caseworker_a, programme_id=programme.pk)
    text = (LISTS / "camt054_return.xml").read_text().replace("{RETURNED}", payout.reference)
    summary = status_report_import(actor=caseworker_a, content=text.encode(), kind="camt.054")
    assert summary.failed == 1
    with pytest.raises(Invalid):
        status_report_import(actor=caseworker_a, content=b"<nonsense/>", kind="camt.054")


def test_crypto_needs_a_valid_address_and_a_transaction_hash(approved_grant, caseworker_a):
    tranche = approved_grant.tranches.get(number=1)
    with pytest.raises(Invalid) as bad:
        payout_propose(actor=caseworker_a, tranche_id=tranche.pk, channel="crypto",
                       details={"network": "ethereum", "address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"})  # fmt: skip
    assert "address" in bad.value.fields
    address = eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
    payout = payout_propose(actor=caseworker_a, tranche_id=tranche.pk, channel="crypto",
                            details={"network": "ethereum", "address": address})  # fmt: skip
    payout_approve(actor=caseworker_a, payout_id=payout.pk)
    payout_send(actor=caseworker_a, payout_id=payout.pk)
    with pytest.raises(Invalid):
        payout_confirm(actor=caseworker_a, payout_id=payout.pk, proof="not a hash")
    done = payout_confirm(actor=caseworker_a, payout_id=payout.pk, proof="0x" + "ab" * 32)
    assert done.proof == "0x" + "ab" * 32


def test_local_bank_csv_for_georgia(approved_grant, programme, caseworker_a):
    tranche = approved_grant.tranches.get(number=1)
    details = {
        "country": "GE",
        "account_holder": "Anna",
        "bank_name": "TBC",
        "iban": "GE29NB0000000101904917",
    }
    payout = payout_propose(actor=caseworker_a, tranche_id=tranche.pk, channel="local_bank", details=details)
    payout_approve(actor=caseworker_a, payout_id=payout.pk)
    payment_file = local_bank_file_create(actor=caseworker_a, programme_id=programme.pk, country="GE")
    assert payout.reference in payment_file_content(payment_file).decode()
    assert "150.00,EUR" in payment_file_content(payment_file).decode()


def test_a_listed_payee_is_held_until_a_compliance_officer_clears_with_a_reason(
    programme, caseworker_a, supervisor_a, compliance_a
):
    from herzen.aid import services
    from herzen.cases.tests.factories import make_case

    sanctions_list_import(actor=supervisor_a, source="eu", content=(LISTS / "eu_excerpt.xml").read_bytes())
    payee = make_person(caseworker_a, surname="Щукин", given_name="Пётр", patronymic="Иванович", sex="M",
                        date_of_birth=date(1961, 3, 14))  # fmt: skip
    case = make_case(caseworker_a, household=make_household(caseworker_a, payee))
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    services.grant_decide(actor=supervisor_a, grant_id=grant.pk, approve=True)
    tranche = grant.tranches.get(number=1)
    payout = payout_propose(
        actor=caseworker_a, tranche_id=tranche.pk, channel="cash", details={"recipient": "П. Щукин"}
    )
    with pytest.raises(Conflict):
        payout_approve(actor=caseworker_a, payout_id=payout.pk)
    hit = SanctionsHit.objects.get(person=payee)
    assert hit.strength == "strong"
    assert hit.explanation[0]["values"]["entry"] == "900101"
    with pytest.raises(PermissionDenied):
        sanctions_hit_decide(actor=caseworker_a, hit_id=hit.pk, confirm=False, reason="another man")
    with pytest.raises(PermissionDenied):  # a supervisor is not a compliance officer
        sanctions_hit_decide(actor=supervisor_a, hit_id=hit.pk, confirm=False, reason="Not him")
    with pytest.raises(Invalid):
        sanctions_hit_decide(actor=compliance_a, hit_id=hit.pk, confirm=False, reason="  ")
    sanctions_hit_decide(
        actor=compliance_a, hit_id=hit.pk, confirm=False, reason="Passport seen: born in Tver, not Omsk"
    )
    assert AuditEvent.objects.filter(action="aid_sanctions_hit.decide", target_id=str(hit.pk)).exists()
    assert payout_approve(actor=caseworker_a, payout_id=payout.pk).state == "approved"
