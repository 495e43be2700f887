"""Sanctions lists imported from their published files, payees screened against them, hits decided by people.

Screening never refuses anyone. A hit holds the payee's payouts until a compliance officer clears it ("not the
listed person") or confirms it, always with a reason, both audited.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from functools import lru_cache

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.aid.audit_actions import HIT_DECIDE_FIELDS, HIT_FIELDS
from herzen.aid.models import SanctionsHit, SanctionsListImport
from herzen.aid.permissions import can_decide_sanctions_hit
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.aid.sanctions_lists import PARSERS, ListedName, ListedPerson, ListSource
from herzen.domain.aid.sanctions_matching import HitStrength, Payee, SanctionsIndex
from herzen.domain.names import FullName
from herzen.people.models import Person


@transaction.atomic
def sanctions_list_import(*, actor: Actor, source: str, content: bytes) -> SanctionsListImport:
    """Parse a published list file and keep its individuals; the newest import of each source is the one used."""
    list_source = ListSource(source)
    people = PARSERS[list_source](content)
    imported = SanctionsListImport.objects.create(
        source=list_source.value,
        entries=len(people),
        digest=hashlib.sha256(content).hexdigest(),
        people=[asdict(person) for person in people],
    )
    audit.record(actor=actor, action="aid_sanctions.import", target=imported,
                 changed_fields={"source", "entries", "digest", "people"})  # fmt: skip
    return imported


def _person_from(document: dict[str, object]) -> ListedPerson:
    names = tuple(ListedName(**name) for name in document["names"])  # type: ignore[attr-defined]
    return ListedPerson(
        source=ListSource(str(document["source"])),
        entry_id=str(document["entry_id"]),
        names=names,
        births=tuple(document["births"]),  # type: ignore[arg-type]
        nationalities=tuple(document["nationalities"]),  # type: ignore[arg-type]
    )


@lru_cache(maxsize=2)
def _index_of(import_ids: tuple[str, ...]) -> SanctionsIndex:
    people: list[ListedPerson] = []
    for imported in SanctionsListImport.objects.filter(pk__in=import_ids):
        people += [_person_from(document) for document in imported.people]
    return SanctionsIndex(people)


def current_index() -> SanctionsIndex:
    latest = []
    for source in ListSource:
        newest = SanctionsListImport.objects.filter(source=source.value).order_by("-created_at").first()
        if newest is not None:
            latest.append(str(newest.pk))
    return _index_of(tuple(sorted(latest)))


def payee_of(person: Person) -> Payee:
    return Payee(
        name=FullName(person.surname, person.given_name, person.patronymic or ""),
        born=person.date_of_birth,
        nationalities=frozenset(str(code) for code in person.citizenships),
    )


def screen_person(*, actor: Actor, person: Person) -> list[SanctionsHit]:
    """Record every hit of the person against the current lists (a hit already recorded is kept as decided)."""
    recorded = []
    for hit in current_index().screen(payee_of(person)):
        existing = SanctionsHit.objects.filter(
            person=person, source=hit.entry.source.value, entry_id=hit.entry.entry_id
        ).first()
        if existing is not None:
            recorded.append(existing)
            continue
        row = SanctionsHit(
            person=person,
            source=hit.entry.source.value,
            entry_id=hit.entry.entry_id,
            strength=hit.strength.value,
            explanation=[{"key": step.key, "values": dict(step.values)} for step in hit.steps],
        )
        row.save()
        audit.record(actor=actor, action="aid_sanctions_hit.record", target=row, parent=person,
                     changed_fields=HIT_FIELDS)  # fmt: skip
        recorded.append(row)
    return recorded


def payee_holds(person: Person) -> bool:
    return any(hit.holds_payouts for hit in SanctionsHit.objects.filter(person=person))


def payees_held(person_ids: list[object]) -> bool:
    """Whether any of these payees has a hit that holds payouts (`SanctionsHit.holds_payouts`), in one query."""
    return (
        SanctionsHit.objects.filter(person_id__in=person_ids)
        .exclude(decision=SanctionsHit.Decision.CLEARED)
        .exclude(strength=HitStrength.CONTRADICTED)
        .exists()
    )


@transaction.atomic
def sanctions_hit_decide(*, actor: Actor, hit_id: object, confirm: bool, reason: str) -> SanctionsHit:
    if not can_decide_sanctions_hit(actor):
        raise PermissionDenied(_("Only a compliance officer decides sanctions matches."))
    hit = get_scoped(SanctionsHit.objects.select_related("person"), actor, hit_id, for_update=True)
    if hit.decision != SanctionsHit.Decision.OPEN:
        raise Conflict(_("This match has already been decided."))
    if not reason.strip():
        raise Invalid(_("Say why."), fields={"reason": [_("Say why.")]})
    hit.decision = SanctionsHit.Decision.CONFIRMED if confirm else SanctionsHit.Decision.CLEARED
    hit.decision_reason = reason.strip()
    hit.decided_by = actor.user
    hit.decided_at = timezone.now()
    hit.save(update_fields=[*HIT_DECIDE_FIELDS, "updated_at"])
    audit.record(actor=actor, action="aid_sanctions_hit.decide", target=hit, parent=hit.person,
                 changed_fields=HIT_DECIDE_FIELDS)  # fmt: skip
    return hit
