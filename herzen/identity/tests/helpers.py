"""Two records of one person, each with a record of their own, for the merge tests."""

from datetime import date

from herzen.identity.models import DuplicatePair
from herzen.people import services
from herzen.people.choices import ContactKind, DocumentType, LegalBasis, RiskFactorKind
from herzen.people.tests.factories import make_household, make_person


def two_records(actor):
    """Жукова in Cyrillic and Joukova as a French prefecture wrote her, each in a household of their own."""
    first = make_person(actor, surname="Жукова", given_name="Юлия", patronymic="Сергеевна", sex="F")
    second = make_person(actor, surname="Жукова", given_name="Юлия", patronymic="Сергеевна", sex="F")
    make_household(actor, first)
    make_household(actor, second)
    services.name_variant_add(actor=actor, person_id=second.pk, surname="Joukova", given_name="Ioulia")
    services.document_add(
        actor=actor,
        person_id=first.pk,
        document_type=DocumentType.INTERNATIONAL_PASSPORT,
        number="75 1234567",
    )
    services.document_add(
        actor=actor, person_id=second.pk, document_type=DocumentType.INTERNAL_PASSPORT, number="4512 345678"
    )
    services.contact_point_add(
        actor=actor, person_id=first.pk, kind=ContactKind.PHONE, value="+995 555 123 456", is_preferred=True
    )
    services.contact_point_add(
        actor=actor, person_id=second.pk, kind=ContactKind.EMAIL, value="yulia@example.org", is_preferred=True
    )
    services.stay_record(
        actor=actor,
        person_id=second.pk,
        country="GE",
        entry_date=date(2022, 9, 25),
        exit_date=date(2023, 1, 10),
        legal_basis=LegalBasis.VISA_FREE,
        city="Тбилиси",
    )
    services.risk_factor_record(
        actor=actor,
        person_id=second.pk,
        kind=RiskFactorKind.CRIMINAL_CASE,
        criminal_article="207.3",
        criminal_stage="accused",
        narrative="Возбуждено дело за пост",
    )
    return first, second


def pair_of(actor, first, second, probability=0.97):
    a, b = sorted([first, second], key=lambda person: str(person.pk))
    return DuplicatePair.objects.create(
        organisation_id=actor.organisation_id,
        first=a,
        second=b,
        probability=probability,
        levels=["surname:cyrillic", "date_of_birth:same"],
    )
