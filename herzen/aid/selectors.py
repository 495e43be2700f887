"""Reading aid records, scoped to the actor's organisation (a funder organisation: the programmes it funds)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from herzen.aid.models import Grant, PaymentFile, Payout, Programme, SanctionsHit, Tranche
from herzen.aid.permissions import can_read_aid
from herzen.aid.reports import funded_programmes
from herzen.cases.models import Case
from herzen.cases.selectors import case_screening_facts
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.aid.grants import GrantCalculation, calculate_grant, load_programme_rules
from herzen.domain.references import normalise_reference
from herzen.domain.rules import VOCABULARY
from herzen.people.models import HouseholdMember, Person


def programme_list(*, actor: Actor) -> list[Programme]:
    funded = funded_programmes(actor)
    if funded:
        return funded
    if not can_read_aid(actor):
        return []
    return list(Programme.objects.for_actor(actor).select_related("funder").order_by("-starts_on", "title"))


def programme_get(*, actor: Actor, programme_id: object) -> Programme:
    """The organisation's own programme, or one its funder organisation finances (aggregates only)."""
    funded = [p for p in funded_programmes(actor) if str(p.pk) == str(programme_id)]
    if funded:
        return funded[0]
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(Programme.objects.select_related("funder"), actor, programme_id)


def programme_grants(*, actor: Actor, programme: Programme) -> QuerySet[Grant]:
    """The grants of a programme with their payees, for the organisation's staff (never a funder)."""
    if programme.organisation_id != actor.organisation_id:
        return Grant.objects.none()
    return Grant.objects.for_actor(actor).filter(programme=programme).select_related("payee", "case")


def grant_get(*, actor: Actor, grant_id: object) -> Grant:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(
        Grant.objects.select_related("programme", "payee", "case", "proposed_by", "decided_by"),
        actor,
        grant_id,
    )


def sanctions_hit_list(*, actor: Actor) -> list[SanctionsHit]:
    """The organisation's hits still to be decided, oldest first (they hold payouts)."""
    if not can_read_aid(actor):
        return []
    return list(
        SanctionsHit.objects.for_actor(actor)
        .filter(decision=SanctionsHit.Decision.OPEN)
        .select_related("person")
        .order_by("created_at")[:200]
    )


def sanctions_hit_get(*, actor: Actor, hit_id: object) -> SanctionsHit:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(SanctionsHit.objects.select_related("person"), actor, hit_id)


def grant_calculate(*, actor: Actor, programme: Programme, case: Case, today: date) -> GrantCalculation:
    """What the programme's rules give the case's household today, explained (nothing is written)."""
    facts = case_screening_facts(actor=actor, case=case, today=today)
    rules = load_programme_rules(programme.rules, programme.currency)
    known = {name: value for name, value in facts.items() if name in VOCABULARY}
    return calculate_grant(rules, known, as_of=today)


def running_programmes(*, actor: Actor, today: date) -> list[Programme]:
    """The organisation's programmes a grant can be proposed from today (staff only)."""
    if not can_read_aid(actor):
        return []
    return list(
        Programme.objects.for_actor(actor).filter(starts_on__lte=today, ends_on__gte=today).order_by("title")
    )


def grant_case_find(*, actor: Actor, reference: str) -> Case | None:
    """The organisation's case with this reference number (as typed, in any case or spacing), or None."""
    normalised = normalise_reference(reference)
    if normalised is None or not can_read_aid(actor):
        return None
    return Case.objects.for_actor(actor).filter(reference=normalised).first()


def grant_case_get(*, actor: Actor, case_id: object) -> Case:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(Case.objects.select_related("household"), actor, case_id)


def household_payees(*, actor: Actor, case: Case) -> list[Person]:
    """Who may receive a grant for the case: the members of its household."""
    return [
        member.person
        for member in HouseholdMember.objects.for_actor(actor)
        .filter(household_id=case.household_id)
        .select_related("person")
    ]


def tranche_get(*, actor: Actor, tranche_id: object) -> Tranche:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(Tranche.objects.select_related("grant__programme", "grant__payee"), actor, tranche_id)


def payout_get(*, actor: Actor, payout_id: object) -> Payout:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(
        Payout.objects.select_related("tranche__grant__programme", "tranche__grant__payee"), actor, payout_id
    )


def grant_payouts(*, actor: Actor, grant: Grant) -> dict[object, list[Payout]]:
    """The grant's payouts per tranche id, oldest first."""
    by_tranche: dict[object, list[Payout]] = {}
    for payout in Payout.objects.for_actor(actor).filter(tranche__grant=grant).order_by("created_at"):
        by_tranche.setdefault(payout.tranche_id, []).append(payout)
    return by_tranche


def payment_file_list(*, actor: Actor, programme: Programme) -> list[PaymentFile]:
    if programme.organisation_id != actor.organisation_id or not can_read_aid(actor):
        return []
    return list(PaymentFile.objects.for_actor(actor).filter(programme=programme).order_by("-created_at")[:20])


def payment_file_get(*, actor: Actor, payment_file_id: object) -> PaymentFile:
    if not can_read_aid(actor):
        raise NotFound()
    return get_scoped(PaymentFile.objects.select_related("programme"), actor, payment_file_id)
