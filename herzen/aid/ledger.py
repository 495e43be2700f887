"""The books in the database: post balanced entries, keep each account's balance, verify them.

`post` checks the entry in the domain (herzen.domain.accounting), then writes the entry, its postings and the
accounts' new balances in the caller's transaction; PostgreSQL checks the balance once more at commit.
Accounts are locked in a fixed order (by id) so two postings to the same accounts never deadlock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BigIntegerField, Case, F, Sum, Value, When
from django.utils import timezone

from herzen.aid.models import LedgerAccount, LedgerEntry, LedgerPosting, Programme
from herzen.core.actor import Actor
from herzen.domain.accounting import (
    AccountKind,
    Discrepancy,
    FxRate,
    Posting,
    check_balanced,
    verify,
)


@dataclass(frozen=True)
class Leg:
    kind: AccountKind
    amount: int  # minor units, positive debit
    currency: str


def accounts_of(
    programme: Programme, keys: Iterable[tuple[AccountKind, str]]
) -> dict[tuple[str, str], LedgerAccount]:
    wanted = set(keys)
    found = {
        (account.kind, account.currency): account
        for account in LedgerAccount.objects.filter(programme=programme)
    }
    for kind, code in wanted - set(found):
        account, _ = LedgerAccount.objects.get_or_create(
            programme=programme,
            kind=kind.value,
            currency=code,
            defaults={"organisation_id": programme.organisation_id},
        )
        found[(kind.value, code)] = account
    return found


@dataclass(frozen=True)
class Draft:
    """One journal entry to post: its legs, what it is about, and (for a correction or a conversion) more."""

    memo: str
    legs: Sequence[Leg]
    payout: object = None
    grant: object = None
    reverses: LedgerEntry | None = None
    fx: FxRate | None = None


def post(
    *,
    actor: Actor,
    programme: Programme,
    memo: str,
    legs: Sequence[Leg],
    payout: object = None,
    grant: object = None,
    reverses: LedgerEntry | None = None,
    fx: FxRate | None = None,
) -> LedgerEntry:
    """One balanced journal entry for a programme. Raises UnbalancedEntry before writing anything."""
    draft = Draft(memo, legs, payout, grant, reverses, fx)
    return post_many(actor=actor, programme=programme, drafts=[draft])[0]


def post_many(*, actor: Actor, programme: Programme, drafts: Sequence[Draft]) -> list[LedgerEntry]:
    """Balanced journal entries for a programme, written together: every entry is checked in the domain before
    anything is written, then the touched accounts are locked once (in id order), the entries and all their
    postings are inserted in one statement each, and each account's kept balance is updated once. A batch of
    payouts costs the same handful of statements as one; PostgreSQL still checks every entry at commit."""
    for draft in drafts:
        check_balanced(tuple(Posting(leg.kind.value, leg.amount, leg.currency) for leg in draft.legs))
    accounts = accounts_of(programme, {(leg.kind, leg.currency) for draft in drafts for leg in draft.legs})
    moved: dict[object, int] = {}
    for draft in drafts:
        for leg in draft.legs:
            key = accounts[(leg.kind.value, leg.currency)].pk
            moved[key] = moved.get(key, 0) + leg.amount
    with transaction.atomic(savepoint=False):  # part of the caller's transaction; no savepoint round trips
        list(
            LedgerAccount.objects.select_for_update()
            .filter(pk__in=sorted(moved))
            .order_by("pk")
            .values_list("pk")
        )
        today, now = timezone.localdate(), timezone.now()
        entries = [
            LedgerEntry(
                created_at=now,
                updated_at=now,
                organisation_id=programme.organisation_id,
                programme_id=programme.pk,
                effective_on=today,
                memo=draft.memo[:300],
                payout_id=getattr(draft.payout, "pk", None),
                grant_id=getattr(draft.grant, "pk", None),
                reverses_id=getattr(draft.reverses, "pk", None),
                fx_rate=draft.fx.rate if draft.fx else None,
                fx_source=draft.fx.source if draft.fx else "",
                fx_quoted_on=draft.fx.quoted_on if draft.fx else None,
                created_by_id=actor.user.pk,
            )
            for draft in drafts
        ]
        _insert_entries(entries)
        _insert_postings(
            (entry.pk, accounts[(leg.kind.value, leg.currency)].pk, leg.amount, leg.currency)
            for entry, draft in zip(entries, drafts, strict=True)
            for leg in draft.legs
        )
        changed = {key: amount for key, amount in moved.items() if amount}
        if changed:  # every account's kept balance in one statement
            LedgerAccount.objects.filter(pk__in=list(changed)).update(
                balance=F("balance")
                + Case(
                    *(When(pk=key, then=Value(amount)) for key, amount in changed.items()),
                    output_field=BigIntegerField(),
                )
            )
    return entries


def _insert_entries(entries: list[LedgerEntry]) -> None:
    """Insert new entries (their ids and times already set). PostgreSQL takes them by COPY, straight from the
    instances' values; elsewhere in one bulk INSERT."""
    if connection.vendor != "postgresql":
        LedgerEntry.objects.bulk_create(entries)
        return
    fields = LedgerEntry._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY aid_ledgerentry ({columns}) FROM STDIN") as copy:
        for entry in entries:
            copy.write_row([getattr(entry, field.attname) for field in fields])
    for entry in entries:
        entry._state.adding = False
        entry._state.db = connection.alias


def _insert_postings(rows: Iterable[tuple[object, object, int, str]]) -> None:
    """Insert postings (entry id, account id, amount, currency). PostgreSQL takes them by COPY, the cheapest way
    in (its row triggers fire as for INSERT: each entry's balance is still checked at commit); elsewhere in one
    bulk INSERT."""
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.copy("COPY aid_ledgerposting (entry_id, account_id, amount, currency) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    LedgerPosting.objects.bulk_create(
        LedgerPosting(entry_id=entry, account_id=account, amount=amount, currency=code)
        for entry, account, amount, code in rows
    )


def move(
    *,
    actor: Actor,
    programme: Programme,
    memo: str,
    source: AccountKind,
    target: AccountKind,
    amount: int,
    **links: object,
) -> LedgerEntry:
    code = programme.currency
    return post(
        actor=actor,
        programme=programme,
        memo=memo,
        legs=[Leg(source, -amount, code), Leg(target, amount, code)],
        **links,  # type: ignore[arg-type]
    )


def reverse(*, actor: Actor, entry: LedgerEntry, memo: str = "") -> LedgerEntry:
    """The reversing entry: every posting negated. The original stays untouched (PostgreSQL refuses changes)."""
    legs = [
        Leg(AccountKind(posting.account.kind), -posting.amount, posting.currency)
        for posting in entry.postings.select_related("account")
    ]
    return post(
        actor=actor,
        programme=entry.programme,
        memo=memo or f"reversal of {entry.pk}",
        legs=legs,
        reverses=entry,
        payout=entry.payout,
        grant=entry.grant,
    )


def balances(programme: Programme) -> dict[str, int]:
    """Each account kind's kept balance in the programme's currency."""
    return {
        account.kind: account.balance
        for account in LedgerAccount.objects.filter(programme=programme, currency=programme.currency)
    }


def verify_books() -> list[Discrepancy]:
    """Every account whose kept balance differs from the sum of its postings, over the whole database."""
    kept = {
        (str(pk), code): balance
        for pk, code, balance in LedgerAccount.objects.values_list("pk", "currency", "balance")
    }
    summed = {
        (str(row["account_id"]), row["currency"]): row["total"]
        for row in LedgerPosting.objects.values("account_id", "currency").annotate(total=Sum("amount"))
        if row["total"]
    }
    return verify(kept, summed)


def unbalanced_entries() -> list[str]:
    """Entries whose postings do not sum to zero per currency (none can exist on PostgreSQL; SQLite is checked)."""
    rows = (
        LedgerPosting.objects.values("entry_id", "currency")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .values_list("entry_id", flat=True)
    )
    return sorted({str(entry_id) for entry_id in rows})


def database_enforces_balance() -> bool:
    return connection.vendor == "postgresql"
