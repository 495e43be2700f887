"""Writes to staff accounts. Each service audits in its own transaction; passwords are named, never stored
in the audit trail."""

from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.accounts.models import StaffSession, User
from herzen.accounts.permissions import can_manage_accounts, can_set_password
from herzen.core.actor import Actor
from herzen.core.changes import apply_changes, validate
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied

ACCOUNT_FIELDS = frozenset({"first_name", "last_name", "email", "is_active", "is_staff"})


def _account(user_id: object) -> User:
    try:
        return User.objects.select_for_update().get(pk=user_id)
    except (User.DoesNotExist, ValueError, ValidationError):
        raise NotFound() from None


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid(_("Please choose a stronger password."), fields={"password": error.messages}) from error


@transaction.atomic
def staff_user_create(
    *,
    actor: Actor,
    username: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_staff: bool = False,
) -> User:
    if not can_manage_accounts(actor):
        raise PermissionDenied(_("Only the platform operator can create accounts."))
    if User.objects.filter(username=username).exists():
        raise Conflict(_("This user name is taken."), fields={"username": [_("This user name is taken.")]})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_staff=is_staff)
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    validate(user)
    user.save()
    audit.record(
        actor=actor,
        action="account.create",
        target=user,
        changed_fields=["username", "first_name", "last_name", "email", "is_staff", "password"],
    )
    return user


@transaction.atomic
def staff_user_update(*, actor: Actor, user_id: object, **changes: Any) -> User:
    if not can_manage_accounts(actor):
        raise PermissionDenied(_("Only the platform operator can change accounts."))
    user = _account(user_id)
    changed = apply_changes(user, changes, allowed=ACCOUNT_FIELDS)
    if not changed:
        return user
    validate(user)
    user.save(update_fields=changed)
    if "is_active" in changed and not user.is_active:
        _end_sessions(user)
    audit.record(actor=actor, action="account.update", target=user, changed_fields=changed)
    return user


def _end_sessions(user: User) -> None:
    """A disabled account is signed out everywhere at once, not when its sessions happen to expire."""
    keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    StaffSession.objects.filter(user=user).delete()


@transaction.atomic
def staff_user_set_password(*, actor: Actor, user_id: object, password: str) -> User:
    if not (can_manage_accounts(actor) or str(user_id) == str(actor.user.pk)):
        raise NotFound()  # other people's accounts are not even confirmed to exist
    user = _account(user_id)
    if not can_set_password(actor, user):
        raise PermissionDenied(_("Only the platform operator or the account holder can set a password."))
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=actor, action="account.set_password", target=user, changed_fields=["password"])
    return user


@transaction.atomic
def staff_totp_activate(*, actor: Actor, user_id: object, secret: str | None = None) -> str:
    """Give an account an authenticator-app (TOTP) second factor, replacing any it had; returns the secret.

    Staff normally set one up themselves on the MFA page (allauth, audited through its signals); this is for
    the platform operator and the demo, which seeds a factor per demo account and prints its secret.
    """
    if not (can_manage_accounts(actor) or str(user_id) == str(actor.user.pk)):
        raise NotFound()
    user = _account(user_id)
    if not can_set_password(actor, user):
        raise PermissionDenied(_("Only the platform operator or the account holder can set a second factor."))
    secret = secret or generate_totp_secret()
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)
    audit.record(actor=actor, action="account.mfa_totp_activate", target=user, changed_fields=["totp"])
    return secret


@transaction.atomic
def staff_authenticator_change_record(*, actor: Actor, authenticator: Authenticator, change: str) -> None:
    """Audit a second factor that allauth's own pages added, removed or renewed (`change` is "add",
    "remove" or "reset"). allauth writes the authenticator; this records that it happened, naming the kind
    of factor and never its secret."""
    if change not in {"add", "remove", "reset"}:
        raise Invalid(_("Unknown change to a second factor."))
    user = User.objects.get(pk=authenticator.user_id)
    audit.record(
        actor=actor,
        action=f"account.mfa_{change}",
        target=user,
        changed_fields=[str(authenticator.type)],
    )
