"""Writes for organisations and memberships. Each service audits in its own transaction."""

import hmac

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.organisations import invitations
from herzen.organisations.models import Membership, Organisation, StaffInvitation
from herzen.organisations.permissions import can_invite_staff, can_manage_memberships


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


# --- bringing a new staff member on board ------------------------------------------------------------------
INVITABLE_ROLES = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN)


@transaction.atomic
def staff_invite(
    *,
    actor: Actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: Role,
    base_url: str,
) -> StaffInvitation:
    """An organisation admin brings a new colleague on board: an account without a usable password, their
    role in the admin's organisation (membership_grant, audited on its own), and a one-time link by e-mail
    on which they choose their password. Their second factor is asked for at their first login
    (herzen.accounts.middleware.MfaRequiredMiddleware), as for everyone."""
    organisation = actor.organisation
    if organisation is None or not can_invite_staff(actor, organisation):
        raise PermissionDenied(_("Only an organisation admin can invite staff."))
    fields: dict[str, list[str]] = {}
    if not email.strip():
        fields["email"] = [_("The invitation is sent to this address: it is needed.")]
    if role not in INVITABLE_ROLES:
        fields["role"] = [_("Choose a role.")]
    if fields:
        raise Invalid(_("Please correct the highlighted fields."), fields=fields)
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise Conflict(_("This user name is taken."), fields={"username": [_("This user name is taken.")]})
    user = User(
        username=username.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        # An organisation admin also works in the Django admin (memberships, the audit trail), as in the demo.
        is_staff=role == Role.ORGANISATION_ADMIN,
    )
    user.set_unusable_password()
    validate(user)
    user.save()
    membership_grant(actor=actor, organisation=organisation, user=user, role=role)
    token = invitations.new_token()
    invitation = StaffInvitation(
        organisation=organisation,
        user=user,
        role=role,
        invited_by=actor.user,
        token_hash=invitations.hash_token(token),
        expires_at=invitations.expiry(),
    )
    validate(invitation)
    invitation.save()
    audit.record(
        actor=actor,
        action="account.invite",
        target=user,
        parent=organisation,
        changed_fields=["username", "first_name", "last_name", "email", "is_staff", "role"],
    )
    link = invitations.invitation_link(base_url, token)
    # Sent once the invitation is committed: a rolled-back invitation must not leave a link in someone's inbox.
    transaction.on_commit(lambda: invitations.send_invitation(invitation, link))
    return invitation


@transaction.atomic
def invitation_accept(*, actor: Actor, invitation_id: object, token: str, password: str) -> User:
    """The invitee chooses their password on the invitation's link (the actor is the invitee's account).
    The link works once and until it expires; the password meets the same rules as every other."""
    invitation = (
        StaffInvitation.objects.select_for_update().select_related("user").filter(pk=invitation_id).first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_hash, invitations.hash_token(token)):
        raise NotFound()
    if invitation.user_id != actor.user.pk:
        raise PermissionDenied(_("This invitation is for someone else."))
    if invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        raise Conflict(
            _("This invitation link has been used or has expired. Ask your administrator for a new one.")
        )
    user = invitation.user
    if not user.is_active:
        raise Conflict(_("This account has been disabled."))
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid(_("Please choose a stronger password."), fields={"password": error.messages}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    audit.record(
        actor=actor,
        action="account.invitation_accept",
        target=user,
        parent=invitation.organisation,
        changed_fields=["password"],
    )
    return user
