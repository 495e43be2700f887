"""Reads of pathways, regimes and applications, always scoped to the actor.

An NGO reads the applications of its own cases; an authority reads the applications referred to it, with
only what it needs to decide (the household's names and dates of birth), never the NGO's other files.
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.workflow import PATHWAYS, SHIPPED, Pathway, Transition, moves_for
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.pathways.models import (
    Application,
    ApplicationDeadline,
    ApplicationDecision,
    ApplicationStateChange,
    PolicyRegime,
)
from herzen.pathways.permissions import actor_kinds, can_make_move, can_view_application
from herzen.pathways.services.applications import open_regime_of
from herzen.people.models import HouseholdMember, Person
from herzen.people.selectors import household_member_order


@dataclass(frozen=True)
class PathwayRow:
    pathway: Pathway
    open_regime: PolicyRegime | None


def policy_regime_list(*, actor: Actor, pathway: str = "") -> QuerySet[PolicyRegime]:
    regimes = PolicyRegime.objects.for_actor(actor)
    if pathway:
        regimes = regimes.filter(pathway=pathway)
    return regimes.order_by("pathway", "-valid_from", "name")


def pathway_list(*, actor: Actor, today: date | None = None) -> list[PathwayRow]:
    """Every shipped pathway with the regime new applications would go to today (None: none is open)."""
    today = today or timezone.localdate()
    regimes = {regime.pk: regime for regime in policy_regime_list(actor=actor)}
    rows = []
    for pathway in SHIPPED:
        regime = open_regime_of(pathway.code, today) if regimes else None
        rows.append(PathwayRow(pathway=pathway, open_regime=regimes.get(regime.pk) if regime else None))
    return rows


@dataclass(frozen=True)
class ApplicationFilters:
    case_id: object | None = None
    pathway: str = ""
    state: str = ""
    waiting_on_authority: bool | None = None
    active_only: bool = False


def application_list(
    *, actor: Actor, filters: ApplicationFilters = ApplicationFilters()
) -> QuerySet[Application]:
    applications = Application.objects.for_actor(actor)
    if filters.case_id is not None:
        applications = applications.filter(case_id=filters.case_id)
    if filters.pathway:
        applications = applications.filter(pathway=filters.pathway)
    if filters.state:
        applications = applications.filter(state=filters.state)
    if filters.waiting_on_authority is not None:
        applications = applications.filter(waiting_on_authority=filters.waiting_on_authority)
    if filters.active_only:
        applications = applications.filter(is_terminal=False)
    return applications.select_related("case", "regime", "authority", "organisation").order_by(
        "-state_entered_at", "-created_at"
    )


def application_get(*, actor: Actor, application_id: object) -> Application:
    application = get_scoped(
        Application.objects.select_related("case", "regime", "authority", "organisation"),
        actor,
        application_id,
    )
    if not can_view_application(actor, application):
        raise NotFound()
    return application


def application_history(*, actor: Actor, application: Application) -> QuerySet[ApplicationStateChange]:
    return (
        ApplicationStateChange.objects.for_actor(actor)
        .filter(application=application)
        .select_related("actor_user", "organisation")
        .order_by("occurred_at", "created_at")
    )


def application_decisions(*, actor: Actor, application: Application) -> QuerySet[ApplicationDecision]:
    return (
        ApplicationDecision.objects.for_actor(actor)
        .filter(application=application)
        .select_related("deciding_organisation", "recorded_by")
    )


def application_deadlines(
    *, actor: Actor, application: Application, open_only: bool = False
) -> QuerySet[ApplicationDeadline]:
    deadlines = ApplicationDeadline.objects.for_actor(actor).filter(application=application)
    if open_only:
        deadlines = deadlines.filter(closed_at__isnull=True)
    return deadlines.order_by("due_on")


def deadlines_due(*, actor: Actor, on_or_before: date) -> QuerySet[ApplicationDeadline]:
    """Open deadlines of the applications the actor sees, due on or before a day (for queues)."""
    return (
        ApplicationDeadline.objects.for_actor(actor)
        .filter(closed_at__isnull=True, due_on__lte=on_or_before)
        .select_related("application", "application__case")
        .order_by("due_on")
    )


@dataclass(frozen=True)
class HouseholdLine:
    full_name: str
    date_of_birth: date | None
    role: str
    # Whose line it is: the id only, so that showing the line can be recorded (see `shown_people`).
    person_id: UUID


def application_household(*, actor: Actor, application_id: object) -> list[HouseholdLine]:
    """Who the application is for: names, dates of birth and roles only — what an authority needs to
    decide, and no more (no contacts, stays, documents or notes of the NGO's file)."""
    application = application_get(actor=actor, application_id=application_id)
    members = (
        HouseholdMember.objects.filter(household_id=application.case.household_id)
        .select_related("person")
        .order_by(*household_member_order())
    )
    return [
        HouseholdLine(
            full_name=member.person.full_name,
            date_of_birth=member.person.date_of_birth,
            role=member.get_role_display(),
            person_id=member.person_id,
        )
        for member in members
    ]


def shown_people(lines: list[HouseholdLine]) -> list[Person]:
    """The people of household lines, as references for `audit.record_access` (ids only: nothing more of
    them is read, so an authority's code never holds the NGO's file on a person)."""
    return [Person(pk=line.person_id) for line in lines]


@dataclass(frozen=True)
class MoveOption:
    transition: Transition
    authorities: list[Organisation]  # where the move refers the application (empty if it refers nowhere)


def application_moves(*, actor: Actor, application_id: object) -> list[MoveOption]:
    """The moves this actor may make on this application now, with the authorities a referral could go to."""
    application = application_get(actor=actor, application_id=application_id)
    pathway = PATHWAYS[application.pathway]
    options = []
    for transition in moves_for(pathway, application.state, actor_kinds(actor)):
        if not can_make_move(actor, application, transition):
            continue
        authorities: list[Organisation] = []
        if transition.refers_to:
            authorities = list(
                Organisation.objects.filter(
                    kind=OrganisationKind.AUTHORITY,
                    authority_kind=transition.refers_to,
                    country=application.destination_country,
                ).order_by("name")
            )
        options.append(MoveOption(transition=transition, authorities=authorities))
    return options
