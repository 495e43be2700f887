"""Sponsorships are assigned apart from homes: in the home's town, never over capacity in households, best
language match first; the validator finds every broken sponsorship rule on its own."""

from __future__ import annotations

from herzen.domain.matching import Household, Placement
from herzen.domain.matching.sponsors import (
    SponsorPart,
    SponsorRule,
    Sponsorship,
    assign_sponsorships,
    validate_sponsorships,
)

RU = Household(key="ru", adults=2, children=1, destination_state="DE", languages=frozenset({"ru"}))
EN = Household(key="en", adults=1, children=0, destination_state="DE", languages=frozenset({"en"}),
               skills=frozenset({"nurse"}))  # fmt: skip
FAR = Household(key="far", adults=1, children=0, destination_state="DE", vetoes=frozenset({"s-ru"}))
HOMES = (Placement("ru", "flat-l", 3, 1), Placement("en", "flat-l", 1, 0), Placement("far", "flat-d", 1, 0))
TOWNS = {"flat-l": "Leipzig", "flat-d": "Dresden"}
SPONSORS = (
    Sponsorship(key="s-ru", town="Leipzig", state="DE", households=1, languages=frozenset({"ru"})),
    Sponsorship(key="s-any", town="Leipzig", state="DE", households=1, skills=frozenset({"nurse"})),
    Sponsorship(key="s-d", town="Dresden", state="DE", households=1, languages=frozenset({"ru"})),
)


def test_each_household_gets_the_sponsor_that_fits_in_its_own_town_and_none_is_overfilled() -> None:
    assigned = assign_sponsorships((RU, EN, FAR), HOMES, TOWNS, SPONSORS)
    pairs = {(a.household_key, a.sponsorship_key) for a in assigned}
    assert pairs == {("ru", "s-ru"), ("en", "s-any"), ("far", "s-d")}
    parts = {a.household_key: [p[0] for p in a.parts] for a in assigned}
    assert parts["ru"] == [SponsorPart.SHARED_LANGUAGE]
    assert parts["en"] == [SponsorPart.MENTOR]
    assert validate_sponsorships((RU, EN, FAR), HOMES, TOWNS, SPONSORS, pairs) == []


def test_a_full_sponsor_takes_nobody_more() -> None:
    assigned = assign_sponsorships((RU, EN, FAR), HOMES, TOWNS, SPONSORS, taken={"s-ru": 1, "s-any": 1})
    assert {a.household_key for a in assigned} == {"far"}


def test_the_validator_names_every_broken_sponsorship_rule() -> None:
    wrong = [("ru", "s-d"), ("en", "s-ru"), ("ru", "s-ru"), ("far", "s-ru"), ("ghost", "s-ru")]
    rules = {v.rule for v in validate_sponsorships((RU, EN, FAR), HOMES, TOWNS, SPONSORS, wrong)}
    assert rules == {
        SponsorRule.SPONSOR_TOWN,
        SponsorRule.ONE_SPONSOR,
        SponsorRule.SPONSOR_VETO,
        SponsorRule.SPONSOR_CAPACITY,
        SponsorRule.SPONSOR_UNKNOWN,
    }
