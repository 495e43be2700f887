"""An independent check of a plan against every hard rule, reporting each violation under its rule.

Written apart from the solvers and from eligibility.py on purpose: it looks only at the instance's facts and
the placements, recounts every offer's occupancy from scratch and states each rule in its own words. A run or a
hand edit with any violation is refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from herzen.domain.matching.eligibility import Rule
from herzen.domain.matching.model import Instance, Placement


@dataclass(frozen=True)
class Violation:
    rule: Rule
    household_key: str
    offer_key: str


def validate(instance: Instance, placements: Iterable[Placement]) -> list[Violation]:
    violations: list[Violation] = []
    persons_in: dict[str, int] = defaultdict(int)
    children_in: dict[str, int] = defaultdict(int)
    offers_of: dict[str, list[str]] = defaultdict(list)
    placed_persons: dict[str, int] = defaultdict(int)

    def report(rule: Rule, household_key: str, offer_key: str) -> None:
        violations.append(Violation(rule, household_key, offer_key))

    for placement in placements:
        household = instance.households_by_key.get(placement.household_key)
        offer = instance.offers_by_key.get(placement.offer_key)
        if household is None or offer is None:
            report(Rule.UNKNOWN, placement.household_key, placement.offer_key)
            continue
        offers_of[household.key].append(offer.key)
        placed_persons[household.key] += placement.persons
        persons_in[offer.key] += placement.persons
        children_in[offer.key] += placement.children
        # A placement must carry the whole household: every adult and every child.
        if (
            placement.persons != household.adults + household.children
            or placement.children != household.children
        ):
            report(Rule.WHOLE_HOUSEHOLD, household.key, offer.key)
        if household.destination_state.upper() != offer.state.upper():
            report(Rule.DESTINATION_STATE, household.key, offer.key)
        if household.needs_accessible and offer.accessible is not True:
            report(Rule.ACCESSIBILITY, household.key, offer.key)
        if {offer.key, offer.town} & set(household.vetoes):
            report(Rule.VETO, household.key, offer.key)
        if household.has_pets and offer.pets_allowed is not True:
            report(Rule.PETS, household.key, offer.key)
        if household.smokers and offer.smoking_allowed is not True:
            report(Rule.SMOKING, household.key, offer.key)
        if household.ready_on and offer.available_to and offer.available_to < household.ready_on:
            report(Rule.DATES, household.key, offer.key)

    for household_key, offer_keys in offers_of.items():
        # The same household in two offers is a split family, or at best a double booking.
        if len(offer_keys) > 1:
            for offer_key in offer_keys[1:]:
                report(Rule.ONE_PLACE, household_key, offer_key)
            if len(set(offer_keys)) > 1:
                report(Rule.WHOLE_HOUSEHOLD, household_key, offer_keys[1])
    for offer_key, persons in persons_in.items():
        offer = instance.offers_by_key[offer_key]
        if persons > offer.capacity_persons:
            report(Rule.CAPACITY_PERSONS, "", offer_key)
        if children_in[offer_key] > offer.child_beds:
            report(Rule.CHILD_BEDS, "", offer_key)
    return violations


def violations_by_rule(violations: Iterable[Violation]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for violation in violations:
        counts[violation.rule.value] += 1
    return dict(counts)
