"""Who may manage staff accounts. Predicates only."""

from herzen.accounts.models import User
from herzen.core.actor import Actor


def can_manage_accounts(actor: Actor) -> bool:
    # Accounts span organisations (one person can serve two NGOs), so only the platform operator manages them;
    # organisation admins grant and revoke roles in their own organisation.
    return bool(actor.user.is_superuser)


def can_set_password(actor: Actor, user: User) -> bool:
    return can_manage_accounts(actor) or actor.user.pk == user.pk
