from collections.abc import Iterable

from django.db.models import QuerySet

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Membership, Organisation


def organisation_switch_choices(*, actor: Actor) -> list[Organisation]:
    """The organisations this user may switch to: exactly those they are a member of."""
    if actor.organisation is None and not actor.other_organisation_ids:
        return []
    return list(Organisation.objects.filter(memberships__user=actor.user).distinct().order_by("name"))


def organisation_staff_list(*, actor: Actor, roles: Iterable[Role] | None = None) -> QuerySet[User]:
    """Active users who hold any of `roles` (any role, if None) in the actor's organisation, each once.

    For assigning cases and filtering by caseworker.
    """
    memberships = Membership.objects.for_actor(actor)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def membership_list(*, actor: Actor) -> QuerySet[Membership]:
    return Membership.objects.for_actor(actor).select_related("user", "organisation")
