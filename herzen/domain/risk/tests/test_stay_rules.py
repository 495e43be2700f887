from typing import Any

import pytest

from herzen.domain.provenance import Verified
from herzen.domain.risk import (
    DEFAULT_STAY_RULES,
    CalendarYearLimit,
    CountryStayRule,
    NoTimeLimit,
    PerEntryLimit,
    RollingLimit,
    load_stay_rules,
)


def test_default_rules_encode_the_known_limits() -> None:
    # when / then
    assert DEFAULT_STAY_RULES["KZ"].limits == (RollingLimit(days=90, window_days=180),)
    assert DEFAULT_STAY_RULES["TR"].limits == (PerEntryLimit(days=60), RollingLimit(days=90, window_days=180))
    assert DEFAULT_STAY_RULES["GE"].limits == (PerEntryLimit(days=365),)


def test_default_rules_encode_the_corrected_limits() -> None:
    # when / then: Armenia counts 180 days a year over all entries (both readings of "a year" apply),
    # Uzbekistan sets no time limit for Russians, Kyrgyzstan 90 in 180 under resolution No. 437
    assert DEFAULT_STAY_RULES["AM"].limits == (CalendarYearLimit(180), RollingLimit(180, 365))
    assert DEFAULT_STAY_RULES["UZ"].limits == (NoTimeLimit(),)
    assert DEFAULT_STAY_RULES["KG"].limits == (RollingLimit(90, 180),)
    assert "No. 437" in DEFAULT_STAY_RULES["KG"].note.sources[0].document
    assert "analogy" not in DEFAULT_STAY_RULES["KG"].note.summary


@pytest.mark.parametrize("country", sorted(DEFAULT_STAY_RULES))
def test_every_default_rule_names_its_source_and_when_it_was_checked(country: str) -> None:
    # when
    note = DEFAULT_STAY_RULES[country].note

    # then
    assert note.sources, country
    assert all(source.url.startswith("http") for source in note.sources)
    assert note.last_checked is not None
    assert note.verified in set(Verified)


def test_armenia_is_marked_conflicting_with_both_readings_explained() -> None:
    # when
    note = DEFAULT_STAY_RULES["AM"].note

    # then
    assert note.verified is Verified.CONFLICTING
    assert len(note.sources) >= 2
    assert "calendar year" in note.conflict
    assert "365" in note.conflict


def test_calendar_year_and_no_limit_load_from_plain_data() -> None:
    # when
    rules = load_stay_rules(
        {"AM": {"limits": [{"calendar_year_days": 180}]}, "UZ": {"limits": [{"no_time_limit": True}]}}
    )

    # then
    assert rules["AM"].limits == (CalendarYearLimit(180),)
    assert rules["UZ"].limits == (NoTimeLimit(),)


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
