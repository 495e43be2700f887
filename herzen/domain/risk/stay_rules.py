"""Visa-free stay rules of transit countries.

The rules are data, not code: laws change faster than releases, so a deployment can
replace or extend them with plain JSON-like data passed through `load_stay_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeAlias

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def _require_positive_whole_number(name: str, value: object) -> None:
    # bool is a subclass of int; `true` in a JSON file is a typo, not a day count.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number of days, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")


@dataclass(frozen=True)
class PerEntryLimit:
    """Each entry allows at most `days` days, the entry day included."""

    days: int

    def __post_init__(self) -> None:
        _require_positive_whole_number("days", self.days)


@dataclass(frozen=True)
class RollingLimit:
    """At most `days` days present in any `window_days` consecutive days."""

    days: int
    window_days: int

    def __post_init__(self) -> None:
        _require_positive_whole_number("days", self.days)
        _require_positive_whole_number("window_days", self.window_days)
        if self.days > self.window_days:
            raise ValueError(
                f"days ({self.days}) cannot exceed window_days ({self.window_days}): "
                "nobody can be present more days than the window has"
            )


StayLimit: TypeAlias = PerEntryLimit | RollingLimit


@dataclass(frozen=True)
class CountryStayRule:
    """Visa-free stay limits of one country; every limit applies at the same time."""

    country: str  # ISO 3166-1 alpha-2, upper case
    limits: tuple[StayLimit, ...]
    source_note: str

    def __post_init__(self) -> None:
        if not _COUNTRY_CODE.fullmatch(self.country):
            raise ValueError(f"country must be an upper-case ISO 3166-1 alpha-2 code, got {self.country!r}")
        if not self.limits:
            raise ValueError(f"{self.country}: a stay rule needs at least one limit")
        for limit in self.limits:
            if not isinstance(limit, PerEntryLimit | RollingLimit):
                raise ValueError(f"{self.country}: {limit!r} is not a PerEntryLimit or RollingLimit")


_PER_ENTRY_KEYS = frozenset({"per_entry_days"})
_ROLLING_KEYS = frozenset({"days", "window_days"})
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
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    unknown = keys - _PER_ENTRY_KEYS - _ROLLING_KEYS
    problem = f"unknown key(s) {_quoted(unknown)}" if unknown else f"incomplete keys {_quoted(keys)}"
    raise ValueError(
        f'{where}: {problem}; expected either "per_entry_days" alone or "days" with "window_days"'
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
    source_note = data.get("source_note", "")
    if not isinstance(source_note, str):
        raise ValueError(f'{where}: "source_note" must be text, got {source_note!r}')
    limits = tuple(
        _parse_limit(f"{where}, limit {position}", limit_data)
        for position, limit_data in enumerate(limits_data, start=1)
    )
    return CountryStayRule(country=country, limits=limits, source_note=source_note)


def load_stay_rules(data: Mapping[str, Any]) -> dict[str, CountryStayRule]:
    """Parse rules such as ``{"KZ": {"limits": [{"days": 90, "window_days": 180}]}}``.

    Each limit is either ``{"per_entry_days": N}`` or ``{"days": N, "window_days": W}``;
    ``source_note`` is optional. Raises ValueError naming the country and limit at fault.
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


# Facts for citizens of Russia holding an ordinary passport, as publicly reported.
# "UNVERIFIED" marks a figure nobody on the project has checked against the law itself;
# treat the deadline it produces as a prompt to check, not as legal advice.
_DEFAULT_RULE_DATA: dict[str, Any] = {
    "KZ": {
        "limits": [{"days": 90, "window_days": 180}],
        "source_note": (
            "Government Resolution No. 1146 of 31 Dec 2022, in force 27 Jan 2023: EAEU citizens "
            "(incl. Russia) may stay 90 days in any 180; leaving and re-entering ('visa run') no "
            "longer resets the count. Verified against public reporting (Astana Times, 19 Jan 2023)."
        ),
    },
    "TR": {
        "limits": [{"per_entry_days": 60}, {"days": 90, "window_days": 180}],
        "source_note": (
            "Russian citizens: up to 60 days per visit, at most 90 days in any 180 (Turkish "
            "consulate announcements 2013 and 2016). Verified against public reporting."
        ),
    },
    "GE": {
        "limits": [{"per_entry_days": 365}],
        "source_note": (
            "Visa-free stay of one year per entry for Russian citizens; re-entry starts a new "
            "year. Widely reported; not checked against the law itself."
        ),
    },
    "AM": {
        "limits": [{"per_entry_days": 180}],
        "source_note": "UNVERIFIED: 180 days per entry for Russian citizens, from secondary reporting.",
    },
    "RS": {
        "limits": [{"per_entry_days": 30}],
        "source_note": (
            "UNVERIFIED: 30 days visa-free under the 2009 Russia-Serbia agreement; whether the 30 "
            "days apply per entry or within a longer window has not been checked."
        ),
    },
    "KG": {
        "limits": [{"days": 90, "window_days": 180}],
        "source_note": (
            "UNVERIFIED: assumed 90 days in any 180 for EAEU citizens, by analogy with Kazakhstan; "
            "check before relying on it."
        ),
    },
    "UZ": {
        "limits": [{"per_entry_days": 90}],
        "source_note": (
            "UNVERIFIED: assumed 90 days per entry for Russian citizens; check before relying on it."
        ),
    },
}

DEFAULT_STAY_RULES: Mapping[str, CountryStayRule] = MappingProxyType(load_stay_rules(_DEFAULT_RULE_DATA))
