"""Everything a page can correct, the API can: spellings, contact points, documents, stays, members' roles,
entry refusals and risk factors, with the pages' checks and the same 400 naming the field."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.people import services
from herzen.people.models import ContactPoint, HouseholdMember, NameVariant, RiskFactor
from herzen.people.tests.factories import make_household, make_person

V1 = "/api/v1"


@pytest.fixture
def person(caseworker_a):
    return make_person(caseworker_a, date_of_birth=date(1990, 5, 17))


def test_a_spelling_is_corrected_with_patch_and_removed_with_delete(api_as, caseworker_a, person):
    variant = services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="Shchukina", given_name="Anna"
    )
    client = api_as(caseworker_a)

    patched = client.patch(f"{V1}/name-variants/{variant.pk}/", {"scheme": "icao_9303"}, format="json")
    reversed_dates = client.patch(
        f"{V1}/name-variants/{variant.pk}/",
        {"valid_from": "2020-01-01", "valid_until": "2019-01-01"},
        format="json",
    )
    deleted = client.delete(f"{V1}/name-variants/{variant.pk}/")
    again = client.delete(f"{V1}/name-variants/{variant.pk}/")

    assert (patched.status_code, patched.json()["scheme"]) == (200, "icao_9303")
    assert reversed_dates.status_code == 400
    assert list(reversed_dates.json()["fields"]) == ["valid_until"]
    assert (deleted.status_code, again.status_code) == (204, 404)
    assert not NameVariant.objects.exists()
    assert [
        e.action
        for e in AuditEvent.objects.filter(action__startswith="name_variant.").order_by("occurred_at", "id")
    ] == [
        "name_variant.add",
        "name_variant.update",
        "name_variant.remove",
    ]


def test_a_contact_point_is_corrected_and_removed(api_as, caseworker_a, person):
    contact = services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="phone", value="+995555"
    )
    client = api_as(caseworker_a)

    patched = client.patch(f"{V1}/contact-points/{contact.pk}/", {"value": "+995 555 000 999"}, format="json")
    deleted = client.delete(f"{V1}/contact-points/{contact.pk}/")

    assert (patched.status_code, patched.json()["value"]) == (200, "+995 555 000 999")
    assert deleted.status_code == 204
    assert not ContactPoint.objects.exists()


def test_a_stay_before_birth_gets_400_on_the_entry_date(api_as, caseworker_a, person):
    response = api_as(caseworker_a).post(
        f"{V1}/persons/{person.pk}/stays/",
        {"country": "GE", "entry_date": "1985-01-01", "legal_basis": "visa_free"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "entry_date": ["The entry date is before the date of birth (17 May 1990)."]
    }


def test_an_expired_passport_is_answered_as_expired(api_as, caseworker_a, person):
    yesterday = timezone.localdate() - timedelta(days=1)

    response = api_as(caseworker_a).post(
        f"{V1}/persons/{person.pk}/documents/",
        {"document_type": "international_passport", "number": "751234567", "expiry_date": str(yesterday)},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["status"] == "expired"


def test_a_members_role_is_corrected_checked_and_the_member_removed(api_as, caseworker_a, person):
    older = make_person(caseworker_a, given_name="Вера", date_of_birth=date(1960, 1, 1))
    household = make_household(caseworker_a, person, others=[(older, "other_dependant")])
    client = api_as(caseworker_a)
    member_url = f"{V1}/households/{household.pk}/members/{older.pk}/"

    as_child = client.patch(member_url, {"role": "child"}, format="json")
    as_spouse = client.patch(member_url, {"role": "spouse_partner"}, format="json")
    principal = client.delete(f"{V1}/households/{household.pk}/members/{person.pk}/")
    removed = client.delete(member_url)

    assert as_child.status_code == 400
    assert list(as_child.json()["fields"]) == ["role"]
    assert (as_spouse.status_code, as_spouse.json()["role"]) == (200, "spouse_partner")
    assert principal.status_code == 409
    assert removed.status_code == 204
    assert list(HouseholdMember.objects.values_list("person_id", flat=True)) == [person.pk]


def test_entry_refusals_are_listed_and_recorded(api_as, caseworker_a, person):
    client = api_as(caseworker_a)

    recorded = client.post(
        f"{V1}/persons/{person.pk}/entry-refusals/",
        {"country": "GE", "refused_on": "2024-03-01", "border_point": "Верхний Ларс"},
        format="json",
    )
    before_birth = client.post(
        f"{V1}/persons/{person.pk}/entry-refusals/",
        {"country": "GE", "refused_on": "1980-03-01"},
        format="json",
    )
    listed = client.get(f"{V1}/persons/{person.pk}/entry-refusals/")

    assert recorded.status_code == 201
    assert before_birth.status_code == 400
    assert list(before_birth.json()["fields"]) == ["refused_on"]
    assert [row["border_point"] for row in listed.json()["results"]] == ["Верхний Ларс"]


def test_risk_factors_are_recorded_listed_and_corrected(api_as, caseworker_a, person):
    client = api_as(caseworker_a)

    missing_stage = client.post(
        f"{V1}/persons/{person.pk}/risk-factors/", {"kind": "criminal_case"}, format="json"
    )
    recorded = client.post(
        f"{V1}/persons/{person.pk}/risk-factors/",
        {"kind": "criminal_case", "criminal_article": "207.3", "criminal_stage": "accused"},
        format="json",
    )
    past = client.patch(f"{V1}/risk-factors/{recorded.json()['id']}/", {"is_current": False}, format="json")
    listed = client.get(f"{V1}/persons/{person.pk}/risk-factors/")

    assert missing_stage.status_code == 400
    assert list(missing_stage.json()["fields"]) == ["criminal_stage"]
    assert recorded.status_code == 201
    assert (past.status_code, past.json()["is_current"]) == (200, False)
    assert [(row["criminal_article"], row["is_current"]) for row in listed.json()["results"]] == [
        ("207.3", False)
    ]
    assert not RiskFactor.objects.get().is_current


def test_auditors_get_403_on_corrections(api_as, caseworker_a, auditor_a, person):
    variant = services.name_variant_add(actor=caseworker_a, person_id=person.pk, surname="X", given_name="Y")
    client = api_as(auditor_a)

    assert (
        client.patch(f"{V1}/name-variants/{variant.pk}/", {"surname": "Z"}, format="json").status_code == 403
    )
    assert client.delete(f"{V1}/name-variants/{variant.pk}/").status_code == 403
    assert (
        client.post(
            f"{V1}/persons/{person.pk}/risk-factors/", {"kind": "exit_ban"}, format="json"
        ).status_code
        == 403
    )
    assert NameVariant.objects.get().surname == "X"


def test_a_spellings_end_before_its_stored_start_is_refused_beside_the_end(api_as, caseworker_a, person):
    variant = services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="X", given_name="Y", valid_from=date(2020, 1, 1)
    )

    response = api_as(caseworker_a).patch(
        f"{V1}/name-variants/{variant.pk}/", {"valid_until": "2019-01-01"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["valid_until"]
