"""Who erases when the retention job runs: the inactive system account `herzen-retention`.

Like the intake's identity (herzen/intake/identity.py) it has no password and no membership and cannot log
in. The job acts as a supervisor of one organisation at a time — erasure is a supervisor's decision
(`can_erase_person`), here taken in advance by the retention policy — so every `household.erase` in the audit
trail reads "herzen-retention, in <organisation>".
"""

from django.db import transaction

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation

RETENTION_USERNAME = "herzen-retention"


def retention_system_user() -> User:
    user = User.objects.filter(username=RETENTION_USERNAME).first()
    if user is not None:
        return user
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=RETENTION_USERNAME,
            defaults={"is_active": False, "first_name": "Herzen", "last_name": "retention"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return user


def retention_actor(organisation: Organisation) -> Actor:
    return Actor(user=retention_system_user(), organisation=organisation, roles=frozenset({Role.SUPERVISOR}))
