from collections.abc import Iterable

from django.db.models import QuerySet

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.organisations import invitations
from herzen.organisations.models import Membership, Organisation, StaffInvitation


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


def staff_invitation_list(*, actor: Actor) -> QuerySet[StaffInvitation]:
    """The invitations of the actor's organisation that nobody has used yet (expired ones included)."""
    return (
        StaffInvitation.objects.for_actor(actor)
        .filter(accepted_at__isnull=True)
        .select_related("user", "invited_by")
        .order_by("-created_at")
    )


def invitation_for_token(token: str) -> StaffInvitation | None:
    """The invitation a one-time link names, for the invitee who has no login yet (None for any other)."""
    if not token or len(token) > 100:
        return None
    return (
        StaffInvitation.objects.filter(token_hash=invitations.hash_token(token))
        .select_related("user", "organisation")
        .first()
    )
