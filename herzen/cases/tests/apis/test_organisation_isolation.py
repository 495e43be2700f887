"""Another organisation's case is, to the API, a case that does not exist: the same 404 as for a random id on
every read and write, and nothing is written."""

import uuid

import pytest

from herzen.audit.models import AuditEvent
from herzen.cases import services
from herzen.cases.models import Case, CaseNote
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.people.tests.factories import make_household, make_person


@pytest.fixture
def case_a(caseworker_a):
    case = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)
    services.case_note_add(actor=caseworker_a, case_id=case.pk, body="Confidential.")
    return case


def snapshot():
    return (
        sorted(map(str, Case.objects.values_list())),
        sorted(map(str, CaseNote.objects.values_list())),
        AuditEvent.objects.count(),
    )


ENDPOINTS = [
    ("get", "{case}/", None),
    ("get", "{case}/notes/", None),
    ("post", "{case}/assignments/", {"caseworker_id": None}),
    ("post", "{case}/status/", {"status": "closed"}),
    ("post", "{case}/notes/", {"body": "Hello from B."}),
    ("post", "open/", {"household_id": "{household}"}),
]


def _fill(body, ids):
    return {
        key: value.format(**ids) if isinstance(value, str) else value for key, value in (body or {}).items()
    }


@pytest.mark.parametrize(
    ("method", "path", "body"), ENDPOINTS, ids=[f"{m.upper()} {p}" for m, p, _ in ENDPOINTS]
)
def test_organisation_b_gets_404_for_organisation_as_case_and_nothing_changes(
    api_as, org_b, make_actor, case_a, method, path, body
):
    # given a supervisor of B, who could do all of this to B's own cases
    supervisor_b = make_actor(org_b, Role.SUPERVISOR)
    client = api_as(supervisor_b)
    real = {"case": case_a.pk, "household": case_a.household_id}
    random = {"case": uuid.uuid4(), "household": uuid.uuid4()}
    before = snapshot()

    # when
    response = getattr(client, method)(
        f"/api/v1/cases/{path.format(**real)}", _fill(body, real), format="json"
    )
    missing = getattr(client, method)(
        f"/api/v1/cases/{path.format(**random)}", _fill(body, random), format="json"
    )

    # then
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found.", "fields": {}}
    assert (missing.status_code, missing.json()) == (404, response.json())
    assert snapshot() == before


def test_organisation_b_lists_and_finds_none_of_organisation_as_cases(api_as, caseworker_b, case_a):
    # given
    client = api_as(caseworker_b)
    make_case(
        caseworker_b, make_household(caseworker_b, make_person(caseworker_b, surname="Петров", sex="M"))
    )

    # when
    listed = client.get("/api/v1/cases/")
    by_name = client.get("/api/v1/cases/", {"q": "Shchukina"})
    by_reference = client.get("/api/v1/cases/", {"q": case_a.reference})

    # then
    assert str(case_a.pk) not in listed.content.decode()
    assert listed.json()["count"] == 1
    assert by_name.json()["count"] == 0
    assert by_reference.json()["count"] == 0
