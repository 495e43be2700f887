import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.evidence import (
    TRANSITIONS,
    IllegalMove,
    Move,
    Verification,
    allowed_moves,
    next_verification,
)

ALL_PAIRS = list(itertools.product(Verification, Move))
ALLOWED = [pair for pair in ALL_PAIRS if pair in TRANSITIONS]
FORBIDDEN = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


@pytest.mark.parametrize(("state", "move"), ALLOWED)
def test_every_allowed_move_lands_where_the_table_says(state: Verification, move: Move) -> None:
    # With a vouch still standing, a withdrawal leaves the item vouched: the table's target.
    assert next_verification(state, move, vouches_left=1) == TRANSITIONS[(state, move)]


@pytest.mark.parametrize(("state", "move"), FORBIDDEN)
def test_every_forbidden_move_is_refused_naming_state_and_move(state: Verification, move: Move) -> None:
    with pytest.raises(IllegalMove) as error:
        next_verification(state, move)
    assert error.value.state == state
    assert error.value.move == move
    assert state.value in str(error.value)
    assert move.value in str(error.value)


def test_a_rejected_item_never_moves_again() -> None:
    assert allowed_moves(Verification.REJECTED) == frozenset()


def test_only_a_vouched_item_can_lose_a_vouch() -> None:
    assert [s for s in Verification if Move.WITHDRAW_VOUCH in allowed_moves(s)] == [Verification.VOUCHED]


@pytest.mark.parametrize(
    ("corroborated", "expected"),
    [(True, Verification.CORROBORATED), (False, Verification.UNVERIFIED)],
)
def test_withdrawing_the_last_vouch_falls_back_to_what_still_holds(
    corroborated: bool, expected: Verification
) -> None:
    after = next_verification(
        Verification.VOUCHED, Move.WITHDRAW_VOUCH, vouches_left=0, corroborated=corroborated
    )
    assert after == expected


@given(st.sampled_from(list(Verification)), st.integers(min_value=0, max_value=3), st.booleans())
def test_fraud_always_rejects_unless_already_rejected(
    state: Verification, vouches_left: int, corroborated: bool
) -> None:
    if state is Verification.REJECTED:
        with pytest.raises(IllegalMove):
            next_verification(state, Move.FLAG_FRAUD)
    else:
        assert (
            next_verification(state, Move.FLAG_FRAUD, vouches_left=vouches_left, corroborated=corroborated)
            == Verification.REJECTED
        )
