"""Who acts when nobody on the staff does: the intake's system identity.

An applicant is not a user and has no account. Their writes still need an actor for the audit trail, so the
intake acts as one inactive system account, `herzen-intake` (no password, no membership, cannot log in):

- `applicant_actor()` — for draft writes before any organisation is involved (organisation: none);
- `receiving_actor(organisation)` — only inside `draft_submit`, to create the records of the organisation the
  applicant chose. It carries the supervisor role so the ordinary people and cases services accept it and
  leave the new case unassigned (a supervisor's choice); it is never built from a request.

Audit rows then read "herzen-intake, in <organisation>": who acted is the intake, never a person's name,
and as everywhere only field names are recorded, never values.
"""

from herzen.accounts.models import User
from herzen.accounts.system import system_user
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Organisation

INTAKE_USERNAME = "herzen-intake"


def intake_system_user() -> User:
    return system_user(INTAKE_USERNAME, "intake")


def applicant_actor() -> Actor:
    return Actor(user=intake_system_user(), organisation=None)


def receiving_actor(organisation: Organisation, intake_user: User | None = None) -> Actor:
    """`intake_user`: the system account already at hand (the applicant actor's), saving a query; any other
    account is ignored, so the receiving actor is always the intake."""
    if intake_user is None or intake_user.username != INTAKE_USERNAME or not intake_user.pk:
        intake_user = intake_system_user()
    return Actor(user=intake_user, organisation=organisation, roles=frozenset({Role.SUPERVISOR}))
