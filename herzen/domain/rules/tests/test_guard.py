"""A rule set that refers to a party, faction, movement or other political opinion is refused when loaded."""

from typing import Any

import pytest

from herzen.domain.rules import (
    PoliticalCriterionError,
    load_rule_set,
    shipped_rule_set_document,
)

from .test_language import document

CLEAN_CONDITION = {"fact": "declares_borders_of_1992", "is": True}


def with_label(label: str) -> dict[str, Any]:
    rule_set = document(CLEAN_CONDITION)
    rule_set["criteria"][0]["label"] = label
    return rule_set


@pytest.mark.parametrize(
    "label",
    [
        "Member of a political party",
        "Not a member of any PARTY",
        "Belongs to the faction of the exiles",
        "Supports the anti-war movement",
        "Член партии",
        "Состоит в партиях оппозиции",
        "Член фракции",
        "Участник движения",
        "Беспартийный",
        "Supporter of Navalny",
        "Сторонник Навального",
        "Donated to the ФБК",
        "Member of Yabloko",
        "Голосовал за Яблоко",
        "Political views acceptable",
        "Политические взгляды проверены",
        "Libertarian",
        "Член Партии Ё",  # ё folded
        "Подписал декларацию «Свободы России»",
        "Legion volunteer",
        "Ideologically reliable",
    ],
)
def test_a_label_naming_a_political_affiliation_is_refused(label: str) -> None:
    with pytest.raises(PoliticalCriterionError) as error:
        load_rule_set(with_label(label))
    assert "criteria[0].label" in str(error.value)
    assert error.value.offences[0].path == "criteria[0].label"


@pytest.mark.parametrize(
    ("rule_set", "path"),
    [
        (document({"fact": "party_member", "is": True}), "criteria[0].condition.fact"),
        (document({"fact": "partyMembership", "is": True}), "criteria[0].condition.fact"),
        (document({"fact": "fraktsiya_id", "is": True}), "criteria[0].condition.fact"),
        (
            document(
                {"any": [CLEAN_CONDITION, {"not": {"fact": "current_country", "in": ["GE", "движение"]}}]}
            ),
            "criteria[0].condition.any[1].not.in[1]",
        ),
        (document({"all": [CLEAN_CONDITION, {"party": True}]}), 'criteria[0].condition.all[1] (key "party")'),
        (document(CLEAN_CONDITION, title="Screening for the Free Russia Forum"), "title"),
        (document(CLEAN_CONDITION, source_note="Adapted from a faction's charter"), "source_note"),
    ],
)
def test_political_terms_are_found_in_fact_names_keys_literals_and_notes(
    rule_set: dict[str, Any], path: str
) -> None:
    with pytest.raises(PoliticalCriterionError) as error:
        load_rule_set(rule_set)
    assert path in [offence.path for offence in error.value.offences]
    assert path in str(error.value)


def test_the_error_names_every_offending_term_and_the_allowed_declarations() -> None:
    rule_set = with_label("Party member")
    rule_set["criteria"].append({"id": "x", "label": "Участник движения", "condition": CLEAN_CONDITION})
    with pytest.raises(PoliticalCriterionError) as error:
        load_rule_set(rule_set)
    message = str(error.value)
    assert '"party" (party)' in message
    assert "criteria[1].label" in message
    assert "движения" in message
    assert "declares_borders_of_1992" in message


@pytest.mark.parametrize(
    "label",
    [
        "Evidence corroborated by a third party",
        "An exit ban restricts freedom of movement",
        "Participation in an undesirable organisation (284.1)",
        "Partner or spouse in the household",
        "Партнёр или супруг",
        "Партизанская тропа",
        "Свобода передвижения",
        "Departs from Tbilisi",
    ],
)
def test_ordinary_words_that_resemble_political_terms_pass(label: str) -> None:
    assert load_rule_set(with_label(label)).criteria[0].label == label


def test_the_two_declarations_are_allowed() -> None:
    for code in ("de_22_2", "refugee_status"):
        assert load_rule_set(shipped_rule_set_document(code)).id == code
