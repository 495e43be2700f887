"""Visa-free stay rules of transit countries.

The rules are data, not code: laws change faster than releases, so a deployment can
replace or extend them with plain JSON-like data passed through `load_stay_rules`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeAlias

from herzen.domain.provenance import SourceNote, parse_source_note

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def _require_positive_whole_number(name: str, value: object) -> None:
    # bool is a subclass of int; `true` in a JSON file is a typo, not a day count.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number of days, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")


@dataclass(frozen=True)
class PerEntryLimit:
    """Each entry allows at most `days` days, the entry day included. Leaving and re-entering (a border run)
    starts a new count: that is what "per entry" means, and why a country that does not want it says otherwise."""

    days: int
    resets_on_reentry = True

    def __post_init__(self) -> None:
        _require_positive_whole_number("days", self.days)


@dataclass(frozen=True)
class RollingLimit:
    """At most `days` days present in any `window_days` consecutive days (90 in 180; 180 in any 365 days for
    "180 days in a year" read as a rolling year). A border run does not reset it: earlier days stay counted
    until they leave the window."""

    days: int
    window_days: int
    resets_on_reentry = False

    def __post_init__(self) -> None:
        _require_positive_whole_number("days", self.days)
        _require_positive_whole_number("window_days", self.window_days)
        if self.days > self.window_days:
            raise ValueError(
                f"days ({self.days}) cannot exceed window_days ({self.window_days}): "
                "nobody can be present more days than the window has"
            )


@dataclass(frozen=True)
class CalendarYearLimit:
    """At most `days` days present in each calendar year (1 January to 31 December). A border run does not
    reset it; the count starts again on 1 January."""

    days: int
    resets_on_reentry = False

    def __post_init__(self) -> None:
        _require_positive_whole_number("days", self.days)


@dataclass(frozen=True)
class NoTimeLimit:
    """The stay itself has no time limit (Uzbekistan for Russian citizens since 2020); duties such as
    registration still apply and are separate rules (herzen.domain.risk.registration)."""

    resets_on_reentry = False


StayLimit: TypeAlias = PerEntryLimit | RollingLimit | CalendarYearLimit | NoTimeLimit
_LIMIT_TYPES = (PerEntryLimit, RollingLimit, CalendarYearLimit, NoTimeLimit)


@dataclass(frozen=True)
class CountryStayRule:
    """Visa-free stay limits of one country; every limit applies at the same time (so where sources disagree
    on the shape, listing both readings makes the earlier deadline the one computed)."""

    country: str  # ISO 3166-1 alpha-2, upper case
    limits: tuple[StayLimit, ...]
    source_note: SourceNote | str = ""

    def __post_init__(self) -> None:
        if not _COUNTRY_CODE.fullmatch(self.country):
            raise ValueError(f"country must be an upper-case ISO 3166-1 alpha-2 code, got {self.country!r}")
        if not self.limits:
            raise ValueError(f"{self.country}: a stay rule needs at least one limit")
        for limit in self.limits:
            if not isinstance(limit, _LIMIT_TYPES):
                raise ValueError(f"{self.country}: {limit!r} is not a stay limit")
        if isinstance(self.source_note, str):
            # Plain text is an unchecked note (older JSON files); keep one type for readers.
            object.__setattr__(self, "source_note", SourceNote(summary=self.source_note))

    @property
    def note(self) -> SourceNote:
        assert isinstance(self.source_note, SourceNote)  # __post_init__ made it one
        return self.source_note


_PER_ENTRY_KEYS = frozenset({"per_entry_days"})
_ROLLING_KEYS = frozenset({"days", "window_days"})
_CALENDAR_YEAR_KEYS = frozenset({"calendar_year_days"})
_NO_LIMIT_KEYS = frozenset({"no_time_limit"})
_ALL_LIMIT_KEYS = _PER_ENTRY_KEYS | _ROLLING_KEYS | _CALENDAR_YEAR_KEYS | _NO_LIMIT_KEYS
_RULE_KEYS = frozenset({"limits", "source_note"})


def _quoted(keys: set[str] | frozenset[str]) -> str:
    return ", ".join(f'"{key}"' for key in sorted(keys))


def _parse_limit(where: str, data: object) -> StayLimit:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: a limit must be an object, got {data!r}")
    keys = set(data)
    try:
        if keys == _PER_ENTRY_KEYS:
            return PerEntryLimit(days=data["per_entry_days"])
        if keys == _ROLLING_KEYS:
            return RollingLimit(days=data["days"], window_days=data["window_days"])
        if keys == _CALENDAR_YEAR_KEYS:
            return CalendarYearLimit(days=data["calendar_year_days"])
        if keys == _NO_LIMIT_KEYS and data["no_time_limit"] is True:
            return NoTimeLimit()
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    unknown = keys - _ALL_LIMIT_KEYS
    problem = f"unknown key(s) {_quoted(unknown)}" if unknown else f"incomplete keys {_quoted(keys)}"
    raise ValueError(
        f'{where}: {problem}; expected either "per_entry_days" alone, "days" with "window_days", '
        '"calendar_year_days" alone or "no_time_limit": true'
    )


def _parse_rule(country: str, data: object) -> CountryStayRule:
    where = f"stay rule {country}"
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected an object with {_quoted(_RULE_KEYS)}, got {data!r}")
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {_quoted(unknown)}; allowed: {_quoted(_RULE_KEYS)}")
    limits_data = data.get("limits")
    # A bare string is a sequence too; refuse it rather than iterate over its characters.
    if not isinstance(limits_data, list | tuple) or not limits_data:
        raise ValueError(f'{where}: "limits" must be a non-empty list, got {limits_data!r}')
    source_note = parse_source_note(where, data.get("source_note", ""))
    limits = tuple(
        _parse_limit(f"{where}, limit {position}", limit_data)
        for position, limit_data in enumerate(limits_data, start=1)
    )
    return CountryStayRule(country=country, limits=limits, source_note=source_note)


def load_stay_rules(data: Mapping[str, Any]) -> dict[str, CountryStayRule]:
    """Parse rules such as ``{"KZ": {"limits": [{"days": 90, "window_days": 180}]}}``.

    Each limit is ``{"per_entry_days": N}``, ``{"days": N, "window_days": W}``,
    ``{"calendar_year_days": N}`` or ``{"no_time_limit": true}``; ``source_note`` is optional (text, or an
    object as `herzen.domain.provenance.parse_source_note` reads it). Raises ValueError naming the country and limit at fault.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"stay rules must be an object keyed by country code, got {data!r}")
    rules: dict[str, CountryStayRule] = {}
    for raw_country, rule_data in data.items():
        country = raw_country.strip().upper() if isinstance(raw_country, str) else raw_country
        if not isinstance(country, str) or not _COUNTRY_CODE.fullmatch(country):
            raise ValueError(f"stay rules: {raw_country!r} is not an ISO 3166-1 alpha-2 country code")
        if country in rules:
            raise ValueError(f"stay rules: country {country} appears more than once")
        rules[country] = _parse_rule(country, rule_data)
    return rules


# Facts for citizens of Russia holding an ordinary passport, each with its sources, the day it was last checked
# and whether the sources agree (stay_rules.json; a lawyer reads it without reading Python).
_DEFAULT_RULE_DATA: dict[str, Any] = json.loads(
    resources.files("herzen.domain.risk").joinpath("data", "stay_rules.json").read_text("utf-8")
)

DEFAULT_STAY_RULES: Mapping[str, CountryStayRule] = MappingProxyType(load_stay_rules(_DEFAULT_RULE_DATA))
