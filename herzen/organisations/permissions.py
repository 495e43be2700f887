"""Who may manage an organisation. Predicates only: one condition per line, no side effects."""

from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation


def can_manage_memberships(actor: Actor, organisation: Organisation) -> bool:
    return actor.organisation_id == organisation.pk and actor.has_any_role(Role.ORGANISATION_ADMIN)


def can_invite_staff(actor: Actor, organisation: Organisation) -> bool:
    # Bringing a new colleague on board is granting a role to someone new: the same admins, the same scope.
    return can_manage_memberships(actor, organisation)
