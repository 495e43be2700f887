"""Who acts when a schedule runs: the inactive system account `herzen-scheduler`.

Like `herzen-retention` it has no password and no membership and cannot log in. The daily priority refresh
acts as a supervisor of one organisation at a time, so the audit trail reads "herzen-scheduler, in <org>".
"""

from django.db import transaction

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation

SCHEDULER_USERNAME = "herzen-scheduler"


def scheduler_user() -> User:
    user = User.objects.filter(username=SCHEDULER_USERNAME).first()
    if user is not None:
        return user
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=SCHEDULER_USERNAME,
            defaults={"is_active": False, "first_name": "Herzen", "last_name": "scheduler"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return user


def scheduler_actor(organisation: Organisation) -> Actor:
    return Actor(user=scheduler_user(), organisation=organisation, roles=frozenset({Role.SUPERVISOR}))
