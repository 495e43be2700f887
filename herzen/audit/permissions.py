from herzen.core.actor import Actor, Role


def can_view_access_history(actor: Actor) -> bool:
    """Who has seen a file is itself sensitive (it maps staff to exiles): supervisors and auditors only."""
    return actor.has_any_role(Role.SUPERVISOR, Role.AUDITOR)
