"""Posting many entries at once (herzen.aid.ledger.post_many) books exactly what posting them one by one does,
and an unbalanced entry anywhere in the batch writes nothing."""

import pytest

from herzen.aid import ledger
from herzen.aid.models import LedgerEntry, LedgerPosting
from herzen.domain.accounting import AccountKind, UnbalancedEntry

pytestmark = pytest.mark.django_db


def _send(number, amount=150_00):
    return ledger.Draft(
        memo=f"payout {number} send",
        legs=[
            ledger.Leg(AccountKind.BUDGET, -amount, "EUR"),
            ledger.Leg(AccountKind.IN_TRANSIT, amount, "EUR"),
        ],
    )


def test_a_batch_books_what_single_postings_book(programme, supervisor_a):
    before = ledger.balances(programme)
    entries = ledger.post_many(
        actor=supervisor_a, programme=programme, drafts=[_send(n, 100 + n) for n in range(5)]
    )
    assert len({entry.pk for entry in entries}) == 5
    assert LedgerPosting.objects.filter(entry__in=entries).count() == 10
    after = ledger.balances(programme)
    moved = sum(100 + n for n in range(5))
    assert after[AccountKind.BUDGET.value] == before[AccountKind.BUDGET.value] - moved
    assert after[AccountKind.IN_TRANSIT.value] == moved
    assert not ledger.verify_books()
    assert not ledger.unbalanced_entries()


def test_one_unbalanced_entry_refuses_the_whole_batch(programme, supervisor_a):
    count = LedgerEntry.objects.count()
    lopsided = ledger.Draft(memo="wrong", legs=[ledger.Leg(AccountKind.BUDGET, -1, "EUR")])
    with pytest.raises(UnbalancedEntry):
        ledger.post_many(actor=supervisor_a, programme=programme, drafts=[_send(1), lopsided])
    assert LedgerEntry.objects.count() == count
    assert ledger.balances(programme).get(AccountKind.IN_TRANSIT.value, 0) == 0


def test_a_sepa_file_sends_each_payout_with_its_own_audit_event_and_entry(
    approved_grant, programme, caseworker_a
):
    from herzen.aid.models import Payout
    from herzen.aid.payment_files import sepa_file_create
    from herzen.aid.payout_services import payout_approve, payout_propose
    from herzen.audit.models import AuditEvent

    sepa = {"account_holder": "Anna Petrova", "iban": "DE02120300000000202051", "bic": "BYLADEM1001"}
    payouts = []
    for number in (1, 2):
        tranche = approved_grant.tranches.get(number=number)
        payout = payout_propose(actor=caseworker_a, tranche_id=tranche.pk, channel="sepa", details=sepa)
        payouts.append(payout_approve(actor=caseworker_a, payout_id=payout.pk))
    payment_file = sepa_file_create(actor=caseworker_a, programme_id=programme.pk)

    ids = [str(p.pk) for p in payouts]
    sent = Payout.objects.filter(pk__in=ids)
    assert {(p.state, p.payment_file_id, p.sent_on is not None) for p in sent} == {
        ("sent", payment_file.pk, True)
    }
    moves = AuditEvent.objects.filter(action="aid_payout.move", target_id__in=ids)
    sent_events = [
        target for target, fields in moves.values_list("target_id", "changed_fields") if "sent_on" in fields
    ]
    assert sorted(sent_events) == sorted(ids)
    entries = LedgerEntry.objects.filter(payout_id__in=ids, memo__endswith=" send")
    assert entries.count() == 2
    posted = AuditEvent.objects.filter(action="aid_ledger.post", target_id__in=[str(e.pk) for e in entries])
    assert posted.count() == 2
    assert ledger.balances(programme)[AccountKind.IN_TRANSIT.value] == 300_00
    assert not ledger.verify_books()


def test_a_held_payee_keeps_the_whole_file_back(approved_grant, programme, caseworker_a):
    from herzen.aid.models import Payout
    from herzen.aid.payment_files import sepa_file_create
    from herzen.aid.payout_services import payout_approve, payout_propose
    from herzen.aid.tests.world import make_sanctions_hit
    from herzen.core.exceptions import Conflict

    sepa = {"account_holder": "Anna Petrova", "iban": "DE02120300000000202051", "bic": "BYLADEM1001"}
    tranche = approved_grant.tranches.get(number=1)
    payout = payout_propose(actor=caseworker_a, tranche_id=tranche.pk, channel="sepa", details=sepa)
    payout_approve(actor=caseworker_a, payout_id=payout.pk)
    make_sanctions_hit(approved_grant.payee)
    with pytest.raises(Conflict):
        sepa_file_create(actor=caseworker_a, programme_id=programme.pk)
    assert Payout.objects.get(pk=payout.pk).state == "approved"
    assert ledger.balances(programme).get(AccountKind.IN_TRANSIT.value, 0) == 0
