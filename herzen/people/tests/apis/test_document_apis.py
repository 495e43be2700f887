"""Identity documents through the API."""

import pytest

from herzen.audit.models import AuditEvent
from herzen.people import services
from herzen.people.models import IdentityDocument
from herzen.people.tests.factories import make_person

PASSPORT = {
    "document_type": "international_passport",
    "number": "75 1234567",
    "issue_date": "2019-03-01",
    "expiry_date": "2029-03-01",
}


def test_adding_a_document_normalises_its_number_and_audits(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)

    # when
    response = api_as(caseworker_a).post(f"/api/v1/persons/{person.pk}/documents/", PASSPORT, format="json")

    # then
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["issuing_country"], body["status"]) == ("751234567", "RU", "valid")
    assert body["expiry_date"] == "2029-03-01"
    assert IdentityDocument.objects.get().person == person
    assert AuditEvent.objects.filter(action="document.add").count() == 1


@pytest.mark.parametrize(
    ("change", "bad_fields"),
    [
        ({"document_type": "library_card"}, {"document_type"}),
        ({"number": ""}, {"number"}),
        ({"issue_date": "2019-13-01"}, {"issue_date"}),
        ({"expiry_date": "2018-01-01"}, {"expiry_date"}),
        ({"issuing_country": "Atlantis"}, {"issuing_country"}),
        ({"status": "lost-in-the-post"}, {"status"}),
    ],
)
def test_a_bad_document_gets_400_naming_the_field(api_as, caseworker_a, change, bad_fields):
    # given
    person = make_person(caseworker_a)
    events = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).post(
        f"/api/v1/persons/{person.pk}/documents/", {**PASSPORT, **change}, format="json"
    )

    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["fields"]) == bad_fields
    assert not IdentityDocument.objects.exists()
    assert AuditEvent.objects.count() == events


def test_listing_a_persons_documents(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    other = make_person(caseworker_a, surname="Иванов", sex="M")
    services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="internal_passport", number="4510 123456"
    )
    services.document_add(
        actor=caseworker_a, person_id=other.pk, document_type="internal_passport", number="4510 654321"
    )

    # when
    response = api_as(caseworker_a).get(f"/api/v1/persons/{person.pk}/documents/")

    # then
    assert response.status_code == 200
    assert [d["number"] for d in response.json()["results"]] == ["4510123456"]


def test_updating_a_document(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="751234567"
    )

    # when
    response = api_as(caseworker_a).patch(
        f"/api/v1/documents/{document.pk}/", {"status": "seized"}, format="json"
    )

    # then
    assert response.status_code == 200
    assert response.json()["status"] == "seized"
    document.refresh_from_db()
    assert (document.status, document.number) == ("seized", "751234567")
    assert AuditEvent.objects.filter(action="document.update").get().changed_fields == ["status"]


def test_auditors_get_403_on_document_writes(api_as, caseworker_a, auditor_a):
    # given
    person = make_person(caseworker_a)
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="751234567"
    )
    events = AuditEvent.objects.count()

    # when
    add = api_as(auditor_a).post(f"/api/v1/persons/{person.pk}/documents/", PASSPORT, format="json")
    update = api_as(auditor_a).patch(f"/api/v1/documents/{document.pk}/", {"status": "seized"}, format="json")

    # then
    assert (add.status_code, update.status_code) == (403, 403)
    document.refresh_from_db()
    assert document.status == "valid"
    assert IdentityDocument.objects.count() == 1
    assert AuditEvent.objects.count() == events
