"""Which offers a household may be placed in at all: the hard rules, as the solver's filter.

The validator (validator.py) checks the same rules on a finished plan with code of its own, so a mistake here is
caught there rather than repeated. `blocking_rule` names the first rule a pair breaks, for explanations.
"""

from __future__ import annotations

from enum import StrEnum

from herzen.domain.matching.model import Household, Offer


class Rule(StrEnum):
    """The hard rules; the values are stable codes the app translates."""

    WHOLE_HOUSEHOLD = "whole_household"
    ONE_PLACE = "one_place"
    CAPACITY_PERSONS = "capacity_persons"
    CHILD_BEDS = "child_beds"
    DESTINATION_STATE = "destination_state"
    ACCESSIBILITY = "accessibility"
    VETO = "veto"
    PETS = "pets"
    SMOKING = "smoking"
    DATES = "dates"
    UNKNOWN = "unknown"


def blocking_rule(household: Household, offer: Offer) -> Rule | None:
    """The first hard rule placing this household alone in this offer breaks, or None if it may go there."""
    if offer.state != household.destination_state:
        return Rule.DESTINATION_STATE
    if offer.key in household.vetoes or offer.town in household.vetoes:
        return Rule.VETO
    if household.needs_accessible and not offer.accessible:
        return Rule.ACCESSIBILITY
    if household.persons > offer.capacity_persons:
        return Rule.CAPACITY_PERSONS
    if household.children > offer.child_beds:
        return Rule.CHILD_BEDS
    if household.has_pets and not offer.pets_allowed:
        return Rule.PETS
    if household.smokers and not offer.smoking_allowed:
        return Rule.SMOKING
    if household.ready_on and offer.available_to and household.ready_on > offer.available_to:
        return Rule.DATES
    return None


def eligible(household: Household, offer: Offer) -> bool:
    return blocking_rule(household, offer) is None
