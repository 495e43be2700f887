from typing import Any

import pytest

from herzen.domain.risk import (
    DEFAULT_STAY_RULES,
    CountryStayRule,
    PerEntryLimit,
    RollingLimit,
    load_stay_rules,
)


def test_default_rules_encode_the_known_limits() -> None:
    # when / then
    assert DEFAULT_STAY_RULES["KZ"].limits == (RollingLimit(days=90, window_days=180),)
    assert DEFAULT_STAY_RULES["TR"].limits == (PerEntryLimit(days=60), RollingLimit(days=90, window_days=180))
    assert DEFAULT_STAY_RULES["GE"].limits == (PerEntryLimit(days=365),)


@pytest.mark.parametrize("country", ["AM", "RS", "KG", "UZ"])
def test_default_rules_flag_unverified_figures(country: str) -> None:
    # when / then
    assert "UNVERIFIED" in DEFAULT_STAY_RULES[country].source_note


def test_default_rules_cannot_be_changed_in_place() -> None:
    # when / then
    with pytest.raises(TypeError):
        DEFAULT_STAY_RULES["KZ"] = DEFAULT_STAY_RULES["GE"]  # type: ignore[index]


def test_rules_load_from_plain_data() -> None:
    # given
    data = {
        "RS": {"limits": [{"per_entry_days": 30}], "source_note": "checked 2026"},
        "kz": {"limits": [{"days": 90, "window_days": 180}]},
    }

    # when
    rules = load_stay_rules(data)

    # then
    assert rules == {
        "RS": CountryStayRule("RS", (PerEntryLimit(30),), "checked 2026"),
        "KZ": CountryStayRule("KZ", (RollingLimit(90, 180),), ""),
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"KZ": {"limits": [{"dayz": 90, "window_days": 180}]}},
            'stay rule KZ, limit 1: unknown key.*"dayz"',
        ),
        ({"KZ": {"limits": [{"days": 90}]}}, 'limit 1: incomplete keys "days"'),
        ({"KZ": {"limits": [{"per_entry_days": 30, "days": 90}]}}, "incomplete keys|expected either"),
        ({"KZ": {"limits": [{"days": 0, "window_days": 180}]}}, "days must be positive, got 0"),
        ({"KZ": {"limits": [{"per_entry_days": -5}]}}, "days must be positive, got -5"),
        ({"KZ": {"limits": [{"days": 200, "window_days": 180}]}}, r"days \(200\) cannot exceed window_days"),
        ({"KZ": {"limits": [{"per_entry_days": True}]}}, "whole number of days"),
        ({"KZ": {"limits": [{"per_entry_days": "30"}]}}, "whole number of days"),
        ({"KZ": {"limits": []}}, '"limits" must be a non-empty list'),
        ({"KZ": {"limits": "90/180"}}, '"limits" must be a non-empty list'),
        ({"KZ": {"source_note": "no limits"}}, '"limits" must be a non-empty list'),
        ({"KZ": {"limits": [30]}}, "limit 1: a limit must be an object"),
        ({"KZ": {"limits": [{"per_entry_days": 30}], "note": "x"}}, 'stay rule KZ: unknown key.*"note"'),
        ({"KZ": {"limits": [{"per_entry_days": 30}], "source_note": 7}}, '"source_note" must be text'),
        ({"KZ": [{"per_entry_days": 30}]}, "stay rule KZ: expected an object"),
        ({"KAZ": {"limits": [{"per_entry_days": 30}]}}, "'KAZ' is not an ISO 3166-1 alpha-2"),
        (
            {"kz": {"limits": [{"per_entry_days": 30}]}, "KZ": {"limits": [{"per_entry_days": 30}]}},
            "KZ appears more than once",
        ),
    ],
)
def test_bad_rule_data_is_rejected_with_a_clear_message(data: dict[str, Any], message: str) -> None:
    # when / then
    with pytest.raises(ValueError, match=message):
        load_stay_rules(data)


def test_rule_built_in_code_is_validated_too() -> None:
    # when / then
    with pytest.raises(ValueError, match="at least one limit"):
        CountryStayRule(country="KZ", limits=(), source_note="")
