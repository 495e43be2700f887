"""An authority writes its decision in its own words; each word names one decision move of the state, or none."""

import pytest

from herzen.domain.referrals import intent_of_move, resolve_decision, same_decision
from herzen.domain.referrals.vocabulary import Intent, intent_of_word

SUBMITTED = ("approve", "refuse")  # Germany § 22 at the foreign ministry
VISA_APPOINTMENT = ("issue_visa", "refuse")


@pytest.mark.parametrize(
    "word",
    [
        "approve",
        "approved",
        "Approved",
        "APPROVED.",
        "granted",
        "admitted",
        "genehmigt",
        "Одобрено",
        "принято",
    ],
)
def test_every_positive_word_names_the_one_positive_decision(word: str) -> None:
    assert resolve_decision(word, SUBMITTED).move == "approve"
    assert resolve_decision(word, VISA_APPOINTMENT).move == "issue_visa"


@pytest.mark.parametrize(
    "word", ["refuse", "refused", "Rejected", "denied", "abgelehnt", "отказано", "Отказ"]
)
def test_every_negative_word_names_the_refusal(word: str) -> None:
    assert resolve_decision(word, SUBMITTED).move == "refuse"


def test_a_move_code_or_label_in_any_given_language_is_accepted() -> None:
    labels = {"issue_visa": ["Issue the visa", "Visum erteilen", "Выдать визу"]}
    assert resolve_decision("issue visa", VISA_APPOINTMENT).move == "issue_visa"
    assert resolve_decision("Visum erteilen", VISA_APPOINTMENT, labels).move == "issue_visa"
    assert resolve_decision("выдать визу", VISA_APPOINTMENT, labels).move == "issue_visa"


def test_an_unknown_word_names_nothing_and_says_what_would_do() -> None:
    resolution = resolve_decision("maybe", SUBMITTED)
    assert resolution.move is None
    assert resolution.accepted == SUBMITTED


def test_a_positive_word_is_ambiguous_when_the_state_has_two_positive_decisions() -> None:
    assert resolve_decision("approved", ("approve", "approve_with_conditions", "refuse")).move is None
    assert resolve_decision("approved", ("approve", "approve_with_conditions", "refuse")).accepted


def test_intents() -> None:
    assert intent_of_move("refuse") is Intent.NEGATIVE
    assert intent_of_move("declare_admission") is Intent.POSITIVE
    assert intent_of_word("nonsense") is None


def test_the_same_decision_recognises_a_word_already_recorded_as_a_move() -> None:
    assert same_decision("approved", "approve")
    assert same_decision("genehmigt", "declare_admission")
    assert not same_decision("refused", "approve")
