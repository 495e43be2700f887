"""The people search: by name in any spelling, ranked, each result saying why it matched; and by identifier.

A name query is read every way it may have been written (herzen.domain.names.search): exact or passport
spellings rank first, then phonetic and other languages' readings, then near misses (one letter away on the
phonetic form). Near misses are looked up only when the stronger tiers leave the page short, through their
own blind keys (deletion neighbourhoods), so no query reads the person table whole. Identifiers (document
number, phone, e-mail, Telegram handle, date of birth) go through their blind indexes.
Always scoped to the actor's organisation; every candidate is confirmed on its decrypted values.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from herzen.core.actor import Actor
from herzen.domain.crypto import DecryptionFailed
from herzen.domain.names.families import Family
from herzen.domain.names.search import MatchKind, PersonMatch, QueryWord, Rank, match_person, parse_query
from herzen.encryption.blind import index_value
from herzen.people.blind_indexes import (
    DATE_OF_BIRTH,
    DOCUMENT_NUMBER_TAIL,
    NUMBER_WITHOUT_SERIES_LENGTHS,
    document_number_without_series,
    normalise_contact_value,
    normalise_document_number,
    normalise_phone,
)
from herzen.people.models import IdentityDocument, Person, PersonNameKey
from herzen.people.selectors import (
    documents_with_number,
    name_candidate_ids,
    persons_with_contact,
    sorted_by_name,
    unlock_persons,
)
from herzen.people.services.persons import name_key_index_values, near_key_index_values

# Candidates confirmed per query at most: a page of results with room for the strangers a blind bucket holds.
MAX_CANDIDATES = 500
DEFAULT_LIMIT = 50


class MatchReason(models.TextChoices):
    """Why a person is in the results, as shown to staff."""

    EXACT = "exact", _("Spelling on file or as a passport scheme writes it")
    MRZ = "mrz", _("Read from a machine-readable passport line")
    PHONETIC = "phonetic", _("Sounds the same in another romanisation")
    ENGLISH = "english", _("English spelling")
    FRENCH = "french", _("French spelling")
    POLISH = "polish", _("Polish spelling")
    CZECH = "czech", _("Czech spelling")
    UKRAINIAN = "ukrainian", _("Ukrainian spelling")
    KAZAKH = "kazakh", _("Kazakh spelling")
    GERMAN = "german", _("German spelling")
    NEAR = "near", _("One letter different")
    DOCUMENT = "document", _("Same document number")
    CONTACT = "contact", _("Same phone number, e-mail or Telegram handle")
    DATE_OF_BIRTH = "date_of_birth", _("Same date of birth")


_FAMILY_REASONS = {family: MatchReason(family.value) for family in Family}
_KIND_REASONS = {
    MatchKind.EXACT: MatchReason.EXACT,
    MatchKind.MRZ: MatchReason.MRZ,
    MatchKind.PHONETIC: MatchReason.PHONETIC,
    MatchKind.NEAR: MatchReason.NEAR,
}


@dataclass(frozen=True)
class SearchHit:
    person: Person
    rank: int  # 0 exact or identifier, 1 phonetic or another language's reading, 2 near miss
    reasons: tuple[MatchReason, ...]


def _reasons(match: PersonMatch) -> tuple[MatchReason, ...]:
    reasons: list[MatchReason] = []
    for word in sorted(match.words, key=lambda w: w.kind != MatchKind.FAMILY):
        if word.kind is MatchKind.FAMILY and word.family is not None:
            reasons.append(_FAMILY_REASONS[word.family])
        elif word.kind in _KIND_REASONS:
            reasons.append(_KIND_REASONS[word.kind])
    order = list(MatchReason)
    return tuple(sorted(set(reasons), key=order.index))


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_DOCUMENT_LIKE = re.compile(r"[0-9A-Za-zА-Яа-я№\s\-]{6,}")


def parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _split_date(query: str) -> tuple[str, date | None]:
    """A name query may carry a date of birth as one of its words: "Жукова 02.03.1985"."""
    words = query.split()
    for index, word in enumerate(words):
        born = parse_date(word)
        if born is not None:
            return " ".join(words[:index] + words[index + 1 :]), born
    return query, None


def _is_document_number(query: str) -> bool:
    digits = sum(char.isdigit() for char in query)
    letters = sum(char.isalpha() for char in query)
    return bool(_DOCUMENT_LIKE.fullmatch(query)) and digits >= 6 and letters <= 3


def _documents_without_series(actor: Actor, query: str) -> list[IdentityDocument]:
    """Passports whose number without its series is the one typed ("123456" finds 4510 123456)."""
    wanted = normalise_document_number(query)
    if not wanted.isdigit() or len(wanted) not in NUMBER_WITHOUT_SERIES_LENGTHS:
        return []
    bucket = list(
        IdentityDocument.objects.for_actor(actor)
        .filter(number_tail_index=index_value(DOCUMENT_NUMBER_TAIL.name, wanted, normalised=True))
        .select_related("person")
    )
    unlock_persons(document.person for document in bucket)
    return [d for d in bucket if document_number_without_series(d.number) == wanted and d.number != wanted]


def _near_candidate_ids(words: list[QueryWord]) -> QuerySet[PersonNameKey]:
    """Persons holding, for every word, a key of its strict readings or of its near-miss neighbourhood."""
    first, *others = (
        PersonNameKey.objects.filter(
            key__in=sorted(name_key_index_values(word.strict_keys) | near_key_index_values(word.near))
        )
        .order_by()
        .values_list("person_id", flat=True)
        for word in words
    )
    return first.intersection(*others) if others else first.distinct()


def _confirmed(
    persons: QuerySet[Person], ids: object, words: list[QueryWord], born: date | None, near: bool
) -> dict[object, SearchHit]:
    candidates = list(persons.filter(pk__in=ids)[:MAX_CANDIDATES])
    unlock_persons(candidates)
    hits: dict[object, SearchHit] = {}
    for person in candidates:
        try:
            keys = set(person.search_keys.split())
            if born is not None and person.date_of_birth != born:
                continue
        except DecryptionFailed:
            continue  # a tampered record confirms nothing; its own pages refuse to show it
        match = match_person(words, keys, near=near)
        if match is not None:
            reasons = _reasons(match) + ((MatchReason.DATE_OF_BIRTH,) if born is not None else ())
            hits[person.pk] = SearchHit(person, int(match.rank), reasons)
    return hits


def _by_name(actor: Actor, query: str, *, near: bool, limit: int) -> list[SearchHit]:
    text, born = _split_date(query)
    words = parse_query(text)
    persons = Person.objects.for_actor(actor)
    if not words:
        return _by_date_of_birth(persons, born) if born is not None else []
    hits = _confirmed(persons, name_candidate_ids([w.strict_keys for w in words]), words, born, near=False)
    if near and len(hits) < limit:
        for pk, hit in _confirmed(persons, _near_candidate_ids(words), words, born, near=True).items():
            hits.setdefault(pk, hit)
    return list(hits.values())


def _by_date_of_birth(persons: QuerySet[Person], born: date) -> list[SearchHit]:
    bucket = list(
        persons.filter(date_of_birth_index=index_value(DATE_OF_BIRTH.name, born.isoformat()))[:MAX_CANDIDATES]
    )
    unlock_persons(bucket)
    return [
        SearchHit(p, int(Rank.EXACT), (MatchReason.DATE_OF_BIRTH,)) for p in bucket if p.date_of_birth == born
    ]


def person_search(
    *, actor: Actor, query: str, near: bool = True, limit: int = DEFAULT_LIMIT
) -> list[SearchHit]:
    """Persons of the actor's organisation matching the query, best first (see the module).

    The query is read as an e-mail address, Telegram handle or phone number, a document number, a date of
    birth, or else a name in any spelling (a pasted MRZ line included), optionally with a date of birth.
    """
    query = query.strip()
    if not query:
        return []
    hits: list[SearchHit] = []
    identifier = False
    looks_like_contact = "@" in query or normalise_phone(query) is not None or "t.me/" in query.lower()
    if parse_date(query) is None and looks_like_contact:
        identifier = True
        if normalise_contact_value(query):
            persons = persons_with_contact(actor=actor, value=query)
            hits += [SearchHit(person, int(Rank.EXACT), (MatchReason.CONTACT,)) for person in persons]
    if "@" not in query and parse_date(query) is None and _is_document_number(query):
        # A ten-digit internal passport number is also a possible phone number: both are looked up.
        identifier = True
        documents = documents_with_number(actor=actor, number=query) + _documents_without_series(actor, query)
        found = {hit.person.pk for hit in hits}
        hits += [
            SearchHit(d.person, int(Rank.EXACT), (MatchReason.DOCUMENT,))
            for d in {d.person_id: d for d in documents}.values()
            if d.person_id not in found
        ]
    if not identifier:
        hits = _by_name(actor, query, near=near, limit=limit)
    ranked = sorted_by_name(hit.person for hit in hits)
    position = {person.pk: index for index, person in enumerate(ranked)}
    return sorted(hits, key=lambda hit: (hit.rank, position[hit.person.pk]))[:limit]
