"""The pair-key path of the name search finds exactly the persons the word-key path finds.

The persons are the demo planner's (Cyrillic names with passport, German and MRZ spellings); the queries
are their names as caseworkers type them: in Cyrillic and in Latin schemes, in any word order, with the
other gender's surname, one half of a double surname, and names of two different persons mixed (which
must find those who happen to bear both).
"""

import random
from datetime import date

from herzen.demo.planning import plan_households
from herzen.domain.names import FullName, Scheme, query_keys, transliterate
from herzen.domain.names.pairs import query_pair_keys
from herzen.people import services
from herzen.people.models import Person
from herzen.people.selectors import (
    _confirmed_matches,
    _persons_with_a_key_of_every_word,
    persons_matching_name,
)
from herzen.people.tests.factories import make_person


def _demo_persons(actor) -> list[Person]:
    plans = plan_households(
        seed=1917, households=40, today=date(2026, 11, 23), organisation_countries=["GE", "KZ", "DE"]
    )
    persons = []
    for plan in (member for household in plans for member in household.members):
        person = make_person(
            actor,
            surname=plan.surname,
            given_name=plan.given_name,
            patronymic=plan.patronymic,
            sex=plan.sex,
        )
        for variant in plan.name_variants:
            services.name_variant_add(
                actor=actor,
                person_id=person.pk,
                surname=variant.surname,
                given_name=variant.given_name,
                patronymic=variant.patronymic,
                scheme=variant.scheme,
            )
        persons.append(person)
    return persons


def _queries(persons: list[Person]) -> list[str]:
    rng = random.Random(8)
    queries = []
    for person in persons:
        name = FullName(person.surname, person.given_name, person.patronymic)
        full = " ".join(part for part in name.parts if part)
        other = rng.choice(persons)
        queries += [
            full,
            f"{name.given_name} {name.surname}",
            f"{name.given_name} {name.patronymic}",
            transliterate(full, Scheme.ICAO_9303),
            transliterate(full, Scheme.GERMAN),
            transliterate(full, Scheme.ICAO_9303).upper(),
            transliterate(full, Scheme.ISO_9),
            transliterate(full, Scheme.ISO_9).upper(),
            transliterate(full, Scheme.MRZ_INTERNAL),
            transliterate(full, Scheme.MVD_1997).lower(),
            f"{transliterate(name.surname, Scheme.GERMAN)} {name.given_name}",
            f"{other.surname} {name.given_name}",
            f"{name.surname} {other.given_name} {other.patronymic}",
        ]
        if name.surname.endswith("а"):
            queries.append(f"{name.surname[:-1]} {name.given_name}")  # the husband's surname
        else:
            queries.append(f"{name.surname}а {name.given_name}")
        queries += [f"{half} {name.given_name}" for half in name.surname.split("-")]
    queries += ["Римский Корсаков", "Анна Anna", "Щукина 1985", "Shchukina"]
    return queries


def test_the_pair_path_finds_exactly_what_the_word_path_finds(caseworker_a):
    persons = _demo_persons(caseworker_a)
    scope = Person.objects.for_actor(caseworker_a)
    queries = _queries(persons)

    found, by_pairs = 0, 0
    for query in queries:
        wanted = query_keys(query)
        by_words = _confirmed_matches(scope.filter(pk__in=_persons_with_a_key_of_every_word(wanted)), wanted)
        searched = set(persons_matching_name(scope, query).values_list("pk", flat=True))
        assert searched == set(by_words), query
        found += bool(searched)
        by_pairs += bool(query_pair_keys(wanted))

    assert len(persons) >= 80
    assert found >= len(queries) // 2  # the comparison is not between empty results
    assert by_pairs >= len(queries) - 5  # and it is the pair path that was compared
