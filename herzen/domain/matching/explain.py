"""Why each household was placed where it was, as structured parts the app renders in the reader's language.

"Placed in Leipzig: German speaker (+0.12), sister in Leipzig (+0.20); Dresden was better on jobs but had no
4-person flat" is: the chosen offer's score parts, then the better-looking alternatives, each with the parts on
which it was better and the reason it was not chosen (a hard rule by code, "full", or "plan" when it had room
but the plan as a whole did better with that room going to someone else).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from herzen.domain.matching.eligibility import blocking_rule
from herzen.domain.matching.model import Household, Instance, Offer, Placement
from herzen.domain.matching.scoring import EmploymentModel, Part, Score, ScorePart, score

MAX_ALTERNATIVES = 2
NOTABLE = 0.005


@dataclass(frozen=True)
class Alternative:
    offer_key: str
    town: str
    score: float
    better_on: tuple[Part, ...]
    # A hard rule's code (eligibility.Rule), "full", or "plan".
    reason: str


@dataclass(frozen=True)
class Explanation:
    household_key: str
    offer_key: str | None
    town: str
    score: float
    employment_probability: float
    parts: tuple[ScorePart, ...]
    alternatives: tuple[Alternative, ...]


def _better_parts(alternative: Score, chosen: Score | None) -> tuple[Part, ...]:
    better = []
    for part in Part:
        theirs = alternative.part(part)
        ours = chosen.part(part) if chosen else 0.0
        if theirs > ours + NOTABLE:
            better.append(part)
    return tuple(better)


def _room_left(instance: Instance, placements: Iterable[Placement]) -> dict[str, tuple[int, int]]:
    used_persons: dict[str, int] = defaultdict(int)
    used_children: dict[str, int] = defaultdict(int)
    for placement in placements:
        used_persons[placement.offer_key] += placement.persons
        used_children[placement.offer_key] += placement.children
    return {
        offer.key: (
            offer.capacity_persons - used_persons[offer.key],
            offer.child_beds - used_children[offer.key],
        )
        for offer in instance.offers
    }


def _why_not(household: Household, offer: Offer, room: tuple[int, int]) -> str:
    rule = blocking_rule(household, offer)
    if rule is not None:
        return rule.value
    if room[0] < household.persons or room[1] < household.children:
        return "full"
    return "plan"


def explain(
    instance: Instance, placements: tuple[Placement, ...], model: EmploymentModel
) -> list[Explanation]:
    room = _room_left(instance, placements)
    placed_in = {p.household_key: p.offer_key for p in placements}
    explanations = []
    for household in instance.households:
        offer_key = placed_in.get(household.key)
        chosen_offer = instance.offers_by_key[offer_key] if offer_key else None
        chosen = score(household, chosen_offer, instance, model) if chosen_offer else None
        alternatives = []
        for offer in instance.offers:
            if offer.key == offer_key or offer.state != household.destination_state:
                continue
            candidate = score(household, offer, instance, model)
            better_on = _better_parts(candidate, chosen)
            if better_on:
                reason = _why_not(household, offer, room[offer.key])
                alternatives.append(Alternative(offer.key, offer.town, candidate.total, better_on, reason))
        alternatives.sort(key=lambda a: -a.score)
        explanations.append(
            Explanation(
                household_key=household.key,
                offer_key=offer_key,
                town=chosen_offer.town if chosen_offer else "",
                score=chosen.total if chosen else 0.0,
                employment_probability=chosen.employment_probability if chosen else 0.0,
                parts=chosen.parts if chosen else (),
                alternatives=tuple(alternatives[:MAX_ALTERNATIVES]),
            )
        )
    return explanations
