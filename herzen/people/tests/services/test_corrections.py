"""Corrections through the services: audited, the same checks as when the record was added, and dates that
cannot be (before birth, a child older than the principal) refused with the field named."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.people import services
from herzen.people.models import ContactPoint, HouseholdMember, IdentityDocument, NameVariant, Person
from herzen.people.tests.factories import make_household, make_person

BORN = date(1990, 5, 17)


def events(action):
    return AuditEvent.objects.filter(action=action).count()


def test_a_stay_entered_before_birth_is_refused_on_the_entry_date(caseworker_a):
    person = make_person(caseworker_a, date_of_birth=BORN)

    with pytest.raises(Invalid) as refused:
        services.stay_record(
            actor=caseworker_a,
            person_id=person.pk,
            country="GE",
            entry_date=date(1989, 1, 1),
            legal_basis="visa_free",
        )

    assert refused.value.fields == {
        "entry_date": ["The entry date is before the date of birth (17 May 1990)."]
    }
    assert not person.stays.exists()


def test_a_document_issued_before_birth_is_refused_on_the_issue_date(caseworker_a):
    person = make_person(caseworker_a, date_of_birth=BORN)

    with pytest.raises(Invalid) as refused:
        services.document_add(
            actor=caseworker_a,
            person_id=person.pk,
            document_type="internal_passport",
            number="4510 123456",
            issue_date=date(1990, 5, 16),
        )

    assert list(refused.value.fields) == ["issue_date"]


def test_a_document_issued_after_its_expiry_is_refused_on_the_expiry_date(caseworker_a):
    person = make_person(caseworker_a, date_of_birth=BORN)

    with pytest.raises(Invalid) as refused:
        services.document_add(
            actor=caseworker_a,
            person_id=person.pk,
            document_type="internal_passport",
            number="4510 123456",
            issue_date=date(2020, 1, 1),
            expiry_date=date(2019, 1, 1),
        )

    assert list(refused.value.fields) == ["expiry_date"]


def test_an_entry_refusal_before_birth_is_refused(caseworker_a):
    person = make_person(caseworker_a, date_of_birth=BORN)

    with pytest.raises(Invalid) as refused:
        services.entry_refusal_record(
            actor=caseworker_a, person_id=person.pk, country="GE", refused_on=date(1980, 1, 1)
        )

    assert list(refused.value.fields) == ["refused_on"]


def test_a_date_of_birth_in_the_future_is_refused(caseworker_a):
    with pytest.raises(Invalid) as refused:
        make_person(caseworker_a, date_of_birth=timezone.localdate() + timedelta(days=3))

    assert list(refused.value.fields) == ["date_of_birth"]


@pytest.mark.parametrize(
    ("child_born", "accepted"),
    [
        (date(1952, 1, 1), False),  # 38 years before the mother, as seen at intake
        (date(1990, 5, 17), False),  # the same day
        (date(2002, 5, 16), False),  # a day short of 12 years
        (date(2002, 5, 17), True),
        (None, True),  # unknown: nothing to compare
    ],
)
def test_a_child_is_born_at_least_12_years_after_the_principal(caseworker_a, child_born, accepted):
    household = make_household(caseworker_a, make_person(caseworker_a, date_of_birth=BORN))
    arguments = {"surname": "Щукина", "given_name": "Вера", "sex": "F", "date_of_birth": child_born}

    if accepted:
        services.household_member_create(
            actor=caseworker_a, household_id=household.pk, role="child", **arguments
        )
        assert household.members.count() == 2
        return
    with pytest.raises(Invalid) as refused:
        services.household_member_create(
            actor=caseworker_a, household_id=household.pk, role="child", **arguments
        )
    assert list(refused.value.fields) == ["date_of_birth"]
    assert (
        "12 years after the principal applicant (born 17 May 1990)"
        in refused.value.fields["date_of_birth"][0]
    )
    assert household.members.count() == 1
    assert (
        not Person.objects.filter(given_name__isnull=False)
        .exclude(pk=household.members.get().person_id)
        .exists()
    )


def test_an_existing_person_added_as_a_child_is_refused_on_the_role(caseworker_a):
    household = make_household(caseworker_a, make_person(caseworker_a, date_of_birth=BORN))
    older = make_person(caseworker_a, given_name="Вера", date_of_birth=date(1960, 1, 1))

    with pytest.raises(Invalid) as refused:
        services.household_member_add(
            actor=caseworker_a, household_id=household.pk, person_id=older.pk, role="child"
        )
    services.household_member_add(
        actor=caseworker_a, household_id=household.pk, person_id=older.pk, role="other_dependant"
    )

    assert list(refused.value.fields) == ["role"]


def test_moving_a_birth_date_is_checked_against_stays_documents_and_the_household(caseworker_a):
    principal = make_person(caseworker_a, date_of_birth=BORN)
    child = make_person(caseworker_a, given_name="Вера", date_of_birth=date(2015, 1, 1))
    make_household(caseworker_a, principal, others=[(child, "child")])
    services.stay_record(
        actor=caseworker_a,
        person_id=child.pk,
        country="GE",
        entry_date=date(2022, 9, 1),
        legal_basis="visa_free",
    )

    with pytest.raises(Invalid) as principal_too_young:
        services.person_update(actor=caseworker_a, person_id=principal.pk, date_of_birth=date(2005, 1, 1))
    with pytest.raises(Invalid) as child_too_old:
        services.person_update(actor=caseworker_a, person_id=child.pk, date_of_birth=date(1995, 1, 1))
    with pytest.raises(Invalid) as born_after_entry:
        services.person_update(actor=caseworker_a, person_id=child.pk, date_of_birth=date(2023, 1, 1))
    services.person_update(actor=caseworker_a, person_id=child.pk, date_of_birth=date(2016, 1, 1))

    for refused in (principal_too_young, child_too_old, born_after_entry):
        assert list(refused.value.fields) == ["date_of_birth"]
    assert (
        "Born after the entry into Georgia on 1 September 2022."
        in born_after_entry.value.fields["date_of_birth"]
    )
    assert Person.objects.get(pk=child.pk).date_of_birth == date(2016, 1, 1)


def test_an_expiry_date_in_the_past_makes_a_document_expired_and_a_later_one_valid_again(caseworker_a):
    person = make_person(caseworker_a)
    today = timezone.localdate()

    expired = services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="751234567",
        expiry_date=today - timedelta(days=1),
        status="valid",
    )
    renewed = services.document_update(
        actor=caseworker_a, document_id=expired.pk, expiry_date=today + timedelta(days=365)
    )
    seized = services.document_update(
        actor=caseworker_a, document_id=expired.pk, status="seized", expiry_date=today - timedelta(days=5)
    )

    assert IdentityDocument.objects.get(pk=expired.pk).status == "seized"
    assert (expired.status, renewed.status, seized.status) == ("expired", "valid", "seized")
    event = AuditEvent.objects.filter(action="document.update").order_by("occurred_at", "id").first()
    assert set(event.changed_fields) == {"expiry_date", "status"}


def test_a_stored_valid_document_past_its_expiry_reads_as_expired(caseworker_a):
    """Rows written before the status followed the date, and documents that expired since they were written."""
    person = make_person(caseworker_a)
    today = timezone.localdate()
    document = services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="751234567",
        expiry_date=today + timedelta(days=10),
    )
    IdentityDocument.objects.filter(pk=document.pk).update(expiry_date=today - timedelta(days=1))

    stored = IdentityDocument.objects.get(pk=document.pk)

    assert (stored.status, stored.current_status, stored.get_current_status_display()) == (
        "valid",
        "expired",
        "Expired",
    )


def test_a_document_number_correction_is_found_by_its_new_number(caseworker_a):
    from herzen.people.selectors import documents_with_number

    person = make_person(caseworker_a)
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="751234567"
    )

    services.document_update(actor=caseworker_a, document_id=document.pk, number="75 7654321")

    assert [d.pk for d in documents_with_number(actor=caseworker_a, number="757654321")] == [document.pk]


def test_correcting_a_spelling_is_audited_and_its_script_follows(caseworker_a):
    person = make_person(caseworker_a)
    variant = services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="Shchukina", given_name="Anna"
    )

    services.name_variant_update(
        actor=caseworker_a, variant_id=variant.pk, surname="Щукина", given_name="Анна"
    )

    variant = NameVariant.objects.get(pk=variant.pk)
    assert (variant.surname, variant.script) == ("Щукина", "cyrillic")
    assert set(AuditEvent.objects.get(action="name_variant.update").changed_fields) == {
        "surname",
        "given_name",
    }


def test_correcting_a_contact_keeps_one_preferred_and_refuses_a_duplicate(caseworker_a):
    person = make_person(caseworker_a)
    first = services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="phone", value="+995555000111", is_preferred=True
    )
    second = services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="email", value="a@x.org"
    )

    services.contact_point_update(
        actor=caseworker_a, contact_point_id=second.pk, is_preferred=True, value="B@X.org"
    )
    with pytest.raises(Conflict):
        services.contact_point_update(
            actor=caseworker_a, contact_point_id=second.pk, kind="phone", value="+995 555 000 111"
        )

    assert ContactPoint.objects.get(pk=second.pk).value == "b@x.org"
    assert [c.pk for c in ContactPoint.objects.filter(person=person, is_preferred=True)] == [second.pk]
    assert not ContactPoint.objects.get(pk=first.pk).is_preferred
    assert events("contact_point.update") == 1


def test_a_members_role_is_corrected_but_the_principal_stays(caseworker_a):
    principal = make_person(caseworker_a, date_of_birth=BORN)
    spouse = make_person(caseworker_a, given_name="Илья", sex="M", date_of_birth=date(2010, 1, 1))
    household = make_household(caseworker_a, principal, others=[(spouse, "spouse_partner")])

    services.household_member_update(
        actor=caseworker_a, household_id=household.pk, person_id=spouse.pk, role="child"
    )
    with pytest.raises(Conflict):
        services.household_member_update(
            actor=caseworker_a, household_id=household.pk, person_id=principal.pk, role="child"
        )

    assert HouseholdMember.objects.get(person=spouse).role == "child"
    assert AuditEvent.objects.get(action="household.member_update").changed_fields == ["role"]


def test_auditors_cannot_correct(caseworker_a, auditor_a):
    person = make_person(caseworker_a)
    variant = services.name_variant_add(actor=caseworker_a, person_id=person.pk, surname="X", given_name="Y")
    contact = services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="phone", value="+995555"
    )

    with pytest.raises(PermissionDenied):
        services.name_variant_update(actor=auditor_a, variant_id=variant.pk, surname="Z")
    with pytest.raises(PermissionDenied):
        services.contact_point_update(actor=auditor_a, contact_point_id=contact.pk, value="+995556")
