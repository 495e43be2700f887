"""What an authority may write in a referral list's decision column, and which move of the pathway it means.

An authority fills in the list in its own words: "approved", "genehmigt", "отказано". Each pathway state has
at most a few decision moves (one refusal, usually one positive decision such as `approve`, `issue_visa` or
`declare_admission`), so a plain yes-or-no word names a move without the authority learning Herzen's codes.
A word is accepted when it is a move's code, one of the move's labels (in any language the caller passes), or
a synonym of "positive" or "negative" that names exactly one decision of the current state. Anything else
is refused with the list of what would have been accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


REFUSAL_MOVES = frozenset({"refuse"})

# Lower case, spaces and hyphens as underscores (see `normal_word`). English, German, Russian, and a few of
# the other destinations' languages an authority may answer in.
POSITIVE_WORDS = frozenset(
    {
        "approve", "approved", "approval", "grant", "granted", "admit", "admitted", "accept", "accepted",
        "allow", "allowed", "positive", "yes", "issued", "issue",
        "genehmigt", "genehmigen", "genehmigung", "bewilligt", "bewilligen", "zugestimmt", "zustimmung",
        "aufnahme_erklärt", "aufgenommen", "erteilt", "stattgegeben", "positiv", "ja", "angenommen",
        "одобрено", "одобрен", "одобрена", "одобрить", "одобрение", "принято", "принят", "принята",
        "разрешено", "удовлетворено", "выдано", "выдана", "да", "положительно", "положительное",
        "schváleno", "uděleno", "zatwierdzono", "przyznano", "apstiprināts", "patvirtinta",
    }
)  # fmt: skip
NEGATIVE_WORDS = frozenset(
    {
        "refuse", "refused", "refusal", "reject", "rejected", "rejection", "deny", "denied", "decline",
        "declined", "negative", "no",
        "abgelehnt", "ablehnen", "ablehnung", "versagt", "verweigert", "negativ", "nein",
        "отказ", "отказано", "отказать", "отклонено", "отклонить", "отклонена", "отклонён", "нет",
        "отрицательно", "отрицательное",
        "zamítnuto", "odmítnuto", "odmowa", "odrzucono", "atteikts", "atsisakyta",
    }
)  # fmt: skip

# Shown on the import page, so an authority knows what it may write.
POSITIVE_EXAMPLES = ("approved", "granted", "admitted", "genehmigt", "одобрено")
NEGATIVE_EXAMPLES = ("refused", "rejected", "denied", "abgelehnt", "отказано")


def normal_word(text: str) -> str:
    """Case, spaces, hyphens and a final full stop do not matter: "Approved." = "approved" = "APPROVED"."""
    return re.sub(r"[\s\-]+", "_", text.strip().rstrip(".").strip().casefold())


def intent_of_word(text: str) -> Intent | None:
    word = normal_word(text)
    if word in POSITIVE_WORDS:
        return Intent.POSITIVE
    if word in NEGATIVE_WORDS:
        return Intent.NEGATIVE
    return None


def intent_of_move(move: str) -> Intent:
    return Intent.NEGATIVE if move in REFUSAL_MOVES else Intent.POSITIVE


@dataclass(frozen=True)
class Resolution:
    move: str | None  # the move the word names, or None
    accepted: tuple[str, ...] = ()  # what the state would have accepted, when the word named nothing


def resolve_decision(
    text: str, moves: Iterable[str], labels: Mapping[str, Iterable[str]] | None = None
) -> Resolution:
    """The decision move of `moves` (the decisions open in the application's state) that `text` names.

    `labels` gives each move's labels in the languages to accept ({"approve": ["Approve", "Genehmigen"]})."""
    moves = tuple(moves)
    word = normal_word(text)
    for move in moves:
        if word == normal_word(move) or word in {normal_word(x) for x in (labels or {}).get(move, ())}:
            return Resolution(move)
    intent = intent_of_word(text)
    if intent is not None:
        matching = [move for move in moves if intent_of_move(move) is intent]
        if len(matching) == 1:
            return Resolution(matching[0])
    return Resolution(None, accepted=moves)


def same_decision(text: str, recorded_move: str, labels: Mapping[str, Iterable[str]] | None = None) -> bool:
    """Whether `text` names the decision already recorded as `recorded_move` (an import run twice)."""
    return resolve_decision(text, [recorded_move], labels).move == recorded_move
