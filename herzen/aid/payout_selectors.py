"""Reading payouts, payment files and programme aggregates for the aid API, scoped to the actor's organisation.

A funder organisation reads a programme's aggregates (kept balances, sums per month) and never a payout."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, prefetch_related_objects

from herzen.aid.models import PaymentFile, Payout, Programme, Tranche
from herzen.aid.permissions import can_read_aid
from herzen.aid.reports import Month, programme_months
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.accounting import AccountKind

PAYOUT_RELATED = (
    "tranche__grant__programme",
    "tranche__grant__payee",
    "tranche__grant__case",
    "payment_file",
    "rerouted_from",
)


@dataclass(frozen=True)
class Aggregates:
    """What a programme's money did, from the ledger: kept balances per account kind, sums per month."""

    balances: dict[str, int]
    months: list[Month]


def programme_balances(programme: Programme) -> dict[str, int]:
    """Each account kind's kept balance in the programme's currency (0 for an account not opened yet); reads
    `programme.accounts` prefetched when a list prefetched them."""
    kept = {kind.value: 0 for kind in AccountKind}
    for account in programme.accounts.all():
        if account.currency == programme.currency:
            kept[account.kind] = account.balance
    return kept


def programme_list_aggregates(*, actor: Actor, programmes: list[Programme]) -> list[Programme]:
    """The programmes (already scoped to the actor by `selectors.programme_list`) with their accounts."""
    if programmes and actor.organisation_id is None:
        raise NotFound()
    prefetch_related_objects(programmes, "accounts")
    return programmes


def programme_aggregates(*, actor: Actor, programme: Programme) -> Aggregates:
    """Balances and months of a programme the actor may read (selectors.programme_get scoped it)."""
    if actor.organisation_id is None:
        raise NotFound()
    return Aggregates(programme_balances(programme), programme_months(programme))


def payout_list(*, actor: Actor, programme: Programme) -> QuerySet[Payout]:
    """The programme's payouts, newest first, for the organisation's staff (a funder gets none)."""
    if programme.organisation_id != actor.organisation_id or not can_read_aid(actor):
        return Payout.objects.none()
    return (
        Payout.objects.for_actor(actor)
        .filter(tranche__grant__programme=programme)
        .select_related(*PAYOUT_RELATED)
        .order_by("-created_at", "id")
    )


def payout_get(*, actor: Actor, payout_id: object) -> Payout:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(Payout.objects.select_related(*PAYOUT_RELATED), actor, payout_id)


def tranche_get(*, actor: Actor, tranche_id: object) -> Tranche:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(Tranche.objects.select_related("grant__programme"), actor, tranche_id)


def payment_file_get(*, actor: Actor, payment_file_id: object) -> PaymentFile:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(PaymentFile.objects.select_related("programme"), actor, payment_file_id)


def payment_file_payouts(*, actor: Actor, payment_file: PaymentFile) -> list[Payout]:
    """The payouts a file carries (whose payees the file names)."""
    return list(
        Payout.objects.for_actor(actor)
        .filter(payment_file=payment_file)
        .select_related("tranche__grant__payee")
        .order_by("created_at")
    )
