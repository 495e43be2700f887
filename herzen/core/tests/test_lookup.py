"""`core.lookup.locked_rows_reused`: a row locked once in the block is handed out again, never beyond it,
never to another organisation, and never outside a transaction."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped, locked_rows_reused
from herzen.people.models import Person
from herzen.people.tests.factories import make_person


@pytest.fixture
def person(caseworker_a):
    return make_person(caseworker_a)


def test_inside_the_block_a_locked_row_is_selected_once_and_shared(person, caseworker_a):
    with transaction.atomic(), locked_rows_reused(), CaptureQueriesContext(connection) as captured:
        first = get_scoped(Person, caseworker_a, person.pk, for_update=True)
        first.profession = "engineer"  # a change made through the instance is seen by the next caller
        again = get_scoped(Person, caseworker_a, str(person.pk), for_update=True)
    assert again is first
    assert again.profession == "engineer"
    assert len([q for q in captured.captured_queries if q["sql"].startswith("SELECT")]) == 1


def test_outside_the_block_and_without_a_lock_every_call_selects(person, caseworker_a):
    with transaction.atomic():
        with locked_rows_reused():
            inside = get_scoped(Person, caseworker_a, person.pk, for_update=True)
            unlocked = get_scoped(Person, caseworker_a, person.pk)
        after = get_scoped(Person, caseworker_a, person.pk, for_update=True)
    assert unlocked is not inside
    assert after is not inside


def test_another_organisation_still_gets_not_found(person, caseworker_a, caseworker_b):
    with transaction.atomic(), locked_rows_reused():
        get_scoped(Person, caseworker_a, person.pk, for_update=True)
        with pytest.raises(NotFound):
            get_scoped(Person, caseworker_b, person.pk, for_update=True)


@pytest.mark.django_db(transaction=True)  # the ordinary test database wraps every test in a transaction
def test_the_block_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError), locked_rows_reused():
        pass
