"""Who may manage an organisation. Predicates only: one condition per line, no side effects."""

from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation


def can_manage_memberships(actor: Actor, organisation: Organisation) -> bool:
    return actor.organisation_id == organisation.pk and actor.has_any_role(Role.ORGANISATION_ADMIN)
