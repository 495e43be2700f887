"""The payout state machine as data: which event moves a payout from which state, and what the ledger does.

proposed -> approved -> sent -> confirmed, or sent -> failed -> rerouted (a new payout through another channel
takes the money on). A failed payout's money moves to "returned" and back to "committed" when it is re-routed,
so the books show every return.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from herzen.domain.accounting import AccountKind


class PayoutState(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    SENT = "sent"
    CONFIRMED = "confirmed"
    FAILED = "failed"
    REROUTED = "rerouted"
    CANCELLED = "cancelled"


class PayoutEvent(StrEnum):
    APPROVE = "approve"
    SEND = "send"
    CONFIRM = "confirm"
    FAIL = "fail"
    REROUTE = "reroute"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Move:
    source: PayoutState
    event: PayoutEvent
    target: PayoutState
    debit: AccountKind | None = None  # where the payout's amount goes
    credit: AccountKind | None = None  # where it comes from


MOVES: tuple[Move, ...] = (
    Move(PayoutState.PROPOSED, PayoutEvent.APPROVE, PayoutState.APPROVED),
    Move(PayoutState.PROPOSED, PayoutEvent.CANCEL, PayoutState.CANCELLED),
    Move(PayoutState.APPROVED, PayoutEvent.CANCEL, PayoutState.CANCELLED),
    Move(
        PayoutState.APPROVED,
        PayoutEvent.SEND,
        PayoutState.SENT,
        AccountKind.IN_TRANSIT,
        AccountKind.COMMITTED,
    ),
    Move(
        PayoutState.SENT, PayoutEvent.CONFIRM, PayoutState.CONFIRMED, AccountKind.PAID, AccountKind.IN_TRANSIT
    ),
    Move(
        PayoutState.SENT, PayoutEvent.FAIL, PayoutState.FAILED, AccountKind.RETURNED, AccountKind.IN_TRANSIT
    ),
    # A confirmed bank credit can still be returned by the receiving bank (camt.054 return).
    Move(PayoutState.CONFIRMED, PayoutEvent.FAIL, PayoutState.FAILED, AccountKind.RETURNED, AccountKind.PAID),
    Move(
        PayoutState.FAILED,
        PayoutEvent.REROUTE,
        PayoutState.REROUTED,
        AccountKind.COMMITTED,
        AccountKind.RETURNED,
    ),
)
FINAL_STATES = frozenset({PayoutState.CONFIRMED, PayoutState.REROUTED, PayoutState.CANCELLED})


class MoveRefused(ValueError):
    pass


def move_for(state: PayoutState, event: PayoutEvent) -> Move:
    for move in MOVES:
        if move.source is state and move.event is event:
            return move
    raise MoveRefused(f"a {state.value} payout cannot {event.value}")


def events_from(state: PayoutState) -> tuple[PayoutEvent, ...]:
    return tuple(move.event for move in MOVES if move.source is state)
