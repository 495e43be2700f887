"""Who may see and change a case. One condition per line; no side effects."""

from herzen.cases.models import Case
from herzen.core.actor import Actor, Role

READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN)


def can_view_case(actor: Actor, case: Case) -> bool:
    return actor.organisation_id == case.organisation_id and actor.has_any_role(*READERS)


def can_open_case(actor: Actor) -> bool:
    return actor.has_any_role(Role.CASEWORKER, Role.SUPERVISOR)


def can_add_note(actor: Actor, case: Case) -> bool:
    return actor.organisation_id == case.organisation_id and actor.has_any_role(
        Role.CASEWORKER, Role.SUPERVISOR
    )


def can_refresh_case_priority(actor: Actor, case: Case) -> bool:
    # Whoever may change the household's record may have its priority follow; the score is computed, not chosen.
    return actor.organisation_id == case.organisation_id and actor.has_any_role(
        Role.CASEWORKER, Role.SUPERVISOR
    )


def can_assign_new_case(actor: Actor) -> bool:
    """Whether the actor chooses who holds a case they open; otherwise a caseworker holds what they open."""
    return actor.has_any_role(Role.SUPERVISOR)


def can_assign_case(actor: Actor, case: Case) -> bool:
    return actor.organisation_id == case.organisation_id and actor.has_any_role(Role.SUPERVISOR)


def can_change_case_status(actor: Actor, case: Case) -> bool:
    # The caseworker who holds the file may put it on hold or close it; so may a supervisor.
    if actor.organisation_id != case.organisation_id:
        return False
    if actor.has_any_role(Role.SUPERVISOR):
        return True
    return actor.has_any_role(Role.CASEWORKER) and case.assigned_caseworker_id == actor.user.pk


def can_be_assigned(roles: frozenset[Role]) -> bool:
    """Only people who work cases can hold one."""
    return bool(roles & {Role.CASEWORKER, Role.SUPERVISOR})


def can_flag_possible_duplicates(actor: Actor, case: Case) -> bool:
    """Flagging and dismissing possible duplicates is work on the case file, as a note is."""
    return can_add_note(actor, case)
