"""The verification states of an evidence item and the moves between them, as data.

An item starts *unverified*. Citing a public source that confirms it (OVD-Info's case database, Memorial's
list of political prisoners, the press; Herzen never fetches it) makes it *corroborated*. An organisation
that knows the person and the facts can *vouch* for it. A vouch can be withdrawn: the item then falls back
to what still holds (another organisation's vouch, else a cited source, else nothing). Flagging fraud
*rejects* it as falsified, and nothing moves a rejected item again: a new, genuine document is a new item.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Verification(StrEnum):
    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    VOUCHED = "vouched"
    REJECTED = "rejected"


class Move(StrEnum):
    CORROBORATE = "corroborate"
    VOUCH = "vouch"
    WITHDRAW_VOUCH = "withdraw_vouch"
    FLAG_FRAUD = "flag_fraud"


# (state, move) -> state after the move. WITHDRAW_VOUCH names the *most* the item can keep; the facts that
# remain decide (`next_verification`). A pair that is not here is an illegal move.
TRANSITIONS: Mapping[tuple[Verification, Move], Verification] = {
    (Verification.UNVERIFIED, Move.CORROBORATE): Verification.CORROBORATED,
    (Verification.UNVERIFIED, Move.VOUCH): Verification.VOUCHED,
    (Verification.UNVERIFIED, Move.FLAG_FRAUD): Verification.REJECTED,
    # A better or second source can be cited; a vouched item keeps its vouch and gains the citation.
    (Verification.CORROBORATED, Move.CORROBORATE): Verification.CORROBORATED,
    (Verification.CORROBORATED, Move.VOUCH): Verification.VOUCHED,
    (Verification.CORROBORATED, Move.FLAG_FRAUD): Verification.REJECTED,
    (Verification.VOUCHED, Move.CORROBORATE): Verification.VOUCHED,
    (Verification.VOUCHED, Move.VOUCH): Verification.VOUCHED,
    (Verification.VOUCHED, Move.WITHDRAW_VOUCH): Verification.VOUCHED,
    (Verification.VOUCHED, Move.FLAG_FRAUD): Verification.REJECTED,
}


@dataclass(frozen=True)
class IllegalMove(Exception):
    state: Verification
    move: Move

    def __str__(self) -> str:
        return f"evidence that is {self.state.value} cannot {self.move.value}"


def allowed_moves(state: Verification) -> frozenset[Move]:
    return frozenset(move for (source, move) in TRANSITIONS if source == state)


def next_verification(
    state: Verification, move: Move, *, vouches_left: int = 0, corroborated: bool = False
) -> Verification:
    """The state after `move`, or IllegalMove naming the state and the move.

    `vouches_left` (active vouches after a withdrawal) and `corroborated` (a public source is cited) matter
    only when a vouch is withdrawn: the item keeps the strongest status its remaining facts support.
    """
    target = TRANSITIONS.get((state, move))
    if target is None:
        raise IllegalMove(state, move)
    if move is Move.WITHDRAW_VOUCH and vouches_left == 0:
        return Verification.CORROBORATED if corroborated else Verification.UNVERIFIED
    return target
