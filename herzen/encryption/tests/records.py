"""A person record with a canary in every sensitive field, written through the services."""

from dataclasses import dataclass
from datetime import date

from herzen.cases import services as case_services
from herzen.domain.names import FullName, person_name_keys
from herzen.people import services
from herzen.people.models import Person

CANARIES = {
    "surname": "Канарейкозябрина",
    "given_name": "Зябликофиона",
    "patronymic": "Кукушкоэдуардовна",
    "variant_surname": "Kanarejkozjabrina",
    "variant_given_name": "Zjablikofiona",
    "variant_patronymic": "Kukushkoedua",
    "profession": "canary-profession-qzx",
    "date_of_birth": "1911-02-03",
    "phone": "+995 599 31 41 59",
    "email": "canary.zq@example.org",
    "document_number": "QZ9182736",
    "issuer": "canary-issuer-qzx",
    "city": "Канареград",
    "refusal": "canary-refusal-qzx",
    "border_point": "canary-border-qzx",
    "criminal_article": "canary-art-qzx",
    "narrative": "canary-narrative-qzx",
    "note": "canary-note-qzx",
}


@dataclass
class Record:
    person: Person
    case: object


def make_canary_record(actor, canaries=CANARIES) -> Record:
    person = services.person_create(
        actor=actor,
        surname=canaries["surname"],
        given_name=canaries["given_name"],
        patronymic=canaries["patronymic"],
        sex="F",
        date_of_birth=date.fromisoformat(canaries["date_of_birth"]),
        profession=canaries["profession"],
    )
    services.name_variant_add(
        actor=actor,
        person_id=person.pk,
        surname=canaries["variant_surname"],
        given_name=canaries["variant_given_name"],
        patronymic=canaries["variant_patronymic"],
        scheme="icao_9303",
    )
    services.contact_point_add(actor=actor, person_id=person.pk, kind="phone", value=canaries["phone"])
    services.contact_point_add(actor=actor, person_id=person.pk, kind="email", value=canaries["email"])
    document = services.document_add(
        actor=actor,
        person_id=person.pk,
        document_type="international_passport",
        number=canaries["document_number"],
        issuer=canaries["issuer"],
    )
    services.stay_record(
        actor=actor,
        person_id=person.pk,
        country="GE",
        city=canaries["city"],
        entry_date=date(2026, 9, 1),
        legal_basis="visa_free",
        document_id=document.pk,
    )
    services.entry_refusal_record(
        actor=actor,
        person_id=person.pk,
        country="AM",
        refused_on=date(2026, 8, 1),
        reason_given=canaries["refusal"],
        border_point=canaries["border_point"],
    )
    services.risk_factor_record(
        actor=actor,
        person_id=person.pk,
        kind="criminal_case",
        criminal_article=canaries["criminal_article"],
        criminal_stage="accused",
        narrative=canaries["narrative"],
    )
    household = services.household_create(actor=actor, principal_id=person.pk)
    case = case_services.case_open(actor=actor, household_id=household.pk)
    case_services.case_note_add(actor=actor, case_id=case.pk, body=canaries["note"])
    return Record(person=person, case=case)


def forbidden_strings(canaries=CANARIES) -> set[str]:
    """Each canary, the forms it is normalised to, and the plaintext name keys derived from the names."""
    values = set(canaries.values())
    values |= {"995599314159", canaries["document_number"].lower()}
    names = [
        FullName(canaries["surname"], canaries["given_name"], canaries["patronymic"]),
        FullName(canaries["variant_surname"], canaries["variant_given_name"], canaries["variant_patronymic"]),
    ]
    values |= {key for key in person_name_keys(names) if len(key) >= 7}
    return values
