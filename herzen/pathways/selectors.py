"""Reads of pathways, regimes and applications, always scoped to the actor.

An NGO reads the applications of its own cases; an authority reads the applications referred to it, with
only what it needs to decide (the household's names and dates of birth), never the NGO's other files.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import F, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from herzen.cases.selectors import case_screening_facts
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.rules import (
    PoliticalCriterionError,
    RuleSetError,
    ScreeningResult,
    evaluate,
    load_rule_set,
)
from herzen.domain.workflow import (
    PATHWAYS,
    SHIPPED,
    Pathway,
    StateDurations,
    Transition,
    moves_for,
    time_in_state,
)
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.pathways.models import (
    Application,
    ApplicationDeadline,
    ApplicationDecision,
    ApplicationStateChange,
    PolicyRegime,
    PolicyRegimeStatus,
)
from herzen.pathways.permissions import actor_kinds, can_make_move, can_view_application
from herzen.people.latin import LatinSpelling, latin_spelling, travel_document
from herzen.people.models import HouseholdMember, IdentityDocument, NameVariant, Person
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


def _open_on(regime: PolicyRegime, today: date) -> bool:
    """The test of `open_regime_of`, made on a regime already read."""
    return (
        regime.status == PolicyRegimeStatus.OPEN
        and regime.valid_from <= today
        and (regime.valid_until is None or regime.valid_until >= today)
    )


def pathway_list(*, actor: Actor, today: date | None = None) -> list[PathwayRow]:
    """Every shipped pathway with the regime new applications would go to today (None: none is open).

    One query for all pathways: the open regime is picked from the regimes read, in `open_regime_of`'s order
    (at most one regime of a pathway is open, so the order only matters for consistency)."""
    today = today or timezone.localdate()
    open_today: dict[str, PolicyRegime] = {}
    for regime in policy_regime_list(actor=actor):
        if _open_on(regime, today):
            open_today.setdefault(regime.pathway, regime)
    return [PathwayRow(pathway=pathway, open_regime=open_today.get(pathway.code)) for pathway in SHIPPED]


@dataclass(frozen=True)
class ApplicationFilters:
    case_id: object | None = None
    pathway: str = ""
    state: str = ""
    waiting_on_authority: bool | None = None
    active_only: bool = False
    # An open deadline of the application falls within N days, or has passed ("due this week").
    deadline_within_days: int | None = None
    # The household's legal stay ends, or a registration falls due, within N days; the NGO's file only.
    stay_within_days: int | None = None
    # Waiting on an authority, in the same state for more than N days.
    waiting_longer_than_days: int | None = None
    # The work queue's order: the case's priority, then the nearest open deadline, then the longest wait.
    queue_order: bool = False


def application_list(
    *, actor: Actor, filters: ApplicationFilters = ApplicationFilters(), today: date | None = None
) -> QuerySet[Application]:
    today = today or timezone.localdate()
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
    if filters.deadline_within_days is not None:
        due = ApplicationDeadline.objects.filter(
            closed_at__isnull=True, due_on__lte=today + timedelta(days=filters.deadline_within_days)
        )
        applications = applications.filter(pk__in=due.values("application_id"))
    if filters.stay_within_days is not None:
        organisation = actor.organisation
        if organisation is None or organisation.is_authority:
            return applications.none()  # an authority does not read the NGO's file on stays
        until = today + timedelta(days=filters.stay_within_days)
        applications = applications.filter(
            Q(case__household__earliest_stay_deadline__lte=until)
            | Q(case__household__earliest_registration_deadline__lte=until)
        )
    if filters.waiting_longer_than_days is not None:
        # The start of today, N days back: "more than N days" counts whole days, as the page shows them.
        since = timezone.make_aware(
            datetime.combine(today - timedelta(days=filters.waiting_longer_than_days), time.min)
        )
        applications = applications.filter(waiting_on_authority=True, state_entered_at__lt=since)
    applications = applications.select_related(
        "case", "case__household", "regime", "authority", "organisation"
    )
    applications = applications.annotate(
        next_deadline=Min("deadlines__due_on", filter=Q(deadlines__closed_at__isnull=True))
    )
    if filters.queue_order:
        return applications.order_by(
            F("case__priority_score").desc(),
            F("next_deadline").asc(nulls_last=True),
            "state_entered_at",
            "created_at",
        )
    return applications.order_by("-state_entered_at", "-created_at")


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
        # The facts are sealed with the household's key: joining the application's case names the key
        # without a query per change.
        .select_related("actor_user", "organisation", "application__case")
        .order_by("occurred_at", "created_at")
    )


def case_authority_moves(*, actor: Actor, case_id: object) -> QuerySet[ApplicationStateChange]:
    """The moves authorities made on the applications of a case (decisions, requests for information), for
    the case's history: the NGO's own moves are in its audit trail, an authority's are in the authority's."""
    return (
        ApplicationStateChange.objects.for_actor(actor)
        .filter(application__case_id=case_id, organisation__kind=OrganisationKind.AUTHORITY)
        .select_related("organisation", "actor_user", "application", "application__case", "decision")
        .order_by("-occurred_at", "-created_at")
    )


def application_decisions(*, actor: Actor, application: Application) -> QuerySet[ApplicationDecision]:
    return (
        ApplicationDecision.objects.for_actor(actor)
        .filter(application=application)
        .select_related("deciding_organisation", "recorded_by", "application__case")
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


@dataclass(frozen=True)
class DocumentLine:
    document_type: str  # the label
    number: str
    issuing_country: str  # the country's name
    issue_date: date | None
    expiry_date: date | None
    status: str  # the label


@dataclass(frozen=True)
class IdentityLine(HouseholdLine):
    """A household line with what an authority abroad identifies the person by: the passport's Latin
    spelling (or the expected one, labelled) and the identity documents."""

    latin: LatinSpelling | None = None
    documents: tuple[DocumentLine, ...] = ()
    travel_document: DocumentLine | None = None


def _document_line(document: IdentityDocument) -> DocumentLine:
    return DocumentLine(
        document_type=document.get_document_type_display(),
        number=str(document.number),
        issuing_country=str(document.issuing_country.name) if document.issuing_country else "",
        issue_date=document.issue_date,
        expiry_date=document.expiry_date,
        status=document.get_status_display(),
    )


def application_identities(*, actor: Actor, application_id: object) -> list[IdentityLine]:
    """Who the application is for, as the dossier and referral list give it to the deciding authority: names
    in Cyrillic and Latin, dates of birth, roles and identity documents. Read for the NGO whose application it
    is and for an authority it was referred to (it identifies the people by these), nothing else of the file."""
    application = application_get(actor=actor, application_id=application_id)
    members = list(
        HouseholdMember.objects.filter(household_id=application.case.household_id)
        .select_related("person")
        .prefetch_related(
            Prefetch("person__name_variants", queryset=NameVariant.objects.select_related("source_document")),
            "person__documents",
        )
        .order_by(*household_member_order())
    )
    lines = []
    for member in members:
        person = member.person
        documents = list(person.documents.all())
        chosen = travel_document(documents)
        lines.append(
            IdentityLine(
                full_name=person.full_name,
                date_of_birth=person.date_of_birth,
                role=member.get_role_display(),
                person_id=member.person_id,
                latin=latin_spelling(person, person.name_variants.all()),
                documents=tuple(_document_line(d) for d in documents),
                travel_document=_document_line(chosen) if chosen else None,
            )
        )
    return lines


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


class ScreeningProblem:
    NOT_YOURS = "not_yours"  # an authority: screening reads the NGO's file, which it does not see
    NO_RULE_SET = "no_rule_set"  # the regime stores no rule set
    INVALID_RULE_SET = "invalid_rule_set"  # the stored document does not load (unknown fact, political term)


@dataclass(frozen=True)
class ApplicationScreening:
    result: ScreeningResult | None
    problem: str = ""  # a ScreeningProblem when there is no result


def application_screening(
    *, actor: Actor, application: Application, today: date | None = None
) -> ApplicationScreening:
    """The screening of the application's case under the rule set its regime stores, computed now and never
    stored: the rule set's id and version, the facts and the date in the result reproduce it.

    Only the NGO whose case it is sees it: the facts come from its file (risk factors, citizenships,
    passports), which an authority does not read. The facts are what the case record knows
    (`case_screening_facts`: the record, the principal's programme declarations and the evidence linked to the
    household's dangers); an application records none of the screening vocabulary, so criteria needing what
    nobody recorded say "needs review"."""
    organisation = actor.organisation
    if organisation is None or organisation.pk != application.organisation_id:
        return ApplicationScreening(result=None, problem=ScreeningProblem.NOT_YOURS)
    document = application.regime.rule_set
    if not document:
        return ApplicationScreening(result=None, problem=ScreeningProblem.NO_RULE_SET)
    try:
        rule_set = load_rule_set(document)
    except (RuleSetError, PoliticalCriterionError):
        return ApplicationScreening(result=None, problem=ScreeningProblem.INVALID_RULE_SET)
    today = today or timezone.localdate()
    facts = case_screening_facts(actor=actor, case=application.case, today=today)
    return ApplicationScreening(result=evaluate(rule_set, facts, as_of=today))


@dataclass(frozen=True)
class PathwayDurations:
    pathway: Pathway
    applications: int  # how many applications of the actor's scope the figures are computed from
    states: list[StateDurations]  # in the order of the pathway's table


def time_in_state_by_pathway(*, actor: Actor) -> list[PathwayDurations]:
    """Median and 90th percentile of days spent in each state, per pathway, over the applications the actor
    sees (an NGO its own, an authority those referred to it), from their histories of moves. Pathways with
    no ended stay are left out."""
    moves = (
        ApplicationStateChange.objects.for_actor(actor)
        .order_by("application_id", "occurred_at", "created_at")
        .values_list("application_id", "application__pathway", "to_state", "occurred_at")
    )
    histories: dict[str, dict[object, list[tuple[str, datetime]]]] = {}
    for application_id, pathway, to_state, occurred_at in moves.iterator():
        histories.setdefault(pathway, {}).setdefault(application_id, []).append((to_state, occurred_at))
    rows = []
    for pathway in SHIPPED:
        by_application = histories.get(pathway.code)
        if not by_application:
            continue
        figures = time_in_state(by_application.values())
        if not figures:
            continue
        order = {state.code: index for index, state in enumerate(pathway.states)}
        figures.sort(key=lambda row: order.get(row.state, len(order)))
        rows.append(PathwayDurations(pathway=pathway, applications=len(by_application), states=figures))
    return rows
