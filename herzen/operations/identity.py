"""Who acts when a schedule runs: the inactive system account `herzen-scheduler`.

Like `herzen-retention` it has no password and no membership and cannot log in. The daily priority refresh
acts as a supervisor of one organisation at a time, so the audit trail reads "herzen-scheduler, in <org>".
"""

from herzen.accounts.models import User
from herzen.accounts.system import system_user
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation

SCHEDULER_USERNAME = "herzen-scheduler"


def scheduler_user() -> User:
    return system_user(SCHEDULER_USERNAME, "scheduler")


def scheduler_actor(organisation: Organisation) -> Actor:
    return Actor(user=scheduler_user(), organisation=organisation, roles=frozenset({Role.SUPERVISOR}))
