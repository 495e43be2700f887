"""Persons filed before pair keys existed get them from the migration, as the services write them."""

import importlib

from django.apps import apps

from herzen.people import services
from herzen.people.models import PersonNameKey
from herzen.people.selectors import person_list
from herzen.people.tests.factories import make_person

migration = importlib.import_module("herzen.people.migrations.0006_person_name_pair_keys")


def test_the_migration_adds_the_pair_keys_the_services_write(caseworker_a, supervisor_a):
    # Given a person with a Latin spelling, and one erased, filed before pair keys existed
    anna = make_person(caseworker_a)
    erased = make_person(caseworker_a, surname="Петрова", given_name="Ольга")
    services.person_erase(actor=supervisor_a, person_id=erased.pk)
    services.name_variant_add(
        actor=caseworker_a, person_id=anna.pk, surname="Schtschukina", given_name="Anna", scheme="german"
    )
    pair_rows = PersonNameKey.objects.filter(key__startswith="p:")
    written = set(pair_rows.values_list("person_id", "key"))
    pair_rows.delete()
    assert list(person_list(actor=caseworker_a, name_query="Schtschukina Anna")) == []

    # When
    migration.add_pair_keys(apps, None)

    # Then
    assert set(pair_rows.values_list("person_id", "key")) == written
    assert not PersonNameKey.objects.filter(person=erased).exists()  # an erased person is found by no name
    assert list(person_list(actor=caseworker_a, name_query="Schtschukina Anna")) == [anna]
