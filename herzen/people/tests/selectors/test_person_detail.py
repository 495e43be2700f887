"""person_detail: one person with what their page shows, prefetched, and nothing of another organisation."""

from datetime import date

import pytest

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.people import services
from herzen.people.selectors import person_detail
from herzen.people.tests.factories import HouseholdRole, make_household, make_person


@pytest.fixture
def anna(caseworker_a):
    person = make_person(caseworker_a)
    passport = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="75 1234567"
    )
    services.name_variant_add(
        actor=caseworker_a,
        person_id=person.pk,
        surname="Shchukina",
        given_name="Anna",
        scheme="icao_9303",
        source_document_id=passport.pk,
    )
    services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="Schtschukina", given_name="Anna", scheme="german"
    )
    services.contact_point_add(actor=caseworker_a, person_id=person.pk, kind="telegram", value="@anna_s")
    services.entry_refusal_record(
        actor=caseworker_a, person_id=person.pk, country="GE", refused_on=date(2026, 3, 1)
    )
    return person


def test_returns_the_person_with_everything_prefetched(caseworker_a, anna, django_assert_num_queries):
    husband = make_person(caseworker_a, given_name="Илья", sex="M")
    household = make_household(caseworker_a, anna, others=[(husband, HouseholdRole.SPOUSE_OR_PARTNER)])

    person = person_detail(actor=caseworker_a, person_id=anna.pk)

    with django_assert_num_queries(0):
        assert [v.scheme for v in person.name_variants.all()] == ["german", "icao_9303"]
        assert [str(v.source_document) for v in person.name_variants.all()][1].endswith("751234567")
        assert [c.value for c in person.contact_points.all()] == ["@anna_s"]
        assert [d.number for d in person.documents.all()] == ["751234567"]
        assert [r.country.code for r in person.entry_refusals.all()] == ["GE"]
        assert person.household_membership.role == HouseholdRole.PRINCIPAL
        assert person.household_membership.household == household


def test_a_person_outside_any_household_has_no_membership(caseworker_a, anna, django_assert_num_queries):
    person = person_detail(actor=caseworker_a, person_id=anna.pk)

    with django_assert_num_queries(0):
        assert getattr(person, "household_membership", None) is None


def test_another_organisations_actor_gets_not_found(caseworker_b, anna):
    with pytest.raises(NotFound):
        person_detail(actor=caseworker_b, person_id=anna.pk)


def test_a_member_without_a_reading_role_gets_not_found(caseworker_a, anna):
    roleless = Actor(user=caseworker_a.user, organisation=caseworker_a.organisation, roles=frozenset())

    with pytest.raises(NotFound):
        person_detail(actor=roleless, person_id=anna.pk)


@pytest.mark.parametrize("person_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_malformed_or_unknown_id_is_not_found(caseworker_a, person_id):
    with pytest.raises(NotFound):
        person_detail(actor=caseworker_a, person_id=person_id)
