"""Done when: at the demo's population every blind-index value matches at least 2 records.

The population is the demo's own (500 households, seed 1917, about 1,130 persons) taken from the planner
(herzen.demo.planning) rather than written through the services: the index values are computed exactly as
the services compute them, without a minute of database writes. The test also keeps each index's declared
"distinct values per person" (herzen.people.blind_indexes) close to what the demo really holds, since the
truncation is planned from it.
"""

import base64
import os
from collections import defaultdict
from datetime import date

import pytest
from django.test import override_settings

from herzen.demo.planning import plan_households
from herzen.domain.names import FullName, person_name_keys
from herzen.domain.names.near import person_near_keys
from herzen.domain.names.pairs import person_pair_keys
from herzen.encryption import keyring
from herzen.encryption.blind import index_value, plan
from herzen.people.blind_indexes import (
    CONTACT_VALUE,
    DATE_OF_BIRTH,
    DOCUMENT_NUMBER,
    DOCUMENT_NUMBER_TAIL,
    PERSON_NAME,
    PERSON_NAME_NEAR,
    PERSON_NAME_PAIR,
    normalise_contact_value,
    normalise_document_number,
)

DEMO_HOUSEHOLDS, DEMO_SEED = 500, 1917


@pytest.fixture(scope="module")
def demo_values():
    """{index name: {person number: set of normalised values}} for the demo's persons."""
    plans = plan_households(
        seed=DEMO_SEED,
        households=DEMO_HOUSEHOLDS,
        today=date(2026, 11, 23),
        organisation_countries=["GE", "KZ", "DE"],
    )
    persons = [member for household in plans for member in household.members]
    values = defaultdict(dict)
    for number, person in enumerate(persons):
        spellings = [FullName(person.surname, person.given_name, person.patronymic)]
        spellings += [FullName(v.surname, v.given_name, v.patronymic) for v in person.name_variants]
        values[PERSON_NAME.name][number] = set(person_name_keys(spellings))
        values[PERSON_NAME_PAIR.name][number] = set(person_pair_keys(values[PERSON_NAME.name][number]))
        values[PERSON_NAME_NEAR.name][number] = set(person_near_keys(values[PERSON_NAME.name][number]))
        born = person.date_of_birth
        values[DATE_OF_BIRTH.name][number] = {born.isoformat()} if born else set()
        values[DOCUMENT_NUMBER.name][number] = {normalise_document_number(d.number) for d in person.documents}
        values[DOCUMENT_NUMBER_TAIL.name][number] = {
            DOCUMENT_NUMBER_TAIL.normalise(d.number) for d in person.documents
        }
        values[CONTACT_VALUE.name][number] = {normalise_contact_value(c.value) for c in person.contacts}
    return len(persons), values


def _persons_per_index_value(name: str, values_of: dict[int, set[str]]) -> dict[str, set[int]]:
    buckets: dict[str, set[int]] = defaultdict(set)
    for person, values in values_of.items():
        for value in values:
            buckets[index_value(name, value, normalised=True)].add(person)
    return buckets


@pytest.mark.parametrize("root", ["test settings", "random 1", "random 2", "random 3"])
def test_every_index_value_matches_at_least_two_persons_at_the_demo_population(demo_values, settings, root):
    persons, values = demo_values
    assert 1_000 <= persons <= settings.HERZEN_BLIND_INDEX_POPULATION
    secret = settings.HERZEN_BLIND_INDEX_KEY if root == "test settings" else keyring_secret()
    with override_settings(HERZEN_BLIND_INDEX_KEY=secret):
        keyring.reset()
        try:
            for name in (
                PERSON_NAME.name,
                PERSON_NAME_PAIR.name,
                PERSON_NAME_NEAR.name,
                DATE_OF_BIRTH.name,
                DOCUMENT_NUMBER.name,
                DOCUMENT_NUMBER_TAIL.name,
                CONTACT_VALUE.name,
            ):
                buckets = _persons_per_index_value(name, values[name])
                lonely = {value: people for value, people in buckets.items() if len(people) < 2}
                assert lonely == {}, f"{name}: {len(lonely)} index values match a single person"
                assert len(buckets) <= 2 ** plan(name).bits
        finally:
            keyring.reset()


def keyring_secret() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_the_declared_values_per_person_match_the_demo(demo_values):
    persons, values = demo_values
    for index in (
        PERSON_NAME,
        PERSON_NAME_PAIR,
        PERSON_NAME_NEAR,
        DATE_OF_BIRTH,
        DOCUMENT_NUMBER,
        CONTACT_VALUE,
    ):
        distinct = set().union(*values[index.name].values())
        measured = len(distinct) / persons
        assert abs(measured - index.values_per_person) / index.values_per_person < 0.15, (
            index.name,
            measured,
        )
