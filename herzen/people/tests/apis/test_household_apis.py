"""Households through the API: create with a principal, read with members, add members."""

from herzen.audit.models import AuditEvent
from herzen.people.models import Household, HouseholdMember
from herzen.people.tests.factories import make_household, make_person

HOUSEHOLDS = "/api/v1/households/"


def test_creating_a_household_names_its_principal(api_as, caseworker_a):
    # given
    principal = make_person(caseworker_a)

    # when
    response = api_as(caseworker_a).post(HOUSEHOLDS, {"principal_id": str(principal.pk)}, format="json")

    # then
    assert response.status_code == 201
    household = Household.objects.get()
    assert response.json()["id"] == str(household.pk)
    assert [(m["role"], m["person"]["id"], m["person"]["full_name"]) for m in response.json()["members"]] == [
        ("principal", str(principal.pk), "Щукина Анна Сергеевна")
    ]
    assert AuditEvent.objects.filter(action="household.create").count() == 1


def test_a_person_already_in_a_household_cannot_head_another(api_as, caseworker_a):
    # given
    household = make_household(caseworker_a)
    principal = household.members.get().person
    events = AuditEvent.objects.count()

    # when
    response = api_as(caseworker_a).post(HOUSEHOLDS, {"principal_id": str(principal.pk)}, format="json")

    # then
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert Household.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_a_household_create_without_a_principal_gets_400(api_as, caseworker_a):
    response = api_as(caseworker_a).post(HOUSEHOLDS, {"principal_id": "someone"}, format="json")

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"principal_id"}
    assert not Household.objects.exists()


def test_a_household_shows_its_members_with_their_roles(api_as, caseworker_a):
    # given
    principal = make_person(caseworker_a)
    child = make_person(caseworker_a, given_name="Вера", date_of_birth=None)
    household = make_household(caseworker_a, principal, others=[(child, "child")])

    # when
    response = api_as(caseworker_a).get(f"{HOUSEHOLDS}{household.pk}/")

    # then
    assert response.status_code == 200
    members = {m["person"]["id"]: m["role"] for m in response.json()["members"]}
    assert members == {str(principal.pk): "principal", str(child.pk): "child"}
    assert response.json()["earliest_stay_deadline"] is None


def test_adding_a_member(api_as, caseworker_a):
    # given
    household = make_household(caseworker_a)
    spouse = make_person(caseworker_a, surname="Щукин", given_name="Олег", sex="M")

    # when
    response = api_as(caseworker_a).post(
        f"{HOUSEHOLDS}{household.pk}/members/",
        {"person_id": str(spouse.pk), "role": "spouse_partner"},
        format="json",
    )

    # then
    assert response.status_code == 201
    assert (response.json()["role"], response.json()["person"]["id"]) == ("spouse_partner", str(spouse.pk))
    assert HouseholdMember.objects.get(person=spouse).household == household


def test_adding_a_member_with_an_unknown_or_principal_role_is_refused(api_as, caseworker_a):
    # given
    household = make_household(caseworker_a)
    other = make_person(caseworker_a, surname="Щукин", given_name="Олег", sex="M")
    client = api_as(caseworker_a)
    url = f"{HOUSEHOLDS}{household.pk}/members/"

    # when
    unknown = client.post(url, {"person_id": str(other.pk), "role": "cousin"}, format="json")
    principal = client.post(url, {"person_id": str(other.pk), "role": "principal"}, format="json")

    # then
    assert (unknown.status_code, set(unknown.json()["fields"])) == (400, {"role"})
    assert (principal.status_code, set(principal.json()["fields"])) == (409, {"role"})
    assert household.members.count() == 1


def test_auditors_get_403_on_household_writes(api_as, caseworker_a, auditor_a):
    # given
    household = make_household(caseworker_a)
    person = make_person(caseworker_a, surname="Щукин", given_name="Олег", sex="M")
    client = api_as(auditor_a)
    events = AuditEvent.objects.count()

    # when
    create = client.post(HOUSEHOLDS, {"principal_id": str(person.pk)}, format="json")
    add = client.post(
        f"{HOUSEHOLDS}{household.pk}/members/",
        {"person_id": str(person.pk), "role": "child"},
        format="json",
    )

    # then
    assert (create.status_code, add.status_code) == (403, 403)
    assert Household.objects.count() == 1
    assert household.members.count() == 1
    assert AuditEvent.objects.count() == events
