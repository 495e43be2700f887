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
