"""Stays through the API, each with its computed legal-stay deadline."""

from datetime import date, timedelta

import pytest

from herzen.audit.models import AuditEvent
from herzen.people import services
from herzen.people.models import Stay
from herzen.people.tests.factories import make_household, make_person


def test_recording_a_stay_stores_its_deadline(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    make_household(caseworker_a, person)

    # when
    response = api_as(caseworker_a).post(
        f"/api/v1/persons/{person.pk}/stays/",
        {"country": "GE", "city": "Tbilisi", "entry_date": "2026-03-01", "legal_basis": "visa_free"},
        format="json",
    )

    # then
    assert response.status_code == 201
    stay = Stay.objects.get()
    assert stay.legal_deadline is not None
    body = response.json()
    assert (body["country"], body["entry_date"], body["exit_date"]) == ("GE", "2026-03-01", None)
    assert body["legal_deadline"] == stay.legal_deadline.isoformat()
    assert AuditEvent.objects.filter(action="stay.record").count() == 1


def test_the_stay_list_explains_each_open_stays_deadline(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    entry = date.today() - timedelta(days=10)
    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KZ",
        entry_date=entry - timedelta(days=100),
        exit_date=entry - timedelta(days=60),
        legal_basis="visa_free",
    )
    open_stay = services.stay_record(
        actor=caseworker_a, person_id=person.pk, country="KZ", entry_date=entry, legal_basis="visa_free"
    )

    # when
    response = api_as(caseworker_a).get(f"/api/v1/persons/{person.pk}/stays/")

    # then
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    current = rows[str(open_stay.pk)]
    assert current["deadline"]["kind"] == "rule"
    assert current["deadline"]["last_legal_day"] == open_stay.legal_deadline.isoformat()
    assert "90 days in any 180" in current["deadline"]["explanation"]
    assert current["days_left"] == (open_stay.legal_deadline - date.today()).days
    closed = next(row for key, row in rows.items() if key != str(open_stay.pk))
    assert (closed["deadline"], closed["days_left"]) == (None, None)


def test_recording_an_exit(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 1, 10),
        legal_basis="visa_free",
    )

    # when
    response = api_as(caseworker_a).patch(
        f"/api/v1/stays/{stay.pk}/", {"exit_date": "2026-02-01"}, format="json"
    )

    # then
    assert response.status_code == 200
    assert response.json()["exit_date"] == "2026-02-01"
    assert response.json()["legal_deadline"] is None
    stay.refresh_from_db()
    assert stay.exit_date == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("change", "bad_fields"),
    [
        ({"entry_date": None}, {"entry_date"}),
        ({"entry_date": "01/03/2026"}, {"entry_date"}),
        ({"legal_basis": "tourist"}, {"legal_basis"}),
        ({"country": "XX"}, {"country"}),
        ({"exit_date": "2026-02-01"}, {"exit_date"}),
        ({"legal_basis": "visa", "authorised_until": "2026-02-01"}, {"authorised_until"}),
        ({"document_id": "passport"}, {"document_id"}),
    ],
)
def test_a_bad_stay_gets_400_naming_the_field_and_nothing_is_written(
    api_as, caseworker_a, change, bad_fields
):
    # given
    person = make_person(caseworker_a)
    data = {"country": "GE", "entry_date": "2026-03-01", "legal_basis": "visa_free", **change}
    data = {key: value for key, value in data.items() if value is not None}
    events = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).post(f"/api/v1/persons/{person.pk}/stays/", data, format="json")

    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["fields"]) == bad_fields
    assert not Stay.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_overlapping_stay_gets_409(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 1, 10),
        exit_date=date(2026, 3, 1),
        legal_basis="visa_free",
    )

    # when
    response = api_as(caseworker_a).post(
        f"/api/v1/persons/{person.pk}/stays/",
        {"country": "AM", "entry_date": "2026-02-01", "exit_date": "2026-02-10", "legal_basis": "visa_free"},
        format="json",
    )

    # then
    assert response.status_code == 409
    assert set(response.json()["fields"]) == {"entry_date"}
    assert Stay.objects.count() == 1


def test_an_exit_before_the_entry_gets_400_and_changes_nothing(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 1, 10),
        legal_basis="visa_free",
    )
    events = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).patch(
        f"/api/v1/stays/{stay.pk}/", {"exit_date": "2025-12-31"}, format="json"
    )

    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    stay.refresh_from_db()
    assert stay.exit_date is None
    assert AuditEvent.objects.count() == events


def test_another_persons_document_cannot_back_a_stay(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    other = make_person(caseworker_a, surname="Иванов", sex="M")
    document = services.document_add(
        actor=caseworker_a, person_id=other.pk, document_type="international_passport", number="751234567"
    )

    # when
    response = api_as(caseworker_a).post(
        f"/api/v1/persons/{person.pk}/stays/",
        {
            "country": "GE",
            "entry_date": "2026-03-01",
            "legal_basis": "visa_free",
            "document_id": str(document.pk),
        },
        format="json",
    )

    # then
    assert response.status_code == 409
    assert set(response.json()["fields"]) == {"document_id"}
    assert not Stay.objects.exists()


def test_auditors_get_403_on_stay_writes(api_as, caseworker_a, auditor_a):
    # given
    person = make_person(caseworker_a)
    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 1, 10),
        legal_basis="visa_free",
    )
    events = AuditEvent.objects.count()

    # when
    add = api_as(auditor_a).post(
        f"/api/v1/persons/{person.pk}/stays/",
        {"country": "AM", "entry_date": "2025-01-01", "exit_date": "2025-02-01", "legal_basis": "visa_free"},
        format="json",
    )
    leave = api_as(auditor_a).patch(f"/api/v1/stays/{stay.pk}/", {"exit_date": "2026-02-01"}, format="json")

    # then
    assert (add.status_code, leave.status_code) == (403, 403)
    stay.refresh_from_db()
    assert stay.exit_date is None
    assert Stay.objects.count() == 1
    assert AuditEvent.objects.count() == events
