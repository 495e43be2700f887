"""The pure planners: realistic, complete and deterministic without touching a database."""

import itertools
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from herzen.demo.planning import plan_households
from herzen.demo.planning.documents import scheme_for_issue_date
from herzen.demo.planning.households import _stays_of
from herzen.demo.planning.itineraries import TRANSIT_COUNTRIES, deadline_of
from herzen.demo.russian_names import patronymic, surname_for
from herzen.domain.names import Scheme, is_cyrillic
from herzen.people.choices import DocumentStatus

TODAY = date(2026, 11, 23)


def _plans(households, seed=3):
    return list(
        plan_households(seed=seed, households=households, today=TODAY, organisation_countries=["GE", "KZ"])
    )


def test_same_seed_gives_the_same_people_and_another_seed_does_not():
    first = [p.full_name for h in _plans(15) for p in h.members]
    again = [p.full_name for h in _plans(15) for p in h.members]
    other = [p.full_name for h in _plans(15, seed=4) for p in h.members]

    assert first == again
    assert first != other


def test_every_document_status_appears_in_sixty_households():
    statuses = Counter(d.status for h in _plans(60) for p in h.members for d in p.documents)

    assert set(statuses) == set(DocumentStatus.values)
    assert statuses[DocumentStatus.VALID] > sum(statuses.values()) / 2  # valid mostly


def test_names_are_cyrillic_with_patronymics_and_gendered_family_surnames():
    for household in _plans(40):
        principal = household.principal
        for person in household.members:
            assert is_cyrillic(person.surname)
            assert is_cyrillic(person.given_name)
            assert person.patronymic
            assert is_cyrillic(person.patronymic)
            assert person.patronymic.endswith(("вич", "вна", "ич", "ична")), person.full_name
            if person.role == "child":
                family = principal.surname if principal.sex == "M" else None
                if family:
                    assert person.surname == surname_for(family, person.sex)


def test_children_of_a_father_in_the_household_carry_his_patronymic():
    checked = 0
    for household in _plans(80):
        fathers = [p for p in household.members if p.role in ("principal", "spouse_partner") and p.sex == "M"]
        for child in (p for p in household.members if p.role == "child"):
            if len(fathers) == 1 and patronymic(fathers[0].given_name, child.sex):
                assert child.patronymic == patronymic(fathers[0].given_name, child.sex)
                checked += 1
    assert checked > 5


def test_patronymics_and_surnames_follow_russian_grammar():
    assert patronymic("Сергей", "F") == "Сергеевна"
    assert patronymic("Юрий", "M") == "Юрьевич"
    assert patronymic("Дмитрий", "F") == "Дмитриевна"
    assert patronymic("Павел", "M") == "Павлович"
    assert patronymic("Илья", "F") == "Ильинична"
    assert patronymic("Игорь", "M") == "Игоревич"
    assert surname_for("Щукин", "F") == "Щукина"
    assert surname_for("Левицкий", "F") == "Левицкая"
    assert surname_for("Шевченко", "F") == "Шевченко"


def test_passport_spelling_schemes_follow_the_issue_date():
    assert scheme_for_issue_date(date(2008, 5, 1)) is Scheme.MVD_1997
    assert scheme_for_issue_date(date(2012, 5, 1)) is Scheme.GOST_52535
    assert scheme_for_issue_date(date(2019, 5, 1)) is Scheme.ICAO_9303


def test_stored_spellings_match_the_scheme_of_their_passport():
    plans = _plans(150)
    persons = [p for h in plans for p in h.members]
    legacy = 0
    for person in persons:
        documents = {d.key: d for d in person.documents}
        for variant in person.name_variants:
            document = documents.get(variant.source_document or "")
            if document is None or document.document_type != "international_passport":
                continue
            if document.retains_legacy_spelling:
                legacy += 1
                assert variant.scheme != scheme_for_issue_date(document.issue_date).value
            else:
                assert variant.scheme == scheme_for_issue_date(document.issue_date).value
    adults = [p for p in persons if (TODAY - p.date_of_birth).days > 18 * 366]
    assert sum(1 for p in adults if p.name_variants) > len(adults) * 0.7
    assert legacy >= 1


def test_stays_never_overlap_lie_in_the_past_and_leave_one_open():
    for household in _plans(60):
        for person in household.members:
            stays = sorted(person.stays, key=lambda s: s.entry_date)
            assert [s.exit_date for s in stays].count(None) == 1
            assert stays[-1].exit_date is None
            for earlier, later in itertools.pairwise(stays):
                assert earlier.exit_date < later.entry_date
            assert all(s.entry_date <= TODAY and s.entry_date >= person.date_of_birth for s in stays)


def test_stays_spread_over_the_transit_countries_with_a_share_close_to_the_deadline():
    plans = _plans(200)
    current = Counter(h.itinerary.stays[-1].country for h in plans)
    visited = {s.country for h in plans for s in h.itinerary.stays}
    days_left = [(h.itinerary.expected_deadline - TODAY).days for h in plans if h.itinerary.expected_deadline]

    assert visited >= set(TRANSIT_COUNTRIES)
    assert len(current) >= 6
    assert sum(1 for d in days_left if 0 <= d <= 14) >= 8
    assert any(d < 0 for d in days_left)


def test_kazakhstan_visa_runs_make_the_rolling_window_bind():
    """A KZ entry after an earlier KZ stay within 180 days gets fewer than 90 days."""
    shortened = 0
    for household in _plans(150):
        stays = household.principal.stays
        current = stays[-1]
        if current.country != "KZ" or current.legal_basis != "visa_free":
            continue
        recent = [
            s for s in stays[:-1] if s.country == "KZ" and s.exit_date > current.entry_date - timedelta(180)
        ]
        if recent:
            assert deadline_of(stays) < current.entry_date + timedelta(days=89)
            shortened += 1
    assert shortened >= 3


def test_one_contact_point_is_preferred_whenever_there_are_any():
    for household in _plans(40):
        for person in household.members:
            if person.contacts:
                assert sum(c.is_preferred for c in person.contacts) == 1
                assert all(
                    c.value.endswith(("example.org", "example.net", "example.com"))
                    for c in person.contacts
                    if c.kind == "email"
                )


def test_the_spotlight_household_is_anna_shchukina_in_georgia():
    spotlight = _plans(3)[0]

    assert spotlight.principal.full_name == "Щукина Анна Сергеевна"
    assert spotlight.principal.sex == "F"
    assert spotlight.organisation_index == 0  # the organisation in Georgia
    assert spotlight.itinerary.stays[-1].country == "GE"
    assert ("Shchukina", "Anna", "Sergeevna", "icao_9303") in {
        (v.surname, v.given_name, v.patronymic, v.scheme) for v in spotlight.principal.name_variants
    }


def test_a_child_born_after_the_permit_ran_out_has_no_permit_of_its_own():
    plan = next(h for h in _plans(200) if any(s.authorised_until for s in h.itinerary.stays))
    permitted = next(s for s in plan.itinerary.stays if s.authorised_until)
    child = replace(plan.members[0], date_of_birth=permitted.authorised_until + timedelta(days=3))
    stays = _stays_of(child, plan.itinerary, {})
    assert stays
    for stay in stays:
        assert stay.entry_date >= child.date_of_birth
        assert stay.authorised_until is None or stay.authorised_until >= stay.entry_date
