"""Inactive system accounts that act for Herzen itself (the intake, retention, the scheduler).

Each has no password and no membership and cannot log in; it exists so that the audit trail names who acted
("herzen-retention, in <organisation>")."""

from django.db import transaction

from herzen.accounts.models import User


def system_user(username: str, role_name: str) -> User:
    """The system account `username`, created inactive and without a usable password on first use."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"is_active": False, "first_name": "Herzen", "last_name": role_name},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return user
