"""Cases through the API: the list with its filters and search, opening, reading, assigning, status, notes."""

from datetime import date, timedelta

import pytest

from herzen.audit.models import AuditEvent
from herzen.cases import services
from herzen.cases.models import Case, CaseNote
from herzen.cases.tests.factories import make_case
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person

CASES = "/api/v1/cases/"


def household_of(actor, surname="Щукина", given_name="Анна", sex="F"):
    return make_household(actor, make_person(actor, surname=surname, given_name=given_name, sex=sex))


def test_the_case_list_shows_principal_reference_status_country_deadline_and_caseworker(
    api_as, caseworker_a, supervisor_a
):
    # given
    household = household_of(caseworker_a)
    principal = household.members.get().person
    entry = date.today() - timedelta(days=30)
    people_services.stay_record(
        actor=caseworker_a, person_id=principal.pk, country="KZ", entry_date=entry, legal_basis="visa_free"
    )
    case = make_case(caseworker_a, household, assigned_caseworker_id=caseworker_a.user.pk)
    household.refresh_from_db()

    # when
    response = api_as(supervisor_a).get(CASES)

    # then
    assert response.status_code == 200
    assert response.json()["count"] == 1
    row = response.json()["results"][0]
    assert row["id"] == str(case.pk)
    assert row["reference"] == case.reference
    assert row["status"] == "open"
    assert row["principal"] == {"id": str(principal.pk), "full_name": "Щукина Анна Сергеевна"}
    assert row["current_country"] == "KZ"
    assert row["earliest_stay_deadline"] == household.earliest_stay_deadline.isoformat()
    assert row["assigned_caseworker"]["id"] == caseworker_a.user.pk
    assert row["assigned_caseworker"]["name"] == caseworker_a.user.get_full_name()


@pytest.mark.parametrize("query", ["Щукина", "Shchukina", "Schtschukina", "Ščukina", "shchukina anna"])
def test_the_case_list_finds_a_case_by_any_spelling_of_a_members_name(api_as, caseworker_a, query):
    # given
    wanted = make_case(caseworker_a, household_of(caseworker_a))
    make_case(caseworker_a, household_of(caseworker_a, surname="Иванов", given_name="Пётр", sex="M"))

    # when
    response = api_as(caseworker_a).get(CASES, {"q": query})

    # then
    assert [row["id"] for row in response.json()["results"]] == [str(wanted.pk)]


def test_the_case_list_finds_a_case_by_its_reference_however_it_is_typed(api_as, caseworker_a):
    # given
    wanted = make_case(caseworker_a, household_of(caseworker_a))
    make_case(caseworker_a, household_of(caseworker_a, surname="Иванов", given_name="Пётр", sex="M"))
    client = api_as(caseworker_a)

    # when
    exact = client.get(CASES, {"q": wanted.reference})
    sloppy = client.get(CASES, {"q": wanted.reference.replace("-", " ").lower()})

    # then
    assert [row["id"] for row in exact.json()["results"]] == [str(wanted.pk)]
    assert [row["id"] for row in sloppy.json()["results"]] == [str(wanted.pk)]


def test_the_case_list_filters_by_status_caseworker_country_and_deadline(api_as, caseworker_a, supervisor_a):
    # given
    soon = household_of(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a,
        person_id=soon.members.get().person_id,
        country="KZ",
        entry_date=date.today() - timedelta(days=80),
        legal_basis="visa_free",
    )
    urgent = make_case(caseworker_a, soon, assigned_caseworker_id=caseworker_a.user.pk)
    unassigned = make_case(
        caseworker_a, household_of(caseworker_a, surname="Иванов", given_name="Пётр", sex="M")
    )
    on_hold = make_case(
        caseworker_a,
        household_of(caseworker_a, surname="Петров", given_name="Олег", sex="M"),
        assigned_caseworker_id=caseworker_a.user.pk,
    )
    services.case_change_status(actor=caseworker_a, case_id=on_hold.pk, status="on_hold")
    client = api_as(supervisor_a)

    def ids(**params):
        response = client.get(CASES, params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    # then
    assert ids(status="on_hold") == {str(on_hold.pk)}
    assert ids(caseworker="none") == {str(unassigned.pk)}
    assert ids(caseworker=str(caseworker_a.user.pk)) == {str(urgent.pk), str(on_hold.pk)}
    assert ids(country="KZ") == {str(urgent.pk)}
    assert ids(deadline_within_days=30) == {str(urgent.pk)}
    assert ids() == {str(urgent.pk), str(unassigned.pk), str(on_hold.pk)}
    assert client.get(CASES, {"sort": "deadline"}).json()["results"][0]["id"] == str(urgent.pk)


def test_bad_case_list_filters_get_400_naming_each(api_as, caseworker_a):
    response = api_as(caseworker_a).get(
        CASES,
        {
            "status": "lost",
            "caseworker": "bob",
            "deadline_within_days": "-1",
            "sort": "random",
            "country": "XX",
        },
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["fields"]) == {
        "status",
        "caseworker",
        "deadline_within_days",
        "sort",
        "country",
    }


# Session, user and memberships (the actor), the count, the page of cases with households and caseworkers,
# one prefetch of all their members with persons, and one of those persons' data keys: whatever the number
# of cases. A name search adds its blind-index candidates (their keys are then cached).
# Then the access events of the page, in one insert (no lock: the sequencer chains them later).
LIST_QUERIES = 7 + 1
SEARCH_QUERIES = LIST_QUERIES + 1


def test_the_case_list_takes_the_same_queries_for_2_or_10_cases(
    api_as, caseworker_a, supervisor_a, django_assert_num_queries
):
    # given
    client = api_as(supervisor_a)
    for n in range(2):
        make_case(
            caseworker_a,
            household_of(caseworker_a, given_name=f"Анна{'а' * n}"),
            assigned_caseworker_id=caseworker_a.user.pk,
        )
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(CASES).json()["count"] == 2

    # when
    for n in range(2, 10):
        make_case(
            caseworker_a,
            household_of(caseworker_a, given_name=f"Анна{'а' * n}"),
            assigned_caseworker_id=caseworker_a.user.pk,
        )

    # then
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(CASES)
    assert response.json()["count"] == 10
    assert all(row["principal"] and row["assigned_caseworker"] for row in response.json()["results"])
    with django_assert_num_queries(SEARCH_QUERIES):
        assert client.get(CASES, {"q": "Shchukina"}).json()["count"] == 10


def test_opening_a_case(api_as, caseworker_a):
    # given
    household = household_of(caseworker_a)

    # when
    response = api_as(caseworker_a).post(
        CASES,
        {"household_id": str(household.pk), "assigned_caseworker_id": caseworker_a.user.pk},
        format="json",
    )

    # then
    assert response.status_code == 201
    case = Case.objects.get()
    body = response.json()
    assert (body["id"], body["reference"], body["status"]) == (str(case.pk), case.reference, "open")
    assert body["household_id"] == str(household.pk)
    assert body["assigned_caseworker"]["id"] == caseworker_a.user.pk
    assert [(m["role"], m["person"]["full_name"]) for m in body["members"]] == [
        ("principal", "Щукина Анна Сергеевна")
    ]
    assert AuditEvent.objects.filter(action="case.open", target_id=str(case.pk)).count() == 1


@pytest.mark.parametrize(
    ("body", "bad_fields"),
    [
        ({}, {"household_id"}),
        ({"household_id": "12"}, {"household_id"}),
        ({"household_id": "{household}", "assigned_caseworker_id": "someone"}, {"assigned_caseworker_id"}),
        ({"household_id": "{household}", "assigned_caseworker_id": "{auditor}"}, {"assigned_caseworker_id"}),
    ],
    ids=["missing-household", "malformed-household", "malformed-caseworker", "auditor-cannot-hold-cases"],
)
def test_a_bad_case_open_gets_400_naming_the_field_and_nothing_is_written(
    api_as, caseworker_a, auditor_a, body, bad_fields
):
    # given
    household = household_of(caseworker_a)
    ids = {"household": str(household.pk), "auditor": str(auditor_a.user.pk)}
    body = {key: value.format(**ids) for key, value in body.items()}
    events = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).post(CASES, body, format="json")

    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["fields"]) == bad_fields
    assert not Case.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_second_active_case_for_a_household_gets_409(api_as, caseworker_a):
    # given
    case = make_case(caseworker_a)

    # when
    response = api_as(caseworker_a).post(CASES, {"household_id": str(case.household_id)}, format="json")

    # then
    assert response.status_code == 409
    assert Case.objects.count() == 1


def test_a_case_shows_its_household(api_as, caseworker_a):
    # given
    principal = make_person(caseworker_a)
    child = make_person(caseworker_a, given_name="Вера", date_of_birth=date(2016, 2, 2))
    case = make_case(caseworker_a, make_household(caseworker_a, principal, others=[(child, "child")]))

    # when
    response = api_as(caseworker_a).get(f"{CASES}{case.pk}/")

    # then
    assert response.status_code == 200
    assert response.json()["reference"] == case.reference
    assert {m["person"]["id"]: m["role"] for m in response.json()["members"]} == {
        str(principal.pk): "principal",
        str(child.pk): "child",
    }


def test_a_supervisor_assigns_a_case(api_as, caseworker_a, supervisor_a):
    # given
    case = make_case(caseworker_a)

    # when
    response = api_as(supervisor_a).post(
        f"{CASES}{case.pk}/assignments/", {"caseworker_id": caseworker_a.user.pk}, format="json"
    )

    # then
    assert response.status_code == 200
    assert response.json()["assigned_caseworker"]["id"] == caseworker_a.user.pk
    case.refresh_from_db()
    assert case.assigned_caseworker == caseworker_a.user
    assert AuditEvent.objects.filter(action="case.assign").count() == 1


def test_assigning_to_someone_who_cannot_hold_cases_gets_400_on_the_field(
    api_as, caseworker_a, supervisor_a, caseworker_b
):
    # given
    case = make_case(caseworker_a)

    # when
    response = api_as(supervisor_a).post(
        f"{CASES}{case.pk}/assignments/", {"caseworker_id": caseworker_b.user.pk}, format="json"
    )

    # then
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"caseworker_id"}
    case.refresh_from_db()
    assert case.assigned_caseworker is None


def test_a_caseworker_cannot_assign_cases(api_as, caseworker_a):
    # given
    case = make_case(caseworker_a)
    events = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).post(
        f"{CASES}{case.pk}/assignments/", {"caseworker_id": caseworker_a.user.pk}, format="json"
    )

    # then
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assigned_caseworker is None
    assert AuditEvent.objects.count() == events


def test_the_assigned_caseworker_closes_a_case(api_as, caseworker_a):
    # given
    case = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)

    # when
    response = api_as(caseworker_a).post(
        f"{CASES}{case.pk}/status-changes/", {"status": "closed"}, format="json"
    )

    # then
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert response.json()["closed_at"] is not None
    case.refresh_from_db()
    assert case.status == "closed"


def test_an_unknown_status_gets_400(api_as, caseworker_a):
    # given
    case = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)

    # when
    response = api_as(caseworker_a).post(
        f"{CASES}{case.pk}/status-changes/", {"status": "archived"}, format="json"
    )

    # then
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status"}
    case.refresh_from_db()
    assert case.status == "open"


def test_notes_are_added_and_listed_newest_first(api_as, caseworker_a, auditor_a):
    # given
    case = make_case(caseworker_a)
    client = api_as(caseworker_a)

    # when
    first = client.post(f"{CASES}{case.pk}/notes/", {"body": "Called; documents on Monday."}, format="json")
    client.post(f"{CASES}{case.pk}/notes/", {"body": "  Documents received.  "}, format="json")
    listed = api_as(auditor_a).get(f"{CASES}{case.pk}/notes/")

    # then
    assert first.status_code == 201
    assert first.json()["author"]["id"] == caseworker_a.user.pk
    assert listed.status_code == 200
    assert [n["body"] for n in listed.json()["results"]] == [
        "Documents received.",
        "Called; documents on Monday.",
    ]
    assert AuditEvent.objects.filter(action="case.note_add").count() == 2


def test_an_empty_note_gets_400(api_as, caseworker_a):
    case = make_case(caseworker_a)

    response = api_as(caseworker_a).post(f"{CASES}{case.pk}/notes/", {"body": "   "}, format="json")

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"body"}
    assert not CaseNote.objects.exists()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("", {"household_id": "{household}"}),
        ("{case}/assignments/", {"caseworker_id": None}),
        ("{case}/status-changes/", {"status": "on_hold"}),
        ("{case}/notes/", {"body": "An auditor's remark."}),
    ],
)
def test_auditors_get_403_on_case_writes_and_nothing_changes(api_as, caseworker_a, auditor_a, path, body):
    # given
    case = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)
    household = household_of(caseworker_a, surname="Иванов", given_name="Пётр", sex="M")
    ids = {"case": case.pk, "household": household.pk}
    body = {key: value.format(**ids) if isinstance(value, str) else value for key, value in body.items()}
    before = (list(Case.objects.values_list()), CaseNote.objects.count(), AuditEvent.objects.count())

    # when
    response = api_as(auditor_a).post(CASES + path.format(**ids), body, format="json")

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert (list(Case.objects.values_list()), CaseNote.objects.count(), AuditEvent.objects.count()) == before


def test_auditors_can_read_cases(api_as, caseworker_a, auditor_a):
    case = make_case(caseworker_a)

    assert api_as(auditor_a).get(f"{CASES}{case.pk}/").status_code == 200
    assert api_as(auditor_a).get(CASES).json()["count"] == 1
