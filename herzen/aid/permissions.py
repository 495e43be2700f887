"""Who may do what with aid money. Four eyes: whoever proposed a grant never approves it, whatever their role,
and the check lives here, called by every service, so pages, API, admin and shell are all refused alike."""

from herzen.aid.models import Grant, Programme
from herzen.core.actor import Actor, Role

STAFF = (Role.CASEWORKER, Role.SUPERVISOR)
MANAGERS = (Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
# Only a compliance officer clears or confirms a sanctions-list match (caseworkers and supervisors cannot).
COMPLIANCE = (Role.COMPLIANCE_OFFICER,)
READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN, Role.COMPLIANCE_OFFICER)


def can_manage_programmes(actor: Actor) -> bool:
    return actor.has_any_role(*MANAGERS)


def can_propose_grant(actor: Actor, programme: Programme) -> bool:
    return actor.organisation_id == programme.organisation_id and actor.has_any_role(*STAFF)


def is_proposer(actor: Actor, grant: Grant) -> bool:
    return grant.proposed_by_id == actor.user.pk


def can_decide_grant(actor: Actor, grant: Grant) -> bool:
    if actor.organisation_id != grant.programme.organisation_id or is_proposer(actor, grant):
        return False
    if grant.total >= grant.programme.supervisor_threshold:
        return actor.has_any_role(*MANAGERS)
    return actor.has_any_role(*STAFF, *MANAGERS)


def can_handle_payouts(actor: Actor) -> bool:
    return actor.has_any_role(*STAFF)


def can_decide_sanctions_hit(actor: Actor) -> bool:
    return actor.has_any_role(*COMPLIANCE)


def can_read_aid(actor: Actor) -> bool:
    return actor.has_any_role(*READERS)
