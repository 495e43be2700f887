"""Possible duplicates through the API: a case's open flags (both names shown, both logged), dismissing one."""

from herzen.audit.models import AccessEvent, AuditEvent
from herzen.cases.duplicates import PossibleDuplicate
from herzen.cases.tests.factories import make_case
from herzen.people.models import HouseholdMember
from herzen.people.tests.factories import make_person


def flagged_case(actor):
    case = make_case(actor)
    newcomer = HouseholdMember.objects.filter(household=case.household).first().person
    existing = make_person(actor, surname="Щукина", given_name="Анна")
    flag = PossibleDuplicate.objects.create(
        case=case, person=newcomer, existing=existing, reason="date_of_birth"
    )
    return case, flag


def test_list_and_dismiss_a_possible_duplicate(api_as, caseworker_a):
    case, flag = flagged_case(caseworker_a)
    client = api_as(caseworker_a)
    url = f"/api/v1/cases/{case.pk}/possible-duplicates/"

    listed = client.get(url)
    assert listed.status_code == 200
    [row] = listed.json()["results"]
    assert row["id"] == str(flag.pk)
    assert row["reason"] == "date_of_birth"
    assert row["existing"] == {"id": str(flag.existing_id), "full_name": "Щукина Анна Сергеевна"}
    assert row["person"]["id"] == str(flag.person_id)
    logged = AccessEvent.objects.filter(via="api:case-possible-duplicates")
    assert set(logged.values_list("target_id", flat=True)) == {str(flag.person_id), str(flag.existing_id)}

    dismissals = f"/api/v1/possible-duplicates/{flag.pk}/dismissals/"
    dismissed = client.post(dismissals, format="json")
    assert dismissed.status_code == 200
    assert dismissed.json()["dismissed_at"] is not None
    assert dismissed.json()["dismissed_by"] == caseworker_a.user.username
    assert dismissed.json()["existing"]["full_name"] == "Щукина Анна Сергеевна"
    assert client.post(dismissals, format="json").status_code == 409
    assert client.get(url).json()["results"] == []  # a dismissed flag is no longer open
    assert PossibleDuplicate.objects.get().dismissed_by == caseworker_a.user  # kept, marked dismissed
    assert AuditEvent.objects.filter(action="case.dismiss_duplicate", target_id=str(flag.pk)).count() == 1


def test_other_organisations_get_404_and_auditors_cannot_dismiss(
    api_as, caseworker_a, auditor_a, caseworker_b
):
    case, flag = flagged_case(caseworker_a)
    url = f"/api/v1/cases/{case.pk}/possible-duplicates/"
    dismissals = f"/api/v1/possible-duplicates/{flag.pk}/dismissals/"

    assert api_as(caseworker_b).get(url).status_code == 404
    assert api_as(caseworker_b).post(dismissals, format="json").status_code == 404
    assert api_as(auditor_a).get(url).status_code == 200
    assert api_as(auditor_a).post(dismissals, format="json").status_code == 403
    assert PossibleDuplicate.objects.get().dismissed_at is None
