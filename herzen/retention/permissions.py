from herzen.core.actor import Actor, Role
from herzen.people.models import Person


def can_export_person(actor: Actor, person: Person) -> bool:
    """Everything held about someone, decrypted, in one file: only a supervisor hands that out (on the person's
    request), as only a supervisor erases. Caseworkers, auditors and organisation admins see the record's pages."""
    return actor.organisation_id == person.organisation_id and actor.has_any_role(Role.SUPERVISOR)
