"""A household that arrives now is placed against today's capacity, keeping room for those expected later."""

from __future__ import annotations

from herzen.domain.matching import (
    EmploymentModel,
    Household,
    Instance,
    Offer,
    OfferKind,
    Tie,
    make_dynamic_plan,
    validate,
)

MODEL = EmploymentModel.default()


def _leipzig(persons: int) -> Offer:
    return Offer(key="leipzig", kind=OfferKind.HOUSING, town="Leipzig", region="Sachsen", state="DE",
                 capacity_persons=persons, child_beds=2, local_languages=frozenset({"de"}))  # fmt: skip


def _dresden() -> Offer:
    return Offer(key="dresden", kind=OfferKind.HOUSING, town="Dresden", region="Sachsen", state="DE",
                 capacity_persons=6, child_beds=2, local_languages=frozenset({"en"}))  # fmt: skip


NOW = Household(key="now", adults=2, children=0, destination_state="DE", languages=frozenset({"ru"}))
LATER = Household(key="later", adults=2, children=0, destination_state="DE", languages=frozenset({"de"}),
                  ties=(Tie("Leipzig", "sister"),))  # fmt: skip


def test_a_scarce_place_is_kept_for_a_household_expected_later_and_that_is_explained() -> None:
    batch = Instance(households=(NOW,), offers=(_leipzig(2), _dresden()))
    # Two German speakers with a sister in Leipzig are expected: Leipzig's one flat is worth more to them.
    later = (LATER, Household(**{**LATER.__dict__, "key": "later-2"}))
    result = make_dynamic_plan(batch, later, MODEL)
    placed = {p.household_key: p.offer_key for p in result.result.plan.placements}
    assert placed == {"now": "dresden"}
    assert result.reserved["leipzig"] > 0
    assert validate(batch, result.result.plan.placements) == []
    assert result.result.plan.method == "dynamic"


def test_with_room_for_everyone_the_household_arriving_now_gets_its_best_place() -> None:
    batch = Instance(households=(NOW,), offers=(_leipzig(4), _dresden()))
    result = make_dynamic_plan(batch, (LATER,), MODEL)
    explanation = result.result.explanations[0]
    assert explanation.offer_key is not None
    assert all(a.reason != "kept" for a in explanation.alternatives)


def test_capacity_already_promised_is_taken_off_and_never_exceeded() -> None:
    batch = Instance(households=(NOW,), offers=(_leipzig(4),))
    result = make_dynamic_plan(batch, (), MODEL, capacity_used={"leipzig": (3, 0)})
    assert result.result.plan.placements == ()


def test_a_better_place_left_free_for_later_arrivals_is_explained_as_kept() -> None:
    speaker = Household(key="now", adults=2, children=0, destination_state="DE", languages=frozenset({"de"}))
    batch = Instance(households=(speaker,), offers=(_leipzig(2), _dresden()))
    later = (LATER, Household(**{**LATER.__dict__, "key": "later-2"}))
    result = make_dynamic_plan(batch, later, MODEL)
    explanation = result.result.explanations[0]
    assert explanation.offer_key == "dresden"
    assert [(a.offer_key, a.reason) for a in explanation.alternatives] == [("leipzig", "kept")]
