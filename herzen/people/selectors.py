"""Reads of the person record, always scoped to the actor's organisation."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.crypto import DecryptionFailed
from herzen.domain.names import FullName, name_keys, query_keys
from herzen.domain.names.pairs import query_pair_keys
from herzen.domain.risk import RegistrationDeadline, StayDeadline
from herzen.encryption.blind import index_value
from herzen.encryption.keys import Owner, prefetch
from herzen.people.blind_indexes import (
    CONTACT_VALUE,
    DOCUMENT_NUMBER,
    normalise_contact_value,
    normalise_document_number,
)
from herzen.people.choices import HouseholdRole
from herzen.people.models import (
    ContactPoint,
    Declaration,
    EntryRefusal,
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
from herzen.people.services.persons import name_key_index_values, pair_key_index_values
from herzen.people.services.stays import stay_deadline, stay_registration


def unlock_persons(persons: Iterable[Person]) -> None:
    """Unwrap the data keys of many persons with one query, before reading their encrypted fields."""
    prefetch(Owner.of("person", person.pk) for person in persons)


def sorted_by_name(persons: Iterable[Person]) -> list[Person]:
    """Persons in alphabetical order. Names are ciphertext in the database, so this sorts in Python: use
    it on a page or a bounded candidate list, never on a whole organisation."""
    persons = list(persons)
    unlock_persons(persons)
    return sorted(
        persons, key=lambda p: (p.surname.casefold(), p.given_name.casefold(), p.patronymic.casefold())
    )


def spellings_of(person: Person) -> list[FullName]:
    """The canonical name and every stored spelling (decrypted)."""
    spellings = [FullName(person.surname, person.given_name, person.patronymic)]
    return spellings + [FullName(v.surname, v.given_name, v.patronymic) for v in person.name_variants.all()]


def _persons_with_any_key(keys: Iterable[str]) -> QuerySet[PersonNameKey]:
    return PersonNameKey.objects.filter(key__in=sorted(name_key_index_values(frozenset(keys)))).values(
        "person_id"
    )


def _persons_with_a_key_of_every_word(wanted: list[frozenset[str]]) -> QuerySet[PersonNameKey]:
    """Ids of the persons holding a lookup key of every word (a subquery: INTERSECT cannot be flattened).

    Each word's buckets are read from the (key, person) index alone and intersected in the database: a
    common given name ("Сергей") fills its buckets with thousands of namesakes at national scale, and
    joining those to the person table row by row made the search grow with the population.
    """
    first, *others = (
        PersonNameKey.objects.filter(key__in=sorted(name_key_index_values(word_keys)))
        .order_by()
        .values_list("person_id", flat=True)
        for word_keys in wanted
    )
    return first.intersection(*others) if others else first.distinct()


def _persons_with_a_pair_key_and_a_key_of_every_word(
    pair_keys: list[frozenset[str]], wanted: list[frozenset[str]]
) -> list[object]:
    """The persons `_persons_with_a_key_of_every_word` finds, read from the buckets of pairs of words.

    Every person holding a key of each query word holds a key of each set of `pair_keys`
    (herzen.domain.names.pairs), and a pair's bucket holds only namesakes in both words: the persons in all
    of them are few. Those are checked for a key of every word by reading their own keys, in a second
    query: as one query, the planner may join a word's whole bucket to the pairs' instead of probing each
    candidate, and a common given name's is vast.
    """
    first, *others = (
        PersonNameKey.objects.filter(key__in=sorted(pair_key_index_values(keys)))
        .order_by()
        .values_list("person_id", flat=True)
        for keys in pair_keys
    )
    bucket = set(first.intersection(*others) if others else first)
    if not bucket:
        return []
    word_values = [name_key_index_values(word_keys) for word_keys in wanted]
    held: dict[object, set[str]] = defaultdict(set)
    for person_id, value in PersonNameKey.objects.filter(
        person_id__in=bucket, key__in=sorted(set().union(*word_values))
    ).values_list("person_id", "key"):
        held[person_id].add(value)
    return [person_id for person_id, values in held.items() if all(values & word for word in word_values)]


def name_candidate_ids(wanted: list[frozenset[str]]) -> QuerySet[PersonNameKey] | list[object]:
    """Ids of the persons holding a lookup key of every word (a blind bucket: confirm each on its keys)."""
    pair_keys = query_pair_keys(wanted)
    if not pair_keys:  # one word, or words spelt alike: only the words' own keys find every match
        return _persons_with_a_key_of_every_word(wanted)
    return _persons_with_a_pair_key_and_a_key_of_every_word(pair_keys, wanted)


def _confirmed_matches(candidates: QuerySet[Person], wanted: list[frozenset[str]]) -> list[object]:
    """The candidates whose decrypted keys hold a key of every word (blind buckets include strangers)."""
    matching = []
    for person in candidates.only("pk", "search_keys"):
        try:
            keys = set(person.search_keys.split())
        except DecryptionFailed:
            # Tampered keys confirm nothing: one forged record must not stop every search of the
            # organisation. The failure is logged with its cell; the record's own pages refuse to show it.
            continue
        if all(keys & word_keys for word_keys in wanted):
            matching.append(person.pk)
    return matching


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

    The database holds only truncated blind indexes of the keys, so it returns a bucket of candidates that
    includes unrelated people; their names are decrypted here and only real matches are kept.
    """
    wanted = query_keys(name_query)
    if not wanted:
        return persons
    matching = _confirmed_matches(persons.filter(pk__in=name_candidate_ids(wanted)), wanted)
    return persons.filter(pk__in=matching)


def _same_name_candidates(persons: QuerySet[Person], person: Person) -> list[Person]:
    """Other records of `persons` (the actor's scope) sharing a lookup key for the surname and one for the given name with
    any spelling this person is known by, confirmed on their decrypted keys."""
    spellings = spellings_of(person)
    surname_keys = set().union(*(name_keys(word) for name in spellings for word in name.surname.split()))
    given_keys = set().union(*(name_keys(word) for name in spellings for word in name.given_name.split()))
    if not surname_keys or not given_keys:
        return []
    candidates = list(
        persons.exclude(pk=person.pk)
        .filter(pk__in=_persons_with_any_key(surname_keys))
        .filter(pk__in=_persons_with_any_key(given_keys))
    )
    # The blind indexes only narrow the search: confirm each candidate on its decrypted keys.
    return [
        candidate
        for candidate in candidates
        if set(candidate.search_keys.split()) & surname_keys
        and set(candidate.search_keys.split()) & given_keys
    ]


def person_duplicate_candidates(*, actor: Actor, person: Person, limit: int = 10) -> list[Person]:
    """Other records of the organisation that may be the same human being, for a person to compare.

    A candidate shares a lookup key for the surname and one for the given name with any spelling this
    person is known by (so "Щукина" meets a record filed as "Shchukina" or "Ščukina"), and has the same or
    an unknown date of birth. Herzen never merges records itself: a wrong merge would mix two people's
    danger and papers, so the decision stays with the caseworker.
    """
    confirmed = [
        candidate
        for candidate in _same_name_candidates(Person.objects.for_actor(actor), person)
        if person.date_of_birth is None or candidate.date_of_birth in (None, person.date_of_birth)
    ]
    return sorted_by_name(confirmed)[:limit]


@dataclass(frozen=True)
class DuplicateMatch:
    existing: Person
    same_date_of_birth: bool
    same_document_number: bool


def person_strong_duplicates(
    *, actor: Actor, person: Person, excluding: Iterable[object] = ()
) -> list[DuplicateMatch]:
    """Records that share this person's name keys (as `person_duplicate_candidates`) and also their known
    date of birth or an identity document number: the matches worth flagging when an application arrives.
    `excluding`: ids not to report (the other members of the same new household)."""
    excluded = {str(pk) for pk in excluding}
    candidates = [
        c for c in _same_name_candidates(Person.objects.for_actor(actor), person) if str(c.pk) not in excluded
    ]
    if not candidates:
        return []
    numbers_of: dict[object, set[str]] = {}
    documents = IdentityDocument.objects.for_actor(actor).filter(
        person_id__in=[person.pk, *[c.pk for c in candidates]]
    )
    for document in documents:
        numbers_of.setdefault(document.person_id, set()).add(normalise_document_number(document.number))
    own_numbers = numbers_of.get(person.pk, set()) - {""}
    matches = []
    for candidate in sorted_by_name(candidates):
        same_birth = person.date_of_birth is not None and candidate.date_of_birth == person.date_of_birth
        same_number = bool(own_numbers & numbers_of.get(candidate.pk, set()))
        if same_birth or same_number:
            matches.append(DuplicateMatch(candidate, same_birth, same_number))
    return matches


def documents_with_number(*, actor: Actor, number: str) -> list[IdentityDocument]:
    """Identity documents of the actor's organisation with this number, however it was typed."""
    wanted = normalise_document_number(number)
    if not wanted:
        return []
    bucket = list(
        IdentityDocument.objects.for_actor(actor)
        .filter(number_index=index_value(DOCUMENT_NUMBER.name, wanted, normalised=True))
        .select_related("person")
    )
    unlock_persons(document.person for document in bucket)
    return [document for document in bucket if document.number == wanted]


def persons_with_contact(*, actor: Actor, value: str) -> list[Person]:
    """Persons of the actor's organisation reachable at this phone number, e-mail address or handle."""
    wanted = normalise_contact_value(value)
    if not wanted:
        return []
    bucket = list(
        ContactPoint.objects.for_actor(actor)
        .filter(value_index=index_value(CONTACT_VALUE.name, wanted, normalised=True))
        .select_related("person")
    )
    unlock_persons(contact.person for contact in bucket)
    persons = {c.person_id: c.person for c in bucket if normalise_contact_value(c.value) == wanted}
    return sorted_by_name(persons.values())


def household_get(*, actor: Actor, household_id: object) -> Household:
    household = get_scoped(Household, actor, household_id)
    if not can_view_household(actor, household):
        raise NotFound()
    return household


def household_member_order() -> tuple[Case, str]:
    """The principal first, then spouse or partner, children and other dependants (HouseholdRole's declared
    order), then in the order they were added. For querysets of HouseholdMember. Dates of birth are
    encrypted, so "eldest first" within a role is applied in Python (`in_household_order`)."""
    role_position = Case(
        *(When(role=role, then=Value(position)) for position, role in enumerate(HouseholdRole.values)),
        default=Value(len(HouseholdRole.values)),
        output_field=IntegerField(),
    )
    return role_position, "created_at"


def in_household_order(members: Iterable[HouseholdMember]) -> list[HouseholdMember]:
    """Principal first, then by role, each eldest first; members without a date of birth last."""
    members = list(members)
    unlock_persons(member.person for member in members)
    roles = {role: position for position, role in enumerate(HouseholdRole.values)}

    def order(member: HouseholdMember) -> tuple[int, int, date, object]:
        born = member.person.date_of_birth
        return (roles.get(member.role, len(roles)), born is None, born or date.max, member.created_at)

    return sorted(members, key=order)


def household_members(*, actor: Actor, household: Household) -> list[HouseholdMember]:
    """The members of a household, principal first, then by role, each eldest first."""
    return in_household_order(
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
    registration: RegistrationDeadline | None = (
        None  # the open stay's registration duty, if the country has one
    )

    def days_left(self, today: date) -> int | None:
        if self.deadline is None or self.deadline.last_legal_day is None:
            return None
        return (self.deadline.last_legal_day - today).days


def stays_with_deadlines(*, actor: Actor, person: Person) -> list[StayWithDeadline]:
    """Each stay of the person with the domain's explanation of its deadline (open stays only)."""
    return stays_with_deadlines_of(actor=actor, persons=[person])[person.pk]


def stays_with_deadlines_of(
    *, actor: Actor, persons: Iterable[Person]
) -> dict[object, list[StayWithDeadline]]:
    """`stays_with_deadlines` of several persons (a household) in one query: {person id: their stays}."""
    stays_of: dict[object, list[Stay]] = {person.pk: [] for person in persons}
    for stay in Stay.objects.for_actor(actor).filter(person_id__in=list(stays_of)).select_related("document"):
        stays_of[stay.person_id].append(stay)
    return {
        person_id: [
            StayWithDeadline(
                stay=stay,
                deadline=stay_deadline(stays, stay) if stay.exit_date is None else None,
                registration=stay_registration(stay),
            )
            for stay in stays
        ]
        for person_id, stays in stays_of.items()
    }


def entry_refusal_list(*, actor: Actor, person: Person) -> QuerySet[EntryRefusal]:
    return EntryRefusal.objects.for_actor(actor).filter(person=person)


class TransitDeadlineKind(StrEnum):
    STAY_LIMIT = "stay_limit"
    REGISTRATION = "registration"


@dataclass(frozen=True)
class TransitDeadline:
    """A dated duty of a person in a transit country: their last legal day, or a registration due."""

    person_id: object
    stay_id: object
    country: str
    kind: TransitDeadlineKind
    due_on: date
    explanation: str  # the domain's own calculation (English)


def household_transit_deadlines(*, actor: Actor, household_id: object) -> list[TransitDeadline]:
    """The open stays' legal-stay and registration deadlines of a household's members, earliest first: what
    reminders and notifications are built from. Scoped like every read: another organisation's household
    gives an empty list."""
    stays = list(
        Stay.objects.for_actor(actor).filter(person__household_membership__household_id=household_id)
    )
    deadlines: list[TransitDeadline] = []
    for stay in stays:
        if stay.exit_date is not None:
            continue
        same_person = [s for s in stays if s.person_id == stay.person_id]
        verdict = stay_deadline(same_person, stay)
        if verdict.last_legal_day is not None:
            deadlines.append(
                TransitDeadline(
                    stay.person_id,
                    stay.pk,
                    stay.country.code,
                    TransitDeadlineKind.STAY_LIMIT,
                    verdict.last_legal_day,
                    verdict.explanation,
                )
            )
        registration = stay_registration(stay)
        if registration is not None and registration.due_on is not None:
            deadlines.append(
                TransitDeadline(
                    stay.person_id,
                    stay.pk,
                    stay.country.code,
                    TransitDeadlineKind.REGISTRATION,
                    registration.due_on,
                    registration.explanation,
                )
            )
    return sorted(deadlines, key=lambda d: (d.due_on, d.kind.value, str(d.person_id)))


def risk_factor_list(
    *, actor: Actor, person: Person | None = None, current_only: bool = False
) -> QuerySet[RiskFactor]:
    factors = RiskFactor.objects.for_actor(actor).select_related("person")
    if person is not None:
        factors = factors.filter(person=person)
    return factors.filter(is_current=True) if current_only else factors


def risk_factor_get(*, actor: Actor, risk_factor_id: object) -> RiskFactor:
    return get_scoped(RiskFactor, actor, risk_factor_id)


def person_declarations(*, actor: Actor, person: Person) -> list[Declaration]:
    """The person's programme declarations, standing and withdrawn, newest first within each kind."""
    return list(
        Declaration.objects.for_actor(actor)
        .filter(person=person)
        .select_related("recorded_by", "withdrawn_by")
        .order_by("kind", "-declared_at")
    )


def declaration_get(*, actor: Actor, declaration_id: object) -> Declaration:
    return get_scoped(Declaration, actor, declaration_id)
