from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, NotFound
from herzen.people import services
from herzen.people.models import HouseholdMember
from herzen.people.tests.factories import make_household, make_person


def test_a_household_is_created_with_its_principal(caseworker_a):
    principal = make_person(caseworker_a)

    household = services.household_create(actor=caseworker_a, principal_id=principal.pk)

    assert household.members.get().role == "principal"
    assert AuditEvent.objects.filter(action="household.create", target_id=str(household.pk)).count() == 1


def test_members_join_with_a_role_and_a_second_principal_is_refused(caseworker_a):
    household = make_household(caseworker_a)
    child = make_person(caseworker_a, given_name="Мария", date_of_birth=date(2014, 2, 3))
    other = make_person(caseworker_a, given_name="Ольга")

    services.household_member_add(
        actor=caseworker_a, household_id=household.pk, person_id=child.pk, role="child"
    )
    with pytest.raises(Conflict):
        services.household_member_add(
            actor=caseworker_a, household_id=household.pk, person_id=other.pk, role="principal"
        )

    assert sorted(household.members.values_list("role", flat=True)) == ["child", "principal"]
    assert AuditEvent.objects.filter(action="household.member_add").count() == 1


def test_a_person_belongs_to_one_household(caseworker_a):
    person = make_person(caseworker_a)
    make_household(caseworker_a, principal=person)
    other = make_household(caseworker_a, principal=make_person(caseworker_a, given_name="Ольга"))

    with pytest.raises(Conflict):
        services.household_member_add(
            actor=caseworker_a, household_id=other.pk, person_id=person.pk, role="spouse_partner"
        )


def test_another_organisations_person_cannot_join_a_household(caseworker_a, caseworker_b):
    household = make_household(caseworker_a)
    foreign = make_person(caseworker_b)

    with pytest.raises(NotFound):
        services.household_member_add(
            actor=caseworker_a, household_id=household.pk, person_id=foreign.pk, role="child"
        )
    assert HouseholdMember.objects.filter(person=foreign).count() == 0
