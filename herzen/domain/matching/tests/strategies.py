"""Small random instances for property tests: few enough households that brute force can check optimality."""

from __future__ import annotations

from hypothesis import strategies as st

from herzen.domain.matching import Household, Instance, Job, Offer, OfferKind, Tie

TOWNS = ("Leipzig", "Dresden", "Berlin", "Vilnius")
STATE_OF = {"Leipzig": "DE", "Dresden": "DE", "Berlin": "DE", "Vilnius": "LT"}
LANGUAGES = ("ru", "de", "en", "lt")
SKILLS = ("nurse", "it", "driver")


@st.composite
def households(draw: st.DrawFn, key: str) -> Household:
    return Household(
        key=key,
        adults=draw(st.integers(1, 3)),
        children=draw(st.integers(0, 2)),
        destination_state=draw(st.sampled_from(("DE", "DE", "LT"))),
        languages=frozenset(draw(st.sets(st.sampled_from(LANGUAGES), max_size=2))) | {"ru"},
        skills=frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=2))),
        needs_accessible=draw(st.booleans()),
        has_pets=draw(st.booleans()),
        ties=tuple(Tie(town) for town in draw(st.sets(st.sampled_from(TOWNS), max_size=1))),
        preferred_towns=tuple(draw(st.lists(st.sampled_from(TOWNS), unique=True, max_size=2))),
        vetoes=frozenset(draw(st.sets(st.sampled_from(TOWNS), max_size=1))),
    )


@st.composite
def offers(draw: st.DrawFn, key: str) -> Offer:
    town = draw(st.sampled_from(TOWNS))
    return Offer(
        key=key,
        kind=OfferKind.HOUSING,
        town=town,
        region=town,
        state=STATE_OF[town],
        capacity_persons=draw(st.integers(1, 7)),
        child_beds=draw(st.integers(0, 3)),
        accessible=draw(st.booleans()),
        pets_allowed=draw(st.booleans()),
        local_languages=frozenset({"de"} if STATE_OF[town] == "DE" else {"lt", "ru"}),
    )


@st.composite
def instances(draw: st.DrawFn, *, max_households: int = 6, uniform: bool = False) -> Instance:
    count = draw(st.integers(0, max_households))
    found = [draw(households(f"h{i}")) for i in range(count)]
    if uniform:
        found = [Household(**{**h.__dict__, "adults": 1, "children": 0}) for h in found]
    offer_list = [draw(offers(f"o{i}")) for i in range(draw(st.integers(1, 3)))]
    jobs = [
        Job(
            f"j{i}",
            draw(st.sampled_from(TOWNS)),
            1,
            frozenset({"de"}),
            frozenset({draw(st.sampled_from(SKILLS))}),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return Instance(tuple(found), tuple(offer_list), tuple(jobs))
