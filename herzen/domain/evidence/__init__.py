"""How far a piece of evidence can be trusted, and which moves change that: a table, not code paths."""

from herzen.domain.evidence.verification import (
    TRANSITIONS,
    IllegalMove,
    Move,
    Verification,
    allowed_moves,
    next_verification,
)

__all__ = ["TRANSITIONS", "IllegalMove", "Move", "Verification", "allowed_moves", "next_verification"]
