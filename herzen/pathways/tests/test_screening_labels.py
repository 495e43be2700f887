"""Everything screening and the pathway tables ship in English has words in Russian: criteria, rule-set titles,
the facts the rules read and their values, legal bases (herzen.pathways.screening_labels)."""

import re
from datetime import date

import pytest
from django.utils import translation

from herzen.domain.rules import shipped_rule_set_document
from herzen.domain.rules.vocabulary import VOCABULARY
from herzen.domain.workflow import PATHWAYS
from herzen.pathways.screening_labels import (
    FACT_NAMES,
    SHIPPED_TEXTS,
    fact_name,
    fact_value,
    legal_basis,
    shipped_text,
)

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.mark.parametrize("code", sorted(PATHWAYS))
def test_every_shipped_rule_set_reads_in_russian(code):
    document = shipped_rule_set_document(code)
    texts = [document["title"], *(criterion["label"] for criterion in document["criteria"])]
    assert set(texts) <= SHIPPED_TEXTS
    with translation.override("ru"):
        assert all(CYRILLIC.search(shipped_text(text)) for text in texts)
    with translation.override("en"):
        assert [shipped_text(text) for text in texts] == texts


def test_every_fact_of_the_vocabulary_has_a_name_in_russian():
    assert set(VOCABULARY) == set(FACT_NAMES)
    with translation.override("ru"):
        for name in VOCABULARY:
            assert CYRILLIC.search(fact_name(name)), name
            assert "_" not in fact_name(name)


@pytest.mark.parametrize("code", sorted(PATHWAYS))
def test_every_legal_basis_reads_in_russian_and_says_what_the_table_says(code):
    pathway = PATHWAYS[code]
    with translation.override("en"):
        assert legal_basis(code, pathway.legal_basis) == pathway.legal_basis
    with translation.override("ru"):
        assert CYRILLIC.search(legal_basis(code, pathway.legal_basis))


def test_fact_values_are_words_not_codes():
    with translation.override("ru"):
        assert fact_value("risk_is_documented", True) == "да"
        assert fact_value("has_valid_passport", False) == "нет"
        assert fact_value("stay_deadline", None) == "неизвестно"
        assert fact_value("stay_deadline", date(2026, 3, 1)) == "1 марта 2026"
        assert fact_value("current_country", "GE") == "Грузия"
        kinds = fact_value("risk_factor_kinds", frozenset({"criminal_case", "exit_ban"}))
        assert "criminal_case" not in kinds
        assert "Уголовное дело" in kinds


def test_a_text_an_operator_typed_stays_as_typed():
    with translation.override("ru"):
        assert shipped_text("Rules of 2025") == "Правила 2025 года"
        assert shipped_text("Our own regime, typed by hand") == "Our own regime, typed by hand"
