"""case_open_for_new_household: one step that runs five services, each auditing, and keeps all or nothing."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases import services
from herzen.cases.models import Case
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.people.models import ContactPoint, Household, HouseholdMember, Person, PersonNameKey, Stay

PRINCIPAL = {
    "surname": "Щукина",
    "given_name": "Анна",
    "patronymic": "Сергеевна",
    "sex": "F",
    "date_of_birth": date(1990, 5, 17),
    "citizenships": ["RU", "IL"],
}


def nothing_written():
    tables = (Person, PersonNameKey, ContactPoint, Stay, Household, HouseholdMember, Case, AuditEvent)
    return all(not model.objects.exists() for model in tables)


def test_records_the_principal_contact_stay_household_and_case_each_with_its_audit_event(caseworker_a):
    entered = timezone.localdate() - timedelta(days=50)

    case = services.case_open_for_new_household(
        actor=caseworker_a,
        principal=PRINCIPAL,
        contact={"kind": "telegram", "value": " @anna_sch "},
        stay={"country": "TR", "city": "Стамбул", "entry_date": entered, "legal_basis": "visa_free"},
    )

    person = Person.objects.get()
    assert (person.surname, person.given_name, person.patronymic, person.sex) == (
        "Щукина",
        "Анна",
        "Сергеевна",
        "F",
    )
    assert person.date_of_birth == date(1990, 5, 17)
    assert {c.code for c in person.citizenships} == {"RU", "IL"}
    assert person.organisation_id == caseworker_a.organisation_id
    contact = ContactPoint.objects.get()
    assert (contact.person_id, contact.kind, contact.value, contact.is_preferred) == (
        person.pk,
        "telegram",
        "@anna_sch",
        True,
    )
    stay = Stay.objects.get()
    assert (stay.person_id, stay.country.code, stay.city, stay.entry_date) == (
        person.pk,
        "TR",
        "Стамбул",
        entered,
    )
    assert stay.legal_deadline == entered + timedelta(days=59)  # Turkey: 60 days per entry
    member = HouseholdMember.objects.get()
    assert (member.person_id, member.role) == (person.pk, "principal")
    assert case.household_id == member.household_id
    assert (case.status, case.organisation_id) == ("open", caseworker_a.organisation_id)
    # The household's summary follows its principal's stay, so the case list can filter and sort on it.
    assert (case.household.current_country, case.household.earliest_stay_deadline) == (
        "TR",
        stay.legal_deadline,
    )
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "case.open",
        "contact_point.add",
        "household.create",
        "person.create",
        "stay.record",
    ]
    assert set(AuditEvent.objects.values_list("actor_user_id", flat=True)) == {caseworker_a.user.pk}


def test_contact_and_stay_are_optional(caseworker_a):
    case = services.case_open_for_new_household(actor=caseworker_a, principal=PRINCIPAL)

    assert case.household.members.get().person.surname == "Щукина"
    assert not ContactPoint.objects.exists()
    assert not Stay.objects.exists()
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "case.open",
        "household.create",
        "person.create",
    ]


def test_a_caseworker_holds_the_case_they_open(caseworker_a):
    case = services.case_open_for_new_household(actor=caseworker_a, principal=PRINCIPAL)

    assert case.assigned_caseworker_id == caseworker_a.user.pk


def test_a_caseworker_cannot_give_the_case_to_someone_else_and_nothing_is_written(caseworker_a, supervisor_a):
    with pytest.raises(PermissionDenied):
        services.case_open_for_new_household(
            actor=caseworker_a, principal=PRINCIPAL, assigned_caseworker_id=supervisor_a.user.pk
        )

    assert nothing_written()


def test_a_supervisor_chooses_who_holds_the_case_or_leaves_it_unassigned(supervisor_a, caseworker_a):
    assigned = services.case_open_for_new_household(
        actor=supervisor_a, principal=PRINCIPAL, assigned_caseworker_id=caseworker_a.user.pk
    )
    unassigned = services.case_open_for_new_household(
        actor=supervisor_a, principal={**PRINCIPAL, "given_name": "Мария"}
    )

    assert assigned.assigned_caseworker_id == caseworker_a.user.pk
    assert unassigned.assigned_caseworker_id is None


def test_a_supervisor_cannot_give_the_case_to_another_organisations_caseworker(supervisor_a, caseworker_b):
    with pytest.raises(Invalid) as raised:
        services.case_open_for_new_household(
            actor=supervisor_a, principal=PRINCIPAL, assigned_caseworker_id=caseworker_b.user.pk
        )

    assert "assigned_caseworker" in raised.value.fields
    assert nothing_written()


def test_an_auditor_is_refused_and_nothing_is_written(auditor_a):
    with pytest.raises(PermissionDenied):
        services.case_open_for_new_household(actor=auditor_a, principal=PRINCIPAL)

    assert nothing_written()


def test_a_latin_surname_is_refused_on_the_principals_field(caseworker_a):
    with pytest.raises(Invalid) as raised:
        services.case_open_for_new_household(
            actor=caseworker_a, principal={**PRINCIPAL, "surname": "Shchukina"}
        )

    assert list(raised.value.fields) == ["principal.surname"]
    assert nothing_written()


def test_a_stay_the_domain_refuses_rolls_back_the_person_and_contact_already_written(caseworker_a):
    with pytest.raises(Invalid) as raised:
        services.case_open_for_new_household(
            actor=caseworker_a,
            principal=PRINCIPAL,
            contact={"kind": "phone", "value": "+995 555 12 34 56"},
            stay={"country": "ZZ", "entry_date": timezone.localdate(), "legal_basis": "visa_free"},
        )

    assert "stay.country" in raised.value.fields
    assert nothing_written()


def test_a_failure_in_the_last_step_leaves_no_person_or_household(caseworker_a):
    with (
        mock.patch.object(services, "_open", side_effect=Conflict("refused")),
        pytest.raises(Conflict),
    ):
        services.case_open_for_new_household(
            actor=caseworker_a,
            principal=PRINCIPAL,
            contact={"kind": "signal", "value": "+995555123456"},
            stay={"country": "GE", "entry_date": timezone.localdate(), "legal_basis": "visa_free"},
        )

    assert nothing_written()
