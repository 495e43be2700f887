"""Who erases when the retention job runs: the inactive system account `herzen-retention`.

Like the intake's identity (herzen/intake/identity.py) it has no password and no membership and cannot log
in. The job acts as a supervisor of one organisation at a time — erasure is a supervisor's decision
(`can_erase_person`), here taken in advance by the retention policy — so every `household.erase` in the audit
trail reads "herzen-retention, in <organisation>".
"""

from herzen.accounts.models import User
from herzen.accounts.system import system_user
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation

RETENTION_USERNAME = "herzen-retention"


def retention_system_user() -> User:
    return system_user(RETENTION_USERNAME, "retention")


def retention_actor(organisation: Organisation) -> Actor:
    return Actor(user=retention_system_user(), organisation=organisation, roles=frozenset({Role.SUPERVISOR}))
