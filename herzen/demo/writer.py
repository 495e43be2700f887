"""Writing household plans through the real services, so every record gets exactly the audit events,
name keys and legal-stay deadlines the app itself would store."""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from herzen.cases import services as case_services
from herzen.cases.models import Case, CaseStatus
from herzen.cases.permissions import can_change_case_status
from herzen.core.actor import Actor, Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import Membership, Organisation
from herzen.people import services as people_services
from herzen.people.models import Household, Person

from .plans import HouseholdPlan, PersonPlan


@dataclass(frozen=True)
class Desk:
    """One organisation as the generator writes into it: who records, who holds cases, who supervises."""

    organisation: Organisation
    actor: Actor
    caseworkers: tuple[Actor, ...]  # sorted by username, so a plan's assignee index is stable
    supervisor: Actor | None

    @classmethod
    def of(cls, organisation: Organisation, actor: Actor) -> "Desk":
        memberships = (
            Membership.objects.filter(
                organisation=organisation, user__is_active=True, role__in=[Role.CASEWORKER, Role.SUPERVISOR]
            )
            .select_related("user")
            .order_by("user__username", "role")
        )
        actors: dict[object, Actor] = {}
        supervisor = None
        for membership in memberships:
            if membership.user_id not in actors:
                staff_actor = actor_for_user(membership.user, organisation_id=organisation.pk)
                assert staff_actor is not None
                actors[membership.user_id] = staff_actor
            if membership.role == Role.SUPERVISOR and supervisor is None:
                supervisor = actors[membership.user_id]
        return cls(
            organisation=organisation, actor=actor, caseworkers=tuple(actors.values()), supervisor=supervisor
        )

    def assignee(self, index: int | None) -> Actor | None:
        if index is None or not self.caseworkers:
            return None
        return self.caseworkers[index % len(self.caseworkers)]


@dataclass(frozen=True)
class Written:
    household: Household
    case: Case


# The parts of a PersonPlan that are written by later steps, not by person_create.
PERSON_PARTS = ("documents", "name_variants", "contacts", "stays", "refusals", "risk_factors")


def _arguments(plan: Any, *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A plan's fields as service keyword arguments: the plans are named after the services' parameters."""
    return {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan) if f.name not in drop}


def _write_person(actor: Actor, plan: PersonPlan) -> Person:
    person = people_services.person_create(
        actor=actor,
        **_arguments(plan, drop=("role", "citizenships", "languages", *PERSON_PARTS)),
        citizenships=list(plan.citizenships),
        languages=list(plan.languages),
    )
    # Plans name documents by a key local to their person; stays and spellings refer to them by it.
    document_ids = {
        document.key: people_services.document_add(
            actor=actor, person_id=person.pk, **_arguments(document, drop=("key",))
        ).pk
        for document in plan.documents
    }
    for variant in plan.name_variants:
        people_services.name_variant_add(
            actor=actor,
            person_id=person.pk,
            **_arguments(variant, drop=("source_document",)),
            source_document_id=document_ids.get(variant.source_document) if variant.source_document else None,
        )
    for contact in plan.contacts:
        people_services.contact_point_add(actor=actor, person_id=person.pk, **_arguments(contact))
    for stay in plan.stays:
        people_services.stay_record(
            actor=actor,
            person_id=person.pk,
            **_arguments(stay, drop=("document",)),
            document_id=document_ids.get(stay.document) if stay.document else None,
        )
    for refusal in plan.refusals:
        people_services.entry_refusal_record(actor=actor, person_id=person.pk, **_arguments(refusal))
    for factor in plan.risk_factors:
        people_services.risk_factor_record(actor=actor, person_id=person.pk, **_arguments(factor))
    return person


def opened_at_of(plan: HouseholdPlan) -> datetime:
    """A household usually turns to an NGO a few weeks after arriving where it is now."""
    arrived = max(stay.entry_date for stay in plan.itinerary.stays)
    days_later = 3 + (sum(map(ord, plan.principal.surname)) % 40)  # deterministic spread of 3-42 days
    opened = datetime.combine(arrived + timedelta(days=days_later), time(10, 0), tzinfo=UTC)
    return min(opened, timezone.now())


def write_household(desk: Desk, plan: HouseholdPlan) -> Written:
    actor = desk.actor
    persons = [_write_person(actor, member) for member in plan.members]
    household = people_services.household_create(actor=actor, principal_id=persons[0].pk)
    for person, member in zip(persons[1:], plan.members[1:], strict=True):
        people_services.household_member_add(
            actor=actor, household_id=household.pk, person_id=person.pk, role=member.role
        )
    assignee = desk.assignee(plan.case.assignee)
    case = case_services.case_open(
        actor=actor,
        household_id=household.pk,
        assigned_caseworker_id=assignee.user.pk if assignee else None,
        opened_at=opened_at_of(plan),
    )
    # Notes are written by whoever holds the file; unassigned files by the person who opened them.
    author = assignee or actor
    for body in plan.case.notes:
        case_services.case_note_add(actor=author, case_id=case.pk, body=body)
    if plan.case.status != CaseStatus.OPEN:
        for candidate in (assignee, desk.supervisor, actor):
            if candidate is not None and can_change_case_status(candidate, case):
                case = case_services.case_change_status(
                    actor=candidate, case_id=case.pk, status=plan.case.status
                )
                break
    household.refresh_from_db(fields=["current_country", "earliest_stay_deadline"])
    return Written(household=household, case=case)


def desks_for(organisations: Sequence[tuple[Organisation, Actor]]) -> list[Desk]:
    return [Desk.of(organisation, actor) for organisation, actor in organisations]
