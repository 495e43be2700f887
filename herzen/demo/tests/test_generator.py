"""The generator writes through the services: names, papers, stays, cases and audit as the app stores them."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases.models import Case, CaseNote
from herzen.cases.selectors import CaseFilters, case_list
from herzen.core.actor import Role
from herzen.demo.generator import generate
from herzen.domain.names import is_cyrillic
from herzen.domain.references import looks_like_reference
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.people.models import (
    ContactPoint,
    EntryRefusal,
    Household,
    HouseholdMember,
    IdentityDocument,
    NameVariant,
    Person,
    RiskFactor,
    Stay,
)

HOUSEHOLDS = 20
TRANSIT = {"GE", "AM", "KZ", "TR", "RS", "KG", "UZ"}


def _staff(organisation, role, username):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return actor_for_user(user, organisation_id=organisation.pk)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """20 households generated once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        tbilisi = OrganisationFactory(name="Ковчег Тбилиси (test)", country="GE", city="Тбилиси")
        astana = OrganisationFactory(name="Правовая помощь Астана (test)", country="KZ", city="Астана")
        writers = []
        for organisation, slug in ((tbilisi, "tb"), (astana, "as")):
            writers.append((organisation, _staff(organisation, Role.CASEWORKER, f"gen-{slug}-caseworker")))
            _staff(organisation, Role.SUPERVISOR, f"gen-{slug}-supervisor")
        today = timezone.localdate()
        summary = generate(organisations=writers, households=HOUSEHOLDS, seed=11, today=today)
        yield {"summary": summary, "tbilisi": writers[0][1], "astana": writers[1][1], "today": today}
        transaction.set_rollback(True)


@pytest.fixture
def data(generated, db):
    return generated


def test_it_writes_the_households_and_a_case_for_each(data):
    assert Household.objects.count() == HOUSEHOLDS
    assert Case.objects.count() == HOUSEHOLDS
    assert data["summary"].households == HOUSEHOLDS
    assert data["summary"].persons == Person.objects.count() > HOUSEHOLDS


def test_persons_have_cyrillic_names_with_patronymics(data):
    for person in Person.objects.all():
        assert is_cyrillic(person.surname)
        assert is_cyrillic(person.given_name)
        assert person.patronymic
        assert is_cyrillic(person.patronymic)


def test_stays_cover_at_least_five_transit_countries(data):
    countries = set(Stay.objects.values_list("country", flat=True))

    assert len(countries & TRANSIT) >= 5


def test_some_household_is_within_fourteen_days_of_its_deadline(data):
    today = data["today"]
    urgent = Household.objects.filter(
        earliest_stay_deadline__gte=today, earliest_stay_deadline__lte=today + timedelta(days=14)
    )

    assert urgent.exists()
    assert Stay.objects.filter(exit_date__isnull=True, legal_deadline__isnull=False).exists()


def test_every_case_has_a_reference_and_is_assigned_to_staff_or_nobody(data):
    for case in Case.objects.select_related("assigned_caseworker"):
        assert looks_like_reference(case.reference)
    assert Case.objects.filter(assigned_caseworker__isnull=False).exists()
    assert CaseNote.objects.count() >= HOUSEHOLDS


def test_documents_name_variants_and_contacts_are_linked(data):
    assert IdentityDocument.objects.filter(document_type="internal_passport").exists()
    assert NameVariant.objects.filter(source_document__isnull=False).exists()
    assert ContactPoint.objects.filter(is_preferred=True).exists()
    assert Stay.objects.filter(document__isnull=False).exists()


def test_every_created_record_has_its_audit_event(data):
    audited = set(AuditEvent.objects.values_list("target_type", "target_id"))
    records = [
        Person,
        IdentityDocument,
        NameVariant,
        ContactPoint,
        Stay,
        EntryRefusal,
        RiskFactor,
        Household,
        Case,
        CaseNote,
    ]
    for model in records:
        for pk in model.objects.values_list("pk", flat=True):
            assert (model._meta.label_lower, str(pk)) in audited, model
    # A principal joins with household.create; every other member has their own event.
    for member in HouseholdMember.objects.exclude(role="principal"):
        assert (HouseholdMember._meta.label_lower, str(member.pk)) in audited


def test_the_shchukina_household_is_found_under_other_spellings(data):
    actor = data["tbilisi"]
    for spelling in ("Schtschukina", "Ščukina", "Щукина", "Shchukina"):
        found = case_list(actor=actor, filters=CaseFilters(query=spelling))
        names = {member.person.full_name for case in found for member in case.household.ordered_members}
        assert "Щукина Анна Сергеевна" in names, spelling


def test_the_shchukina_household_belongs_to_the_tbilisi_organisation_only(data):
    assert not case_list(actor=data["astana"], filters=CaseFilters(query="Schtschukina")).exists()
    shchukina = Person.objects.get(surname="Щукина", given_name="Анна", patronymic="Сергеевна")
    assert shchukina.organisation_id == data["tbilisi"].organisation_id
    assert shchukina.name_variants.filter(
        surname="Shchukina", given_name="Anna", patronymic="Sergeevna", scheme="icao_9303"
    ).exists()


def test_the_queue_has_risk_factors_and_priorities_that_add_up(data):
    assert RiskFactor.objects.exists()
    cases = list(Case.objects.all())
    assert len({case.priority_band for case in cases}) >= 3  # the queue has something to order
    for case in cases:
        contributions = case.priority_explanation["contributions"]
        assert sum(line["points"] for line in contributions) == case.priority_score
    anna = case_list(actor=data["tbilisi"], filters=CaseFilters(query="Щукина Анна", sort="priority")).first()
    assert anna.priority_band in ("high", "critical")


def test_the_same_seed_writes_the_same_people(db):
    def names_written(label):
        organisation = OrganisationFactory(name=f"Determinism {label}", country="GE")
        writer = _staff(organisation, Role.CASEWORKER, f"det-{label}")
        generate(organisations=[(organisation, writer)], households=4, seed=5, today=timezone.localdate())
        persons = Person.objects.filter(organisation=organisation)
        return sorted((p.full_name, p.date_of_birth, p.sex) for p in persons)

    assert names_written("one") == names_written("two")
