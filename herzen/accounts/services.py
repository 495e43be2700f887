"""Writes to staff accounts. Each service audits in its own transaction; passwords are named, never stored
in the audit trail."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.accounts.models import User
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
    audit.record(actor=actor, action="account.update", target=user, changed_fields=changed)
    return user


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
