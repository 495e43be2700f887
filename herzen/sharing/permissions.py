"""Who may record and revoke a person's sharing consent: the staff who may change the person's record."""

from herzen.core.actor import Actor, Role
from herzen.people.models import Person
from herzen.sharing.models import SharingConsent

EDITORS = (Role.CASEWORKER, Role.SUPERVISOR)


def can_record_sharing_consent(actor: Actor, person: Person) -> bool:
    return actor.organisation_id == person.organisation_id and actor.has_any_role(*EDITORS)


def can_revoke_sharing_consent(actor: Actor, consent: SharingConsent) -> bool:
    return actor.organisation_id == consent.person.organisation_id and actor.has_any_role(*EDITORS)


def can_read_shared_person(actor: Actor) -> bool:
    """Any staff role of the grantee reads what was shared; the consent itself is checked by the selector."""
    return actor.has_any_role(Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN)
