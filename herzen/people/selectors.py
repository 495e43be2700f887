"""Reads of the person record, always scoped to the actor's organisation."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, F, IntegerField, OrderBy, Prefetch, Q, QuerySet, Value, When

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.names import FullName, name_keys, query_keys
from herzen.domain.risk import StayDeadline
from herzen.people.choices import HouseholdRole
from herzen.people.models import (
    Household,
    HouseholdMember,
    IdentityDocument,
    NameVariant,
    Person,
    PersonNameKey,
    RiskFactor,
    Stay,
)
from herzen.people.permissions import can_view_household, can_view_person
from herzen.people.services.stays import stay_deadline


def person_get(*, actor: Actor, person_id: object) -> Person:
    person = get_scoped(Person, actor, person_id)
    if not can_view_person(actor, person):
        raise NotFound()
    return person


def person_detail(*, actor: Actor, person_id: object) -> Person:
    """A person with everything their page and API record show, fetched in a fixed number of queries.

    Prefetched: name spellings (by scheme, newest first, with their source document), contact points,
    identity documents, entry refusals; joined: the household membership and its household (reading
    `person.household_membership` raises when there is none: use `getattr(person, "household_membership", None)`).
    """
    persons = Person.objects.select_related("household_membership__household").prefetch_related(
        Prefetch(
            "name_variants",
            queryset=NameVariant.objects.select_related("source_document").order_by("scheme", "-valid_from"),
        ),
        "contact_points",
        "documents",
        "entry_refusals",
    )
    person = get_scoped(persons, actor, person_id)
    if not can_view_person(actor, person):
        raise NotFound()
    return person


def person_list(*, actor: Actor, name_query: str = "") -> QuerySet[Person]:
    """Persons of the actor's organisation; with a query, those with a spelling matching every word of it."""
    persons = Person.objects.for_actor(actor)
    return persons_matching_name(persons, name_query)


def persons_matching_name(persons: QuerySet[Person], name_query: str) -> QuerySet[Person]:
    """Narrow `persons` to those whose stored or expected spellings match each word of the query.

    "Щукина", "Shchukina", "Schtschukina" and "Ščukina" reduce to a shared key (herzen.domain.names), so any
    of them finds the same woman. This finds candidates; a person decides whether two records are one.
    """
    for word_keys in query_keys(name_query):
        persons = persons.filter(
            pk__in=PersonNameKey.objects.filter(key__in=sorted(word_keys)).values("person_id")
        )
    return persons


def person_duplicate_candidates(*, actor: Actor, person: Person, limit: int = 10) -> list[Person]:
    """Other records of the organisation that may be the same human being, for a person to compare.

    A candidate shares a lookup key for the surname and one for the given name with any spelling this
    person is known by (so "Щукина" meets a record filed as "Shchukina" or "Ščukina"), and has the same or
    an unknown date of birth. Herzen never merges records itself: a wrong merge would mix two people's
    danger and papers, so the decision stays with the caseworker.
    """
    spellings = [FullName(person.surname, person.given_name, person.patronymic)]
    spellings += [FullName(v.surname, v.given_name, v.patronymic) for v in person.name_variants.all()]
    surname_keys = set().union(*(name_keys(word) for name in spellings for word in name.surname.split()))
    given_keys = set().union(*(name_keys(word) for name in spellings for word in name.given_name.split()))
    candidates = (
        Person.objects.for_actor(actor)
        .exclude(pk=person.pk)
        .filter(pk__in=PersonNameKey.objects.filter(key__in=sorted(surname_keys)).values("person_id"))
        .filter(pk__in=PersonNameKey.objects.filter(key__in=sorted(given_keys)).values("person_id"))
    )
    if person.date_of_birth is not None:
        candidates = candidates.filter(Q(date_of_birth=person.date_of_birth) | Q(date_of_birth__isnull=True))
    return list(candidates.order_by("surname", "given_name")[:limit])


def household_get(*, actor: Actor, household_id: object) -> Household:
    household = get_scoped(Household, actor, household_id)
    if not can_view_household(actor, household):
        raise NotFound()
    return household


def household_member_order() -> tuple[Case, OrderBy, str]:
    """The principal first, then spouse or partner, children and other dependants (HouseholdRole's declared
    order), each eldest first; members without a date of birth last. For querysets of HouseholdMember."""
    role_position = Case(
        *(When(role=role, then=Value(position)) for position, role in enumerate(HouseholdRole.values)),
        default=Value(len(HouseholdRole.values)),
        output_field=IntegerField(),
    )
    return role_position, F("person__date_of_birth").asc(nulls_last=True), "created_at"


def household_members(*, actor: Actor, household: Household) -> QuerySet[HouseholdMember]:
    """The members of a household, in household_member_order()."""
    return (
        HouseholdMember.objects.for_actor(actor)
        .filter(household=household)
        .select_related("person")
        .prefetch_related("person__name_variants", "person__contact_points")
        .order_by(*household_member_order())
    )


def document_list(
    *, actor: Actor, person: Person | None = None, household: Household | None = None
) -> QuerySet[IdentityDocument]:
    """Identity documents of the actor's organisation, of one person or of a household's members."""
    documents = IdentityDocument.objects.for_actor(actor).select_related("person")
    if person is not None:
        documents = documents.filter(person=person)
    if household is not None:
        documents = documents.filter(person__household_membership__household=household)
    return documents


def document_get(*, actor: Actor, document_id: object) -> IdentityDocument:
    return get_scoped(IdentityDocument, actor, document_id)


def stay_list(*, actor: Actor, person: Person | None = None) -> QuerySet[Stay]:
    stays = Stay.objects.for_actor(actor).select_related("person", "document")
    return stays.filter(person=person) if person is not None else stays


def stay_get(*, actor: Actor, stay_id: object) -> Stay:
    return get_scoped(Stay, actor, stay_id)


@dataclass(frozen=True)
class StayWithDeadline:
    stay: Stay
    deadline: StayDeadline | None  # None for a stay that has ended

    def days_left(self, today: date) -> int | None:
        if self.deadline is None or self.deadline.last_legal_day is None:
            return None
        return (self.deadline.last_legal_day - today).days


def stays_with_deadlines(*, actor: Actor, person: Person) -> list[StayWithDeadline]:
    """Each stay of the person with the domain's explanation of its deadline (open stays only)."""
    person = (
        Person.objects.for_actor(actor)
        .prefetch_related(Prefetch("stays", queryset=Stay.objects.select_related("document")))
        .get(pk=person.pk)
    )
    return [
        StayWithDeadline(
            stay=stay, deadline=stay_deadline(person.stays.all(), stay) if stay.exit_date is None else None
        )
        for stay in person.stays.all()
    ]


def risk_factor_list(
    *, actor: Actor, person: Person | None = None, current_only: bool = False
) -> QuerySet[RiskFactor]:
    factors = RiskFactor.objects.for_actor(actor).select_related("person")
    if person is not None:
        factors = factors.filter(person=person)
    return factors.filter(is_current=True) if current_only else factors


def risk_factor_get(*, actor: Actor, risk_factor_id: object) -> RiskFactor:
    return get_scoped(RiskFactor, actor, risk_factor_id)
