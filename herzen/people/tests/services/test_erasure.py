"""Done when: shredding a person's data key makes every encrypted field of that person unreadable."""

import pytest

from herzen.audit.models import AuditEvent
from herzen.cases.models import CaseNote
from herzen.core.exceptions import Conflict, PermissionDenied
from herzen.encryption.fields import ErasedText
from herzen.encryption.keys import clear_cache
from herzen.encryption.tests.records import CANARIES, make_canary_record
from herzen.people import services
from herzen.people.models import IdentityDocument, Person
from herzen.people.search import person_search
from herzen.people.selectors import documents_with_number, person_detail, person_list, persons_with_contact
from herzen.people.tests.factories import make_person


def _every_field_of(person: Person) -> list[object]:
    values: list[object] = [person.surname, person.given_name, person.patronymic, person.profession]
    values += [v.surname for v in person.name_variants.all()] + [
        v.given_name for v in person.name_variants.all()
    ]
    values += [c.value for c in person.contact_points.all()]
    values += [d.number for d in person.documents.all()]
    values += [s.city for s in person.stays.all()]
    values += [r.reason_given for r in person.entry_refusals.all()]
    values += [f.narrative for f in person.risk_factors.all()]
    return values


def test_erasing_a_person_makes_every_encrypted_field_unreadable(caseworker_a, supervisor_a):
    record = make_canary_record(caseworker_a)
    bystander = make_person(caseworker_a, surname="Петрова", given_name="Ольга")

    services.person_erase(actor=supervisor_a, person_id=record.person.pk)
    clear_cache()

    person = person_detail(actor=caseworker_a, person_id=record.person.pk)
    fields = _every_field_of(person)
    assert len(fields) == 12
    assert all(isinstance(value, ErasedText) for value in fields), fields
    assert person.date_of_birth is None
    assert not set(CANARIES.values()) & {str(value) for value in fields}
    # Nothing finds the erased person any more; others are untouched.
    assert list(person_list(actor=caseworker_a, name_query=CANARIES["surname"])) == []
    assert documents_with_number(actor=caseworker_a, number=CANARIES["document_number"]) == []
    assert persons_with_contact(actor=caseworker_a, value=CANARIES["phone"]) == []
    # ...nor the ranked search by any identifier or a near miss (issue 16): its indexes are dropped too.
    assert Person.objects.get(pk=record.person.pk).date_of_birth_index == ""
    assert not IdentityDocument.objects.filter(person=record.person).exclude(number_tail_index="").exists()
    assert person_search(actor=caseworker_a, query=CANARIES["surname"]) == []
    assert Person.objects.get(pk=bystander.pk).surname == "Петрова"
    assert AuditEvent.objects.filter(action="person.erase", target_id=str(person.pk)).count() == 1


def test_an_erased_record_can_no_longer_be_changed(caseworker_a, supervisor_a):
    person = make_person(caseworker_a)
    services.person_erase(actor=supervisor_a, person_id=person.pk)

    with pytest.raises(Conflict):
        services.person_update(actor=caseworker_a, person_id=person.pk, profession="x")


def test_only_a_supervisor_erases(caseworker_a):
    person = make_person(caseworker_a)

    with pytest.raises(PermissionDenied):
        services.person_erase(actor=caseworker_a, person_id=person.pk)
    assert Person.objects.get(pk=person.pk).surname == "Щукина"


def test_erasing_a_household_erases_its_case_notes_and_members(caseworker_a, supervisor_a):
    record = make_canary_record(caseworker_a)

    services.household_erase(actor=supervisor_a, household_id=record.case.household_id)
    clear_cache()

    assert isinstance(CaseNote.objects.select_related("case").get().body, ErasedText)
    assert isinstance(Person.objects.get(pk=record.person.pk).surname, ErasedText)
