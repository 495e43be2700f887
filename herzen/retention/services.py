"""Writes for retention: one organisation's retention run (through the crypto-shredding service) and the
audited export of everything held about a person."""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import PermissionDenied
from herzen.domain.retention import ErasureDue, RetentionPolicy, due_for_erasure
from herzen.people.selectors import person_get
from herzen.people.services import household_erase
from herzen.retention.permissions import can_export_person
from herzen.retention.selectors import person_export_document, retention_household_records

EXPORT_CATEGORIES = (
    "identity",
    "contact",
    "documents",
    "stays",
    "risk",
    "notes",
    "case",
    "household",
    "evidence",
    "application",
)


def organisation_retention_run(
    *, actor: Actor, policy: RetentionPolicy, today: date, dry_run: bool = False
) -> list[ErasureDue]:
    """Erase every household of the actor's organisation whose retention period has ended.

    Each household is erased by `household_erase` in its own transaction (audited `household.erase` in the
    actor's name), so one failure does not undo the erasures before it and a rerun finishes the rest.
    Erased households are never due again: running twice erases nothing the second time.
    """
    due = due_for_erasure(retention_household_records(actor=actor), policy, today=today)
    if not dry_run:
        for item in due:
            household_erase(actor=actor, household_id=item.household_id)
        if due:
            with transaction.atomic():  # after the erasures, each committed on its own: who ran the retention
                audit.record(actor=actor, action="retention.run", target=actor.organisation)
    return due


@dataclass(frozen=True)
class PersonExport:
    name: str
    content: bytes
    document: dict[str, Any]
    shows: tuple[Any, ...]
    categories: tuple[str, ...] = EXPORT_CATEGORIES


@transaction.atomic
def person_export(*, actor: Actor, person_id: object) -> PersonExport:
    """Everything held about a person (decrypted JSON), on their request; audited as `person.export`."""
    person = person_get(actor=actor, person_id=person_id)  # another organisation's person: NotFound
    if not can_export_person(actor, person):
        raise PermissionDenied(_("Only a supervisor can export everything held about a person."))
    person, document, shown = person_export_document(actor=actor, person_id=person.pk)
    audit.record(actor=actor, action="person.export", target=person)
    content = json.dumps(document, ensure_ascii=False, indent=2).encode()
    return PersonExport(
        name=f"person-{person.pk}.json", content=content, document=document, shows=tuple(shown)
    )
