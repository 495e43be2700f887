"""Writes for organisations and memberships. Each service audits in its own transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, NotFound, PermissionDenied
from herzen.organisations.models import Membership, Organisation
from herzen.organisations.permissions import can_manage_memberships


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    country: str,
    city: str = "",
    authority_kind: str = "",
    intake_countries: list[str] | None = None,
) -> Organisation:
    """Creating an organisation is a platform operator's act (a superuser), not an organisation's."""
    if not actor.user.is_superuser:
        raise PermissionDenied(_("Only a platform operator can create organisations."))
    organisation = Organisation(
        name=name,
        kind=kind,
        country=country.upper(),
        city=city,
        authority_kind=authority_kind,
        intake_countries=[code.upper() for code in intake_countries or []],
    )
    validate(organisation)
    organisation.save()
    audit.record(
        actor=actor,
        action="organisation.create",
        target=organisation,
        changed_fields=["name", "kind", "authority_kind", "country", "city", "intake_countries"],
    )
    return organisation


@transaction.atomic
def organisation_set_intake_countries(
    *, actor: Actor, organisation_id: object, intake_countries: list[str]
) -> Organisation:
    """Where applicants may send this organisation an online application (herzen.intake)."""
    organisation = Organisation.objects.select_for_update().filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound()
    if not (actor.user.is_superuser or can_manage_memberships(actor, organisation)):
        raise PermissionDenied(_("Only an organisation admin can change where it accepts applications."))
    wanted = sorted({code.upper() for code in intake_countries})
    if sorted(str(code) for code in organisation.intake_countries) == wanted:
        return organisation
    organisation.intake_countries = wanted
    validate(organisation)
    organisation.save(update_fields=["intake_countries", "updated_at"])
    audit.record(
        actor=actor,
        action="organisation.set_intake_countries",
        target=organisation,
        changed_fields=["intake_countries"],
    )
    return organisation


@transaction.atomic
def membership_grant(*, actor: Actor, organisation: Organisation, user: User, role: Role) -> Membership:
    if not (actor.user.is_superuser or can_manage_memberships(actor, organisation)):
        raise PermissionDenied(_("Only an organisation admin can grant roles."))
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise Conflict(_("This user already holds that role here."))
    membership = Membership(user=user, organisation=organisation, role=role)
    validate(membership)
    membership.save()
    audit.record(
        actor=actor,
        action="membership.grant",
        target=membership,
        parent=organisation,
        changed_fields=["user", "organisation", "role"],
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership_id: object) -> None:
    # The platform operator works across organisations; anyone else only within their own.
    memberships = Membership.objects.all() if actor.user.is_superuser else Membership.objects.for_actor(actor)
    membership = memberships.filter(pk=membership_id).first()
    if membership is None:
        raise NotFound()
    if not (actor.user.is_superuser or can_manage_memberships(actor, membership.organisation)):
        raise PermissionDenied(_("Only an organisation admin can revoke roles."))
    audit.record(
        actor=actor,
        action="membership.revoke",
        target=membership,
        parent=membership.organisation,
        changed_fields=["role"],
    )
    membership.delete()
