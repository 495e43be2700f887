"""The priority in the API: on each case, in the queue's filters and order, and its refresh."""

from herzen.audit.models import AuditEvent
from herzen.cases.tests.factories import make_case
from herzen.people import services as people_services


def principal_of(case):
    return case.household.members.get(role="principal").person


def test_a_case_carries_its_priority_and_the_explanation_adds_up(api_as, caseworker_a):
    case = make_case(caseworker_a)
    people_services.risk_factor_record(
        actor=caseworker_a, person_id=principal_of(case).pk, kind="wanted_list", wanted_scope="interpol"
    )

    priority = api_as(caseworker_a).get(f"/api/v1/cases/{case.pk}/").json()["priority"]

    assert priority["score"] > 0
    assert sum(line["points"] for line in priority["contributions"]) == priority["score"]
    assert priority["contributions"][0]["rule"] == "wanted_list.scope"


def test_the_queue_orders_by_priority_and_filters_by_band_and_due_date(api_as, caseworker_a):
    quiet = make_case(caseworker_a)
    urgent = make_case(caseworker_a)
    people_services.risk_factor_record(
        actor=caseworker_a, person_id=principal_of(urgent).pk, kind="foreign_agent"
    )
    client = api_as(caseworker_a)

    listed = client.get("/api/v1/cases/", {"sort": "priority"}).json()["results"]
    assert [row["id"] for row in listed] == [str(urgent.pk), str(quiet.pk)]
    assert listed[0]["priority_band"] in ("medium", "high", "critical")
    band = listed[0]["priority_band"]
    assert [row["id"] for row in client.get("/api/v1/cases/", {"band": band}).json()["results"]] == [
        str(urgent.pk)
    ]
    assert client.get("/api/v1/cases/", {"due_within_days": 7}).json()["results"] == []
    assert client.get("/api/v1/cases/", {"band": "urgent"}).status_code == 400


def test_refreshing_the_priority(api_as, caseworker_a, auditor_a, caseworker_b):
    case = make_case(caseworker_a)
    url = f"/api/v1/cases/{case.pk}/priority-refreshes/"

    assert api_as(caseworker_a).post(url).status_code == 200
    assert api_as(auditor_a).post(url).status_code == 403
    assert api_as(caseworker_b).post(url).status_code == 404
    assert not AuditEvent.objects.filter(
        action="case.priority_refresh", actor_user_id=auditor_a.user.pk
    ).exists()
