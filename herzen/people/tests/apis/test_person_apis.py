"""Persons through the API: create, read, change, spellings, contacts, and the name search."""

import pytest

from herzen.audit.models import AuditEvent
from herzen.people import services
from herzen.people.models import ContactPoint, NameVariant, Person
from herzen.people.tests.factories import make_person

PERSONS = "/api/v1/persons/"
VALID = {
    "surname": "Щукина",
    "given_name": "Анна",
    "patronymic": "Сергеевна",
    "sex": "F",
    "date_of_birth": "1990-05-17",
    "citizenships": ["RU"],
    "languages": ["ru", "en"],
}


def test_creating_a_person_answers_201_with_the_record_and_audits(api_as, caseworker_a):
    # when
    response = api_as(caseworker_a).post(f"{PERSONS}", VALID, format="json")

    # then
    assert response.status_code == 201
    body = response.json()
    person = Person.objects.get()
    assert body["id"] == str(person.pk)
    assert body["full_name"] == "Щукина Анна Сергеевна"
    assert body["date_of_birth"] == "1990-05-17"
    assert body["citizenships"] == ["RU"]
    assert body["languages"] == ["ru", "en"]
    assert body["household"] is None
    assert body["name_variants"] == []
    assert body["contact_points"] == []
    assert person.organisation == caseworker_a.organisation
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["person.create"]


@pytest.mark.parametrize(
    ("change", "bad_fields"),
    [
        ({"given_name": None}, {"given_name"}),
        ({"date_of_birth": "17.05.1990"}, {"date_of_birth"}),
        ({"date_of_birth": "1990-02-30"}, {"date_of_birth"}),
        ({"sex": "Z"}, {"sex"}),
        ({"surname": "Shchukina"}, {"surname"}),
        ({"citizenships": ["RU", "XX"]}, {"citizenships.1"}),
        ({"languages": ["russian"]}, {"languages"}),
        ({"surname": "Smith", "sex": "?", "date_of_birth": "yesterday"}, {"surname", "sex", "date_of_birth"}),
    ],
    ids=[
        "missing-given-name",
        "non-iso-date",
        "impossible-date",
        "unknown-sex",
        "latin-surname",
        "unknown-country",
        "bad-language",
        "several-at-once",
    ],
)
def test_a_bad_person_gets_400_naming_the_fields_and_nothing_is_written(
    api_as, caseworker_a, change, bad_fields
):
    # given
    data = {**VALID, **change}
    data = {key: value for key, value in data.items() if value is not None}

    # when
    response = api_as(caseworker_a).post(f"{PERSONS}", data, format="json")

    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"]
    assert set(body["fields"]) == bad_fields
    assert all(messages and all(isinstance(m, str) for m in messages) for messages in body["fields"].values())
    assert not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_person_shows_every_spelling_and_contact(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="Shchukina", given_name="Anna", scheme="icao_9303"
    )
    services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="signal", value="+995555000111", is_preferred=True
    )

    # when
    response = api_as(caseworker_a).get(f"{PERSONS}{person.pk}/")

    # then
    assert response.status_code == 200
    body = response.json()
    assert [(v["surname"], v["script"], v["scheme"]) for v in body["name_variants"]] == [
        ("Shchukina", "latin", "icao_9303")
    ]
    assert [(c["kind"], c["value"], c["is_preferred"]) for c in body["contact_points"]] == [
        ("signal", "+995555000111", True)
    ]


def test_updating_a_person_changes_only_the_fields_sent(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a, profession="")
    before = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).patch(
        f"{PERSONS}{person.pk}/", {"profession": "журналистка"}, format="json"
    )

    # then
    assert response.status_code == 200
    assert response.json()["profession"] == "журналистка"
    person.refresh_from_db()
    assert (person.profession, person.surname, person.given_name) == ("журналистка", "Щукина", "Анна")
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.changed_fields) == ("person.update", ["profession"])


def test_a_bad_update_gets_400_and_changes_nothing(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    before = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).patch(
        f"{PERSONS}{person.pk}/", {"surname": "Shchukina", "profession": "x"}, format="json"
    )

    # then
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"surname"}
    person.refresh_from_db()
    assert (person.surname, person.profession) == ("Щукина", "")
    assert AuditEvent.objects.count() == before


def test_adding_a_spelling_makes_the_person_findable_by_it(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a, surname="Ёлкина", given_name="Мария")
    client = api_as(caseworker_a)

    # when
    response = client.post(
        f"{PERSONS}{person.pk}/name-variants/",
        {
            "surname": "Yolkina-Legacy",
            "given_name": "Maria",
            "scheme": "other",
            "valid_from": "2012-01-01",
            "valid_until": "2017-01-01",
        },
        format="json",
    )

    # then
    assert response.status_code == 201
    assert response.json()["surname"] == "Yolkina-Legacy"
    assert response.json()["valid_until"] == "2017-01-01"
    found = client.get(PERSONS, {"q": "Yolkina-Legacy"}).json()["results"]
    assert [row["id"] for row in found] == [str(person.pk)]
    assert AuditEvent.objects.filter(action="name_variant.add").count() == 1


def test_a_spelling_valid_until_before_it_is_valid_from_gets_400(api_as, caseworker_a):
    person = make_person(caseworker_a)

    response = api_as(caseworker_a).post(
        f"{PERSONS}{person.pk}/name-variants/",
        {
            "surname": "Shchukina",
            "given_name": "Anna",
            "valid_from": "2017-01-01",
            "valid_until": "2012-01-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"valid_until"}
    assert not NameVariant.objects.exists()


def test_adding_a_contact_point_and_a_duplicate_of_it(api_as, caseworker_a):
    # given
    person = make_person(caseworker_a)
    client = api_as(caseworker_a)
    url = f"{PERSONS}{person.pk}/contact-points/"

    # when
    first = client.post(url, {"kind": "email", "value": "Anna@Example.org"}, format="json")
    again = client.post(url, {"kind": "email", "value": "anna@example.org"}, format="json")
    unknown_kind = client.post(url, {"kind": "pigeon", "value": "loft 7"}, format="json")

    # then
    assert first.status_code == 201
    assert first.json()["value"] == "anna@example.org"
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"
    assert set(again.json()["fields"]) == {"value"}
    assert unknown_kind.status_code == 400
    assert set(unknown_kind.json()["fields"]) == {"kind"}
    assert ContactPoint.objects.count() == 1


@pytest.mark.parametrize(
    "query", ["Щукина", "щукина", "Shchukina", "Schtschukina", "Ščukina", "SHCHUKINA Anna"]
)
def test_the_name_search_finds_a_person_by_any_spelling(api_as, caseworker_a, query):
    # given
    shchukina = make_person(caseworker_a, surname="Щукина", given_name="Анна")
    make_person(caseworker_a, surname="Иванов", given_name="Пётр", sex="M")

    # when
    response = api_as(caseworker_a).get(PERSONS, {"q": query})

    # then
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(shchukina.pk)]
    assert response.json()["results"][0]["full_name"] == "Щукина Анна Сергеевна"


def test_the_person_list_without_a_query_lists_the_organisation(api_as, caseworker_a, caseworker_b):
    # given
    mine = {make_person(caseworker_a).pk, make_person(caseworker_a, surname="Иванов", sex="M").pk}
    make_person(caseworker_b)

    # when
    response = api_as(caseworker_a).get(PERSONS)

    # then
    assert response.json()["count"] == 2
    assert {row["id"] for row in response.json()["results"]} == {str(pk) for pk in mine}


# Session, user and memberships (the actor); the name search's blind-index candidates and their data keys (to
# confirm each candidate on its decrypted lookup keys); then the count and the page: whatever the number of
# persons. Then the access events of the page, in one insert (no lock: the sequencer chains them later).
LIST_QUERIES = 7 + 1


def test_the_person_list_takes_the_same_queries_for_2_or_10_persons(
    api_as, caseworker_a, django_assert_num_queries
):
    # given
    client = api_as(caseworker_a)
    for n in range(2):
        make_person(caseworker_a, given_name=f"Анна{'а' * n}")
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(PERSONS, {"q": "Shchukina"}).json()["count"] == 2

    # when
    for n in range(2, 10):
        make_person(caseworker_a, given_name=f"Анна{'а' * n}")

    # then
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(PERSONS, {"q": "Shchukina"}).json()["count"] == 10


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", "", VALID),
        ("patch", "{id}/", {"profession": "x"}),
        ("post", "{id}/name-variants/", {"surname": "Shchukina", "given_name": "Anna"}),
        ("post", "{id}/contact-points/", {"kind": "phone", "value": "+995555000111"}),
    ],
)
def test_auditors_get_403_on_person_writes_and_nothing_changes(
    api_as, caseworker_a, auditor_a, method, path, data
):
    # given
    person = make_person(caseworker_a)
    counts = (
        Person.objects.count(),
        NameVariant.objects.count(),
        ContactPoint.objects.count(),
        AuditEvent.objects.count(),
    )

    # when
    response = getattr(api_as(auditor_a), method)(PERSONS + path.format(id=person.pk), data, format="json")

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert (
        Person.objects.count(),
        NameVariant.objects.count(),
        ContactPoint.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    person.refresh_from_db()
    assert person.profession == ""


def test_auditors_can_read_persons(api_as, caseworker_a, auditor_a):
    person = make_person(caseworker_a)

    assert api_as(auditor_a).get(f"{PERSONS}{person.pk}/").status_code == 200
    assert api_as(auditor_a).get(PERSONS).json()["count"] == 1
