"""Who may read the rules register: the platform operator and organisation admins (it holds no personal data,
but it is the operators' tool for keeping the rules true, not a page for caseworkers)."""

from herzen.core.actor import Actor, Role


def can_view_rules_register(actor: Actor) -> bool:
    return bool(actor.user.is_superuser or Role.ORGANISATION_ADMIN in actor.roles)
