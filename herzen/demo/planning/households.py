"""Putting a household plan together: members, their papers and spellings, contacts, stays and the case."""

import random
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta

from faker import Faker

from herzen.demo.planning import documents as papers
from herzen.demo.planning.casework import plan_case
from herzen.demo.planning.contacts import plan_contacts
from herzen.demo.planning.itineraries import (
    INTERNAL_PASSPORT_COUNTRIES,
    deadline_of,
    pick_country,
    plan_itinerary,
)
from herzen.demo.planning.people import age_on, plan_members
from herzen.demo.planning.risks import plan_risk_factors, spotlight_risk_factors
from herzen.demo.plans import DocumentPlan, HouseholdPlan, Itinerary, NameVariantPlan, PersonPlan, StayPlan
from herzen.domain.names import Scheme


def _travel_document(stay: StayPlan, documents: dict[str, DocumentPlan]) -> str | None:
    """The document the person most likely crossed the border with."""
    for key in ("intl", "intl_old"):
        document = documents.get(key)
        if document is None or document.issue_date is None or document.issue_date > stay.entry_date:
            continue
        if document.expiry_date is None or document.expiry_date >= stay.entry_date:
            return key
    internal = documents.get("internal")
    if (
        stay.country in INTERNAL_PASSPORT_COUNTRIES
        and internal is not None
        and internal.issue_date is not None
        and internal.issue_date <= stay.entry_date
    ):
        return "internal"
    return None


def _stays_of(person: PersonPlan, itinerary: Itinerary, documents: dict[str, DocumentPlan]) -> list[StayPlan]:
    """The household's stays from the person's birth on (a child born in Tbilisi "entered" at birth)."""
    stays = []
    for stay in itinerary.stays:
        if stay.exit_date is not None and stay.exit_date < person.date_of_birth:
            continue
        if stay.entry_date < person.date_of_birth:
            stay = replace(stay, entry_date=person.date_of_birth)
            if stay.authorised_until is not None and stay.authorised_until < stay.entry_date:
                # Born after the parents' permit ran out: no permit of the child's own is on file.
                stay = replace(stay, authorised_until=None)
            if stay.registered_on is not None and stay.registered_on < stay.entry_date:
                stay = replace(stay, registered_on=stay.entry_date)  # registered when born
        stays.append(replace(stay, document=_travel_document(stay, documents)))
    return stays


def _documents_of(
    rng: random.Random, person: PersonPlan, itinerary: Itinerary, region: papers.Region, today: date
) -> list[DocumentPlan]:
    departure = itinerary.stays[0].entry_date
    documents: list[DocumentPlan] = []
    internal = papers.internal_passport(rng, person, region, today, departure)
    if internal is not None:
        documents.append(internal)
    needs_passport = any(stay.country not in INTERNAL_PASSPORT_COUNTRIES for stay in itinerary.stays)
    if rng.random() < (0.97 if needs_passport else 0.6) or internal is None:
        documents += papers.international_passports(rng, person, region, today)
    current = itinerary.stays[-1]
    adult = age_on(person.date_of_birth, today) >= 18
    if current.legal_basis == "residence_permit" and adult:
        if rng.random() < 0.7:
            documents.append(
                papers.residence_card(
                    rng, current.country, current.entry_date, current.authorised_until, today
                )
            )
        if current.country in ("GE", "AM", "RS", "TR") and rng.random() < 0.08:
            documents.append(papers.refugee_travel_document(rng, current.country, current.entry_date, today))
    return documents


def plan_household(
    rng: random.Random,
    faker: Faker,
    *,
    today: date,
    organisation_index: int,
    home_country: str | None,
    principal_name: tuple[str, str, str, str] | None = None,
    country: str | None = None,
    urgency: str | None = None,
) -> HouseholdPlan:
    country = country or pick_country(rng, home_country)
    members = plan_members(rng, faker, today=today, country=country, principal_name=principal_name)
    itinerary = plan_itinerary(rng, today=today, home_country=home_country, country=country, urgency=urgency)
    region = papers.pick_region(rng)
    planned: list[PersonPlan] = []
    for person in members:
        documents = _documents_of(rng, person, itinerary, region, today)
        documents, variants = papers.plan_spellings(rng, person, documents, today)
        by_key = {document.key: document for document in documents}
        planned.append(
            replace(
                person,
                documents=tuple(documents),
                name_variants=tuple(variants),
                contacts=tuple(plan_contacts(rng, person, country=country, today=today)),
                stays=tuple(_stays_of(person, itinerary, by_key)),
                refusals=itinerary.refusals if person.role == "principal" else (),
            )
        )
    planned = plan_risk_factors(planned, itinerary, today)
    return HouseholdPlan(
        organisation_index=organisation_index,
        members=tuple(planned),
        itinerary=itinerary,
        case=plan_case(rng, planned, itinerary, today),
    )


SPOTLIGHT_NAME = ("Щукин", "Анна", "Сергеевна", "F")  # Щукина Анна Сергеевна


def _with_icao_passport(person: PersonPlan, issued: date) -> PersonPlan:
    """Make sure the person holds a valid passport issued in the ICAO era with its spelling stored."""
    expiry = papers.years_after(issued, 10)
    passport = DocumentPlan(
        "intl", "international_passport", "75 4310982", "RU", "МВД 77810", issued, expiry, "valid"
    )
    others = tuple(d for d in person.documents if d.key not in ("intl", "intl_old"))
    variant = NameVariantPlan("Shchukina", "Anna", "Sergeevna", Scheme.ICAO_9303.value, "intl")
    variants = (variant, *(v for v in person.name_variants if v.source_document not in ("intl", "intl_old")))
    stays = tuple(replace(s, document="intl" if s.entry_date >= issued else None) for s in person.stays)
    return replace(person, documents=(*others, passport), name_variants=variants[:2], stays=stays)


def plan_spotlight_household(
    rng: random.Random, faker: Faker, *, today: date, organisation_index: int
) -> HouseholdPlan:
    """Щукина Анна Сергеевна in Georgia, close to her deadline: the household the README tour searches for
    as "Schtschukina" or "Ščukina"."""
    plan = plan_household(
        rng,
        faker,
        today=today,
        organisation_index=organisation_index,
        home_country="GE",
        principal_name=SPOTLIGHT_NAME,
        country="GE",
        urgency="urgent",
    )
    principal = _with_icao_passport(plan.principal, date(2019, 6, 11))
    principal = replace(principal, risk_factors=spotlight_risk_factors(today))
    return replace(plan, members=(principal, *plan.members[1:]))


REGISTRATION_SPOTLIGHT_NAME = ("Токтогулова", "Айгуль", "Маратовна", "F")


def plan_registration_spotlight_household(
    *, seed: int, today: date, organisation_index: int
) -> HouseholdPlan:
    """A household that arrived in Kyrgyzstan two days ago and is not registered yet: the sources disagree on the
    deadline (5 working days, or 30 days for EAEU citizens), and the case shows the earlier date. Drawn from an
    rng and faker of their own, so the other households of a seed stay what they were."""
    faker = Faker("ru_RU")
    faker.seed_instance(f"{seed}|registration-spotlight")
    plan = plan_household(
        random.Random(f"{seed}|registration-spotlight"),
        faker,
        today=today,
        organisation_index=organisation_index,
        home_country="KG",
        principal_name=REGISTRATION_SPOTLIGHT_NAME,
        country="KG",
        urgency="later",
    )
    arrival = StayPlan("KG", "Бишкек", today - timedelta(days=2), None, "visa_free")
    itinerary = replace(plan.itinerary, stays=(arrival,), expected_deadline=deadline_of([arrival]))
    members = tuple(
        replace(member, stays=(replace(arrival, entry_date=max(arrival.entry_date, member.date_of_birth)),))
        for member in plan.members
    )
    return replace(plan, itinerary=itinerary, members=members)


def plan_households(
    *, seed: int, households: int, today: date, organisation_countries: Sequence[str]
) -> Iterator[HouseholdPlan]:
    """`households` plans, deterministic for a seed: the spotlight household first, in the first
    organisation based in Georgia (else the first organisation), the rest spread over all of them."""
    rng = random.Random(seed)
    faker = Faker("ru_RU")
    faker.seed_instance(seed)
    if households <= 0 or not organisation_countries:
        return
    georgian = next((i for i, c in enumerate(organisation_countries) if c == "GE"), 0)
    yield plan_spotlight_household(rng, faker, today=today, organisation_index=georgian)
    if households >= 3:
        # In place of the last household: the others keep the draws they had.
        households -= 1
        kyrgyz = next((i for i, c in enumerate(organisation_countries) if c == "KG"), georgian)
        yield plan_registration_spotlight_household(seed=seed, today=today, organisation_index=kyrgyz)
    for _ in range(households - 1):
        index = rng.randrange(len(organisation_countries))
        yield plan_household(
            rng, faker, today=today, organisation_index=index, home_country=organisation_countries[index]
        )
