"""Who may see and change the person record. One condition per line; no side effects."""

from herzen.core.actor import Actor, Role
from herzen.people.models import Household, Person

# Everyone in the organisation can read its records; auditors and admins only read.
READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN)
EDITORS = (Role.CASEWORKER, Role.SUPERVISOR)


def can_view_person(actor: Actor, person: Person) -> bool:
    return actor.organisation_id == person.organisation_id and actor.has_any_role(*READERS)


def can_edit_person(actor: Actor, person: Person) -> bool:
    return actor.organisation_id == person.organisation_id and actor.has_any_role(*EDITORS)


def can_create_person(actor: Actor) -> bool:
    return actor.has_any_role(*EDITORS)


def can_erase_person(actor: Actor, person: Person | None) -> bool:
    """Crypto-shredding cannot be undone: a supervisor decides it (on request, or by the retention rules)."""
    same_organisation = person is None or actor.organisation_id == person.organisation_id
    return same_organisation and actor.has_any_role(Role.SUPERVISOR)


def can_view_household(actor: Actor, household: Household) -> bool:
    return actor.organisation_id == household.organisation_id and actor.has_any_role(*READERS)


def can_edit_household(actor: Actor, household: Household) -> bool:
    return actor.organisation_id == household.organisation_id and actor.has_any_role(*EDITORS)


def can_record_declaration(actor: Actor, person: Person) -> bool:
    """Recording or withdrawing a programme declaration is an edit of the person record."""
    return can_edit_person(actor, person)
