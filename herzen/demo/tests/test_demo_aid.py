"""The demo's aid: a programme whose grants stand in every state the pages show, and books that balance."""

import pytest
from django.utils import timezone

from herzen.aid import ledger
from herzen.aid.models import Grant, Payout, Programme
from herzen.demo.aid import write_aid
from herzen.demo.generator import generate
from herzen.demo.staffing import ensure_demo_staff
from herzen.domain.accounting import AccountKind

pytestmark = pytest.mark.django_db


def test_the_demo_programme_has_grants_in_every_state_and_balanced_books():
    staff = ensure_demo_staff()
    generate(organisations=staff.writers(), households=10, seed=5, today=timezone.localdate())

    lines = write_aid(staff.ngo_staff())

    assert lines
    programme = Programme.objects.first()
    assert set(Grant.objects.filter(programme=programme).values_list("status", flat=True)) == {
        "proposed",
        "approved",
    }
    states = set(Payout.objects.filter(tranche__grant__programme=programme).values_list("state", flat=True))
    assert states == {"confirmed", "rerouted", "proposed"}
    balances = ledger.balances(programme)
    assert balances[AccountKind.PAID.value] > 0
    assert write_aid(staff.ngo_staff()) == []  # run again: nothing is written twice
