"""household_member_create: a new person joins a household in one step, or not at all."""

from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.people import services
from herzen.people.models import HouseholdMember, Person, PersonNameKey
from herzen.people.tests.factories import make_household

CHILD = {"surname": "Щукин", "given_name": "Илья", "patronymic": "Петрович", "sex": "M"}


def counts():
    return (Person.objects.count(), HouseholdMember.objects.count(), AuditEvent.objects.count())


def test_records_the_person_and_their_place_in_the_household_with_two_audit_events(caseworker_a):
    household = make_household(caseworker_a)
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))

    member = services.household_member_create(
        actor=caseworker_a, household_id=household.pk, role="child", date_of_birth=date(2015, 3, 1), **CHILD
    )

    assert (member.household_id, member.role) == (household.pk, "child")
    person = member.person
    assert (person.full_name, person.sex, person.date_of_birth) == (
        "Щукин Илья Петрович",
        "M",
        date(2015, 3, 1),
    )
    assert person.organisation_id == caseworker_a.organisation_id
    assert PersonNameKey.objects.filter(person=person).exists()  # findable by any spelling
    new_events = AuditEvent.objects.exclude(pk__in=events_before)
    assert sorted(new_events.values_list("action", flat=True)) == ["household.member_add", "person.create"]


def test_a_second_principal_is_refused_and_the_new_person_is_not_kept(caseworker_a):
    household = make_household(caseworker_a)
    before = counts()

    with pytest.raises(Conflict) as raised:
        services.household_member_create(
            actor=caseworker_a, household_id=household.pk, role="principal", **CHILD
        )

    assert "role" in raised.value.fields
    assert counts() == before


def test_a_latin_name_is_refused_and_nothing_is_written(caseworker_a):
    household = make_household(caseworker_a)
    before = counts()

    with pytest.raises(Invalid) as raised:
        services.household_member_create(
            actor=caseworker_a, household_id=household.pk, role="child", **{**CHILD, "surname": "Shchukin"}
        )

    assert list(raised.value.fields) == ["surname"]
    assert counts() == before


def test_another_organisations_household_is_not_found_and_nothing_is_written(caseworker_a, caseworker_b):
    household = make_household(caseworker_a)
    before = counts()

    with pytest.raises(NotFound):
        services.household_member_create(actor=caseworker_b, household_id=household.pk, role="child", **CHILD)

    assert counts() == before


def test_an_auditor_is_refused_and_nothing_is_written(caseworker_a, auditor_a):
    household = make_household(caseworker_a)
    before = counts()

    with pytest.raises(PermissionDenied):
        services.household_member_create(actor=auditor_a, household_id=household.pk, role="child", **CHILD)

    assert counts() == before
