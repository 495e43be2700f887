"""Who may do what to an application. Predicates only: one condition per line, no side effects.

The pathway's table says which *kind* of actor may make a move (herzen.domain.workflow); these predicates say
which kinds a Herzen actor is, and whether they act on this application at all. A decision needs both: the
table never lets an NGO kind decide, and `can_record_decision` refuses anyone outside an authority.
"""

from herzen.core.actor import Actor, Role
from herzen.domain.workflow import NGO_CASEWORKER, NGO_SUPERVISOR, Transition, authority
from herzen.pathways.models import Application

NGO_READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN)
# Authority staff who act on applications; an authority's auditors and admins read only.
AUTHORITY_DECIDERS = (Role.CASEWORKER, Role.SUPERVISOR)


def _is_authority(actor: Actor) -> bool:
    return actor.organisation is not None and actor.organisation.is_authority


def actor_kinds(actor: Actor) -> frozenset[str]:
    """The workflow actor kinds of this actor in its active organisation (none for readers only)."""
    if actor.organisation is None:
        return frozenset()
    if _is_authority(actor):
        if not actor.has_any_role(*AUTHORITY_DECIDERS):
            return frozenset()
        return frozenset({authority(actor.organisation.authority_kind)})
    kinds = set()
    if actor.has_any_role(Role.CASEWORKER):
        kinds.add(NGO_CASEWORKER)
    if actor.has_any_role(Role.SUPERVISOR):
        kinds.add(NGO_SUPERVISOR)
    return frozenset(kinds)


def can_view_application(actor: Actor, application: Application) -> bool:
    """Callers pass an application read through the actor's scope (its NGO, or an authority it was
    referred to); this adds the role check."""
    if _is_authority(actor):
        return actor.organisation_id is not None and actor.has_any_role(*NGO_READERS)
    return actor.organisation_id == application.organisation_id and actor.has_any_role(*NGO_READERS)


def can_start_application(actor: Actor, case_organisation_id: object) -> bool:
    if _is_authority(actor):
        return False
    return actor.organisation_id == case_organisation_id and actor.has_any_role(
        Role.CASEWORKER, Role.SUPERVISOR
    )


def can_make_move(actor: Actor, application: Application, transition: Transition) -> bool:
    """Whether this actor may make this move on this (already scoped) application."""
    if transition.decision and not can_record_decision(actor, application):
        return False
    if not _is_authority(actor) and actor.organisation_id != application.organisation_id:
        return False
    return bool(transition.actors & actor_kinds(actor))


def can_record_decision(actor: Actor, application: Application) -> bool:
    """Only staff of an authority record decisions; an NGO never does, whatever its role."""
    if not _is_authority(actor):
        return False
    return actor.has_any_role(*AUTHORITY_DECIDERS)


def can_manage_regimes(actor: Actor) -> bool:
    """Policy regimes are the platform operator's (a superuser), not any organisation's."""
    return actor.user.is_superuser
