"""Reads of the person record, always scoped to the actor's organisation."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.names import query_keys
from herzen.domain.risk import StayDeadline
from herzen.people.models import Household, HouseholdMember, IdentityDocument, Person, PersonNameKey, Stay
from herzen.people.permissions import can_view_household, can_view_person
from herzen.people.services.stays import stay_deadline


def person_get(*, actor: Actor, person_id: object) -> Person:
    person = get_scoped(Person, actor, person_id)
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


def household_get(*, actor: Actor, household_id: object) -> Household:
    household = get_scoped(Household, actor, household_id)
    if not can_view_household(actor, household):
        raise NotFound()
    return household


def household_members(*, actor: Actor, household: Household) -> QuerySet[HouseholdMember]:
    return (
        HouseholdMember.objects.for_actor(actor)
        .filter(household=household)
        .select_related("person")
        .prefetch_related("person__name_variants", "person__contact_points")
        .order_by("role", "person__date_of_birth")
    )


def document_list(*, actor: Actor, person: Person | None = None) -> QuerySet[IdentityDocument]:
    documents = IdentityDocument.objects.for_actor(actor).select_related("person")
    return documents.filter(person=person) if person is not None else documents


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
        StayWithDeadline(stay=stay, deadline=stay_deadline(person, stay) if stay.exit_date is None else None)
        for stay in person.stays.all()
    ]
