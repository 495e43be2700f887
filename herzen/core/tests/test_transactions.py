"""`core.transactions.all_or_nothing`: inside it, nested services make no savepoints and a row locked once is
handed out again; never beyond the block, never to another organisation, never outside a transaction."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from herzen.core.exceptions import Invalid, NotFound
from herzen.core.lookup import get_scoped
from herzen.core.transactions import all_or_nothing
from herzen.people import services
from herzen.people.models import Person
from herzen.people.tests.factories import make_person


@pytest.fixture
def person(caseworker_a):
    return make_person(caseworker_a)


def _statements(captured, start):
    return [q["sql"] for q in captured.captured_queries if q["sql"].startswith(start)]


def test_inside_the_block_a_locked_row_is_selected_once_and_shared(person, caseworker_a):
    with transaction.atomic(), all_or_nothing(), CaptureQueriesContext(connection) as captured:
        first = get_scoped(Person, caseworker_a, person.pk, for_update=True)
        first.profession = "engineer"  # a change made through the instance is seen by the next caller
        again = get_scoped(Person, caseworker_a, str(person.pk), for_update=True)
    assert again is first
    assert again.profession == "engineer"
    assert len(_statements(captured, "SELECT")) == 1


def test_a_queryset_is_always_fetched_and_its_row_handed_out_after(person, caseworker_a):
    with transaction.atomic(), all_or_nothing():
        first = get_scoped(Person, caseworker_a, person.pk, for_update=True)
        fetched = get_scoped(Person.objects.all(), caseworker_a, person.pk, for_update=True)
        after = get_scoped(Person, caseworker_a, person.pk, for_update=True)
    assert fetched is not first
    assert after is fetched


def test_outside_the_block_and_without_a_lock_every_call_selects(person, caseworker_a):
    with transaction.atomic():
        with all_or_nothing():
            inside = get_scoped(Person, caseworker_a, person.pk, for_update=True)
            unlocked = get_scoped(Person, caseworker_a, person.pk)
        after = get_scoped(Person, caseworker_a, person.pk, for_update=True)
    assert unlocked is not inside
    assert after is not inside


def test_another_organisation_still_gets_not_found(person, caseworker_a, caseworker_b):
    with transaction.atomic(), all_or_nothing():
        get_scoped(Person, caseworker_a, person.pk, for_update=True)
        with pytest.raises(NotFound):
            get_scoped(Person, caseworker_b, person.pk, for_update=True)


def test_nested_services_make_savepoints_only_outside_the_block(person, caseworker_a):
    with transaction.atomic(), CaptureQueriesContext(connection) as outside:
        services.contact_point_add(actor=caseworker_a, person_id=person.pk, kind="phone", value="+995 555 1")
    with transaction.atomic(), all_or_nothing(), CaptureQueriesContext(connection) as inside:
        services.contact_point_add(actor=caseworker_a, person_id=person.pk, kind="phone", value="+995 555 2")
    assert _statements(outside, "SAVEPOINT")
    assert not _statements(inside, "SAVEPOINT")


def test_a_failure_caught_inside_the_block_spoils_the_transaction_instead_of_going_on(person, caseworker_a):
    with transaction.atomic(), all_or_nothing():
        with pytest.raises(Invalid):
            services.person_update(actor=caseworker_a, person_id=person.pk, sex="nonsense")
        with pytest.raises(TransactionManagementError):
            Person.objects.count()
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=True)  # the ordinary test database wraps every test in a transaction
def test_the_block_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError), all_or_nothing():
        pass
