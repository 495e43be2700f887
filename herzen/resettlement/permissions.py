"""Who may do what in resettlement. Coordinators (supervisors, organisation admins) run and send matches;
caseworkers keep a household's needs and enter offers."""

from herzen.core.actor import Actor, Role
from herzen.resettlement.models import MatchRun, Offer

COORDINATORS = (Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
OFFER_EDITORS = (Role.CASEWORKER, Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
NEEDS_EDITORS = (Role.CASEWORKER, Role.SUPERVISOR)


def can_publish_offer(actor: Actor) -> bool:
    return actor.organisation is not None and actor.has_any_role(*OFFER_EDITORS)


def can_change_offer(actor: Actor, offer: Offer) -> bool:
    return actor.organisation_id == offer.organisation_id and actor.has_any_role(*OFFER_EDITORS)


def can_edit_needs(actor: Actor) -> bool:
    return actor.organisation is not None and actor.has_any_role(*NEEDS_EDITORS)


def can_run_match(actor: Actor) -> bool:
    return actor.organisation is not None and actor.has_any_role(*COORDINATORS)


def can_change_run(actor: Actor, run: MatchRun) -> bool:
    return actor.organisation_id == run.organisation_id and actor.has_any_role(*COORDINATORS)


def can_see_medical_needs(actor: Actor) -> bool:
    """Medical needs are shown only to those who keep a household's needs (not to auditors or admins)."""
    return actor.organisation is not None and actor.has_any_role(*NEEDS_EDITORS)


def can_record_answer(actor: Actor, run: MatchRun) -> bool:
    """Staff of the run's organisation who keep needs or run matches record a household's answer."""
    return actor.organisation_id == run.organisation_id and actor.has_any_role(*NEEDS_EDITORS, *COORDINATORS)
