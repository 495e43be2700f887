from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.people import services
from herzen.people.models import ContactPoint, NameVariant, Person, PersonNameKey
from herzen.people.selectors import person_list
from herzen.people.tests.factories import make_person


def _events(action):
    return AuditEvent.objects.filter(action=action)


def test_person_create_stores_the_record_its_name_keys_and_one_audit_event(caseworker_a):
    person = make_person(caseworker_a, surname="Щукина", given_name="Анна", patronymic="Сергеевна")

    assert person.organisation == caseworker_a.organisation
    assert PersonNameKey.objects.filter(person=person).exists()
    event = _events("person.create").get()
    assert event.target_id == str(person.pk)
    assert "surname" in event.changed_fields


def test_person_create_rejects_a_latin_canonical_name_and_writes_nothing(caseworker_a):
    with pytest.raises(Invalid) as error:
        make_person(caseworker_a, surname="Shchukina")

    assert "surname" in error.value.fields
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_an_auditor_cannot_create_a_person(auditor_a):
    with pytest.raises(PermissionDenied):
        make_person(auditor_a)
    assert Person.objects.count() == 0


def test_person_update_audits_only_the_fields_that_changed(caseworker_a):
    person = make_person(caseworker_a, profession="учитель")

    services.person_update(
        actor=caseworker_a, person_id=person.pk, profession="журналист", date_of_birth=person.date_of_birth
    )

    assert _events("person.update").get().changed_fields == ["profession"]


def test_person_update_of_another_organisations_person_is_not_found_and_changes_nothing(
    caseworker_a, caseworker_b
):
    person = make_person(caseworker_a, profession="учитель")
    events_before = AuditEvent.objects.count()

    with pytest.raises(NotFound):
        services.person_update(actor=caseworker_b, person_id=person.pk, profession="шпион")

    assert Person.objects.get(pk=person.pk).profession == "учитель"
    assert AuditEvent.objects.count() == events_before


def test_changing_the_canonical_name_refreshes_the_search_keys(caseworker_a):
    person = make_person(caseworker_a, surname="Петрова")

    services.person_update(actor=caseworker_a, person_id=person.pk, surname="Щукина")

    assert list(person_list(actor=caseworker_a, name_query="Shchukina")) == [person]
    assert list(person_list(actor=caseworker_a, name_query="Petrova")) == []


def test_a_stored_spelling_makes_the_person_findable_by_it(caseworker_a):
    person = make_person(caseworker_a, surname="Юдина", given_name="Юлия")
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="72 0000001"
    )

    variant = services.name_variant_add(
        actor=caseworker_a,
        person_id=person.pk,
        surname="YOUDINA",
        given_name="JULIA",
        scheme="other",
        source_document_id=document.pk,
    )

    assert variant.script == "latin"
    assert list(person_list(actor=caseworker_a, name_query="Youdina")) == [person]
    event = _events("name_variant.add").get()
    assert event.parent_id == str(person.pk)


def test_removing_a_spelling_removes_its_search_keys(caseworker_a):
    person = make_person(caseworker_a, surname="Юдина", given_name="Юлия")
    variant = services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="Bauer", given_name="Julia"
    )

    services.name_variant_remove(actor=caseworker_a, variant_id=variant.pk)

    assert not NameVariant.objects.exists()
    # A married name in Latin letters: no spelling of Юдина reads as it ("Youdina" would: French).
    assert list(person_list(actor=caseworker_a, name_query="Bauer")) == []
    assert _events("name_variant.remove").count() == 1


def test_only_one_contact_point_is_preferred(caseworker_a):
    person = make_person(caseworker_a)
    services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="email", value="A@Example.org", is_preferred=True
    )

    services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="signal", value="+995555000111", is_preferred=True
    )

    preferred = ContactPoint.objects.get(person=person, is_preferred=True)
    assert preferred.kind == "signal"
    assert ContactPoint.objects.get(kind="email").value == "a@example.org"
    assert _events("contact_point.add").count() == 2


def test_a_duplicate_contact_point_is_a_conflict(caseworker_a):
    person = make_person(caseworker_a)
    services.contact_point_add(actor=caseworker_a, person_id=person.pk, kind="telegram", value="@anna")

    with pytest.raises(Conflict):
        services.contact_point_add(actor=caseworker_a, person_id=person.pk, kind="telegram", value="@anna")
    assert ContactPoint.objects.count() == 1


def test_a_document_number_is_stored_normalised_and_its_dates_checked(caseworker_a):
    person = make_person(caseworker_a)

    document = services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="75 123-4567",
        issue_date=date(2019, 1, 1),
        expiry_date=date(2029, 1, 1),
    )
    assert document.number == "751234567"

    with pytest.raises(Invalid):
        services.document_update(actor=caseworker_a, document_id=document.pk, expiry_date=date(2018, 1, 1))
    document.refresh_from_db()
    assert document.expiry_date == date(2029, 1, 1)


def test_document_status_change_is_audited(caseworker_a):
    person = make_person(caseworker_a)
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="751234567"
    )

    services.document_update(actor=caseworker_a, document_id=document.pk, status="seized")

    assert _events("document.update").get().changed_fields == ["status"]
