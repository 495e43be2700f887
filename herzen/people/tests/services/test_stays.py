from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.people import services
from herzen.people.models import Household, Stay
from herzen.people.tests.factories import make_household, make_person


def test_a_visa_free_stay_in_georgia_gets_its_365_day_deadline(caseworker_a):
    person = make_person(caseworker_a)

    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="ge",
        entry_date=date(2026, 3, 1),
        legal_basis="visa_free",
        city="Тбилиси",
    )

    assert stay.country.code == "GE"
    assert stay.legal_deadline == date(2027, 2, 28)  # 365 days counting the day of entry
    assert AuditEvent.objects.filter(action="stay.record", parent_id=str(person.pk)).count() == 1


def test_kazakhstan_counts_earlier_stays_in_the_rolling_window(caseworker_a):
    person = make_person(caseworker_a)
    # 60 days in January-February, then out for 30 days, then back.
    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KZ",
        entry_date=date(2026, 1, 1),
        exit_date=date(2026, 3, 1),
        legal_basis="visa_free",
    )

    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KZ",
        entry_date=date(2026, 3, 31),
        legal_basis="visa_free",
    )

    # 60 days used; 30 more from 31 March would reach 90 on 29 April.
    assert stay.legal_deadline == date(2026, 4, 29)


def test_recording_the_exit_clears_the_deadline_and_the_households_summary(caseworker_a):
    person = make_person(caseworker_a)
    household = make_household(caseworker_a, principal=person)
    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="TR",
        entry_date=date(2026, 5, 1),
        legal_basis="visa_free",
    )
    household.refresh_from_db()
    assert household.current_country == "TR"
    assert household.earliest_stay_deadline == stay.legal_deadline

    services.stay_update(actor=caseworker_a, stay_id=stay.pk, exit_date=date(2026, 6, 1))

    stay.refresh_from_db()
    household = Household.objects.get(pk=household.pk)
    assert stay.legal_deadline is None
    assert household.current_country == ""
    assert household.earliest_stay_deadline is None
    assert AuditEvent.objects.filter(action="stay.update").get().changed_fields == ["exit_date"]


def test_the_household_deadline_is_the_earliest_of_its_members(caseworker_a):
    principal = make_person(caseworker_a)
    child = make_person(caseworker_a, given_name="Мария", date_of_birth=date(2015, 1, 1))
    household = make_household(caseworker_a, principal=principal, others=[(child, "child")])
    services.stay_record(
        actor=caseworker_a,
        person_id=principal.pk,
        country="GE",
        entry_date=date(2026, 1, 10),
        legal_basis="visa_free",
    )
    child_stay = services.stay_record(
        actor=caseworker_a,
        person_id=child.pk,
        country="TR",
        entry_date=date(2026, 1, 10),
        legal_basis="visa_free",
    )

    household.refresh_from_db()
    assert household.current_country == "GE"  # where the principal is
    assert household.earliest_stay_deadline == child_stay.legal_deadline


def test_an_exit_before_the_entry_is_invalid_and_nothing_changes(caseworker_a):
    person = make_person(caseworker_a)
    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="AM",
        entry_date=date(2026, 2, 1),
        legal_basis="visa_free",
    )

    with pytest.raises(Invalid) as error:
        services.stay_update(actor=caseworker_a, stay_id=stay.pk, exit_date=date(2026, 1, 1))

    assert error.value.fields
    stay.refresh_from_db()
    assert stay.exit_date is None
    assert not AuditEvent.objects.filter(action="stay.update").exists()


def test_overlapping_stays_are_refused(caseworker_a):
    person = make_person(caseworker_a)
    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="AM",
        entry_date=date(2026, 2, 1),
        exit_date=date(2026, 3, 1),
        legal_basis="visa_free",
    )

    with pytest.raises(Conflict):
        services.stay_record(
            actor=caseworker_a,
            person_id=person.pk,
            country="GE",
            entry_date=date(2026, 2, 15),
            legal_basis="visa_free",
        )
    assert Stay.objects.count() == 1


def test_a_stay_with_another_persons_document_is_refused(caseworker_a):
    person = make_person(caseworker_a)
    other = make_person(caseworker_a, given_name="Ольга")
    document = services.document_add(
        actor=caseworker_a, person_id=other.pk, document_type="international_passport", number="750000001"
    )

    with pytest.raises(Conflict):
        services.stay_record(
            actor=caseworker_a,
            person_id=person.pk,
            country="GE",
            entry_date=date(2026, 1, 1),
            legal_basis="visa_free",
            document_id=document.pk,
        )


def test_another_organisation_cannot_record_a_stay(caseworker_a, caseworker_b):
    person = make_person(caseworker_a)

    with pytest.raises(NotFound):
        services.stay_record(
            actor=caseworker_b,
            person_id=person.pk,
            country="GE",
            entry_date=date(2026, 1, 1),
            legal_basis="visa_free",
        )
    assert Stay.objects.count() == 0


def test_an_entry_refusal_is_recorded_as_an_event(caseworker_a):
    person = make_person(caseworker_a)

    refusal = services.entry_refusal_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        refused_on=date(2026, 4, 2),
        border_point="Верхний Ларс",
    )

    assert refusal.person == person
    assert AuditEvent.objects.filter(action="entry_refusal.record").count() == 1


def test_leaving_one_country_and_entering_another_on_the_same_day_is_allowed(caseworker_a):
    person = make_person(caseworker_a)
    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 1, 1),
        exit_date=date(2026, 3, 1),
        legal_basis="visa_free",
    )

    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="AM",
        entry_date=date(2026, 3, 1),
        legal_basis="visa_free",
    )

    assert Stay.objects.filter(person=person).count() == 2
