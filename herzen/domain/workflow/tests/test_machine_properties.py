"""Random walks through every shipped table: whatever anyone tries, an application is only ever in a declared
state, and a move is allowed exactly when its row exists and the actor is named on it."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.workflow import (
    KNOWN_ACTOR_KINDS,
    SHIPPED,
    Allowed,
    FactKind,
    FactValue,
    Pathway,
    check_move,
)

TODAY = date(2025, 8, 1)
ACTORS = sorted(KNOWN_ACTOR_KINDS)


def facts_for(pathway: Pathway, state: str, name: str) -> dict[str, FactValue]:
    transition = pathway.transition(state, name)
    if transition is None:
        return {}
    values: dict[str, FactValue] = {}
    for fact in transition.all_facts:
        if fact.kind is FactKind.DATE:
            values[fact.name] = (
                TODAY + timedelta(days=30) if fact.name in ("valid_until", "appointment_on") else TODAY
            )
        elif fact.kind is FactKind.BOOL:
            values[fact.name] = False
        elif fact.required:
            values[fact.name] = "text"
    return values


@given(
    pathway=st.sampled_from(SHIPPED),
    attempts=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(ACTORS)), max_size=40),
)
def test_a_walk_never_leaves_the_declared_states(pathway: Pathway, attempts: list[tuple[int, str]]) -> None:
    state = pathway.initial_state
    names = sorted(pathway.move_names)
    for index, actor in attempts:
        name = names[index % len(names)]
        result = check_move(pathway, state, name, {actor}, facts_for(pathway, state, name), today=TODAY)
        row = pathway.transition(state, name)
        assert isinstance(result, Allowed) == (row is not None and actor in row.actors)
        if isinstance(result, Allowed):
            state = result.target
        assert state in pathway.state_codes
        if pathway.state(state).terminal:
            assert pathway.moves_from(state) == ()


@given(pathway=st.sampled_from(SHIPPED), data=st.data())
def test_every_state_is_reachable_by_some_walk_of_allowed_moves(
    pathway: Pathway, data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from(pathway.states)).code
    # breadth-first over the table, using only moves check_move allows to their actors
    seen, frontier = {pathway.initial_state}, [pathway.initial_state]
    while frontier:
        state = frontier.pop(0)
        for transition in pathway.moves_from(state):
            actor = sorted(transition.actors)[0]
            result = check_move(
                pathway,
                state,
                transition.name,
                {actor},
                facts_for(pathway, state, transition.name),
                today=TODAY,
            )
            assert isinstance(result, Allowed)
            if result.target not in seen:
                seen.add(result.target)
                frontier.append(result.target)
    assert target in seen
