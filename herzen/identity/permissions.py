"""Who finds and decides duplicates: the staff who may change person records."""

from herzen.core.actor import Actor, Role
from herzen.identity.models import DuplicatePair, PersonMerge

DECIDERS = (Role.CASEWORKER, Role.SUPERVISOR)


def can_find_duplicates(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any_role(*DECIDERS)


def can_decide_pair(actor: Actor, pair: DuplicatePair) -> bool:
    return actor.organisation_id == pair.organisation_id and actor.has_any_role(*DECIDERS)


def can_undo_merge(actor: Actor, merge: PersonMerge) -> bool:
    return actor.organisation_id == merge.organisation_id and actor.has_any_role(*DECIDERS)
