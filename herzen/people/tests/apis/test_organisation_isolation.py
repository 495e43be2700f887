"""Another organisation's person, household, document and stay are, to the API, records that do not exist:
every read and every write answers the same 404 as for a random id, and nothing is written."""

import uuid
from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.people import services
from herzen.people.models import (
    ContactPoint,
    Household,
    HouseholdMember,
    IdentityDocument,
    NameVariant,
    Person,
    PersonNameKey,
    Stay,
)
from herzen.people.tests.factories import make_household, make_person

MODELS = (
    Person,
    PersonNameKey,
    Household,
    HouseholdMember,
    IdentityDocument,
    Stay,
    NameVariant,
    ContactPoint,
    AuditEvent,
)


@pytest.fixture
def world_a(caseworker_a, caseworker_b):
    """Organisation A's records, and organisation B's own person and household to aim at them from."""
    person = make_person(caseworker_a)
    household = make_household(caseworker_a, person)
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="751234567"
    )
    stay = services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 1, 10),
        legal_basis="visa_free",
        document_id=document.pk,
    )
    loner = make_person(caseworker_a, surname="Иванов", given_name="Пётр", sex="M")
    b_person = make_person(caseworker_b, surname="Петров", given_name="Игорь", sex="M")
    b_household = make_household(caseworker_b, make_person(caseworker_b, surname="Сидоров", sex="M"))
    return {
        "person": person.pk,
        "household": household.pk,
        "document": document.pk,
        "stay": stay.pk,
        "loner": loner.pk,
        "b_person": b_person.pk,
        "b_household": b_household.pk,
    }


def snapshot():
    """Every row of every people table and of the audit trail."""
    return {model.__name__: sorted(map(str, model.objects.values_list())) for model in MODELS}


# (method, path, body); {names} are filled from world_a, {random} with an id that exists nowhere.
ENDPOINTS = [
    ("get", "persons/{person}/", None),
    ("get", "persons/{person}/documents/", None),
    ("get", "persons/{person}/stays/", None),
    ("get", "households/{household}/", None),
    ("patch", "persons/{person}/", {"profession": "журналистка", "surname": "Петрова"}),
    ("post", "persons/{person}/name-variants/", {"surname": "Shchukina", "given_name": "Anna"}),
    ("post", "persons/{person}/contact-points/", {"kind": "phone", "value": "+995555000111"}),
    (
        "post",
        "persons/{person}/documents/",
        {"document_type": "internal_passport", "number": "4510123456"},
    ),
    ("patch", "documents/{document}/", {"status": "seized"}),
    (
        "post",
        "persons/{person}/stays/",
        {"country": "AM", "entry_date": "2025-01-01", "exit_date": "2025-01-20", "legal_basis": "visa_free"},
    ),
    ("patch", "stays/{stay}/", {"exit_date": "2026-02-01"}),
    ("post", "households/", {"principal_id": "{loner}"}),
    ("post", "households/{household}/members/", {"person_id": "{b_person}", "role": "child"}),
    # B's own records, pointed at A's: the foreign id in the body is as unknown as one in the path.
    ("post", "households/{b_household}/members/", {"person_id": "{loner}", "role": "child"}),
    (
        "post",
        "persons/{b_person}/name-variants/",
        {"surname": "Petrov", "given_name": "Igor", "source_document_id": "{document}"},
    ),
    (
        "post",
        "persons/{b_person}/stays/",
        {
            "country": "AM",
            "entry_date": "2025-01-01",
            "legal_basis": "visa_free",
            "document_id": "{document}",
        },
    ),
]


def _fill(template, ids):
    if isinstance(template, dict):
        return {key: _fill(value, ids) for key, value in template.items()}
    return template.format(**ids) if isinstance(template, str) else template


def _a_ids_replaced_by_random(ids):
    """The same request with every id of organisation A replaced by one that exists nowhere."""
    return {key: (value if key.startswith("b_") else uuid.uuid4()) for key, value in ids.items()}


@pytest.mark.parametrize(
    ("method", "path", "body"), ENDPOINTS, ids=[f"{m.upper()} {p} {sorted(b or {})}" for m, p, b in ENDPOINTS]
)
def test_organisation_b_gets_404_for_organisation_as_records_and_nothing_changes(
    api_as, caseworker_b, world_a, method, path, body
):
    # given
    client = api_as(caseworker_b)
    before = snapshot()

    # when
    response = getattr(client, method)("/api/v1/" + _fill(path, world_a), _fill(body, world_a), format="json")
    missing = getattr(client, method)(
        "/api/v1/" + _fill(path, _a_ids_replaced_by_random(world_a)),
        _fill(body, _a_ids_replaced_by_random(world_a)),
        format="json",
    )

    # then
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found.", "fields": {}}
    assert (missing.status_code, missing.json()) == (404, response.json())
    assert snapshot() == before


def test_organisation_b_finds_none_of_organisation_as_persons_by_name(api_as, caseworker_b, world_a):
    response = api_as(caseworker_b).get("/api/v1/persons/", {"q": "Shchukina"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_organisation_a_still_reaches_its_own_records(api_as, caseworker_a, world_a):
    # The other side of the 404s above: the same requests succeed for the records' own organisation.
    client = api_as(caseworker_a)

    for method, path, _body in ENDPOINTS[:4]:
        assert getattr(client, method)("/api/v1/" + _fill(path, world_a)).status_code == 200
