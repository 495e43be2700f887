"""The transit-country legal-stay clock: the last day a person may lawfully remain.

Days are counted inclusively, as the Schengen area and the transit countries count them:
the entry day and the exit day are both days present. A same-day exit and re-entry
(a "border run") is allowed and that day counts once, as part of the later stay.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Literal

from herzen.domain.risk.stay_rules import (
    DEFAULT_STAY_RULES,
    CalendarYearLimit,
    CountryStayRule,
    NoTimeLimit,
    PerEntryLimit,
    RollingLimit,
    StayLimit,
    load_stay_rules,
)

__all__ = [
    "DEFAULT_STAY_RULES",
    "CalendarYearLimit",
    "CountryStayRule",
    "DeadlineKind",
    "LegalBasis",
    "NoTimeLimit",
    "PerEntryLimit",
    "RollingLimit",
    "StayDeadline",
    "StayLimit",
    "StayPeriod",
    "legal_stay_deadline",
    "load_stay_rules",
]

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_COUNTRY_NAMES = {
    "AM": "Armenia",
    "GE": "Georgia",
    "KG": "Kyrgyzstan",
    "KZ": "Kazakhstan",
    "RS": "Serbia",
    "TR": "Turkey",
    "UZ": "Uzbekistan",
}


class LegalBasis(StrEnum):
    VISA_FREE = "visa_free"
    VISA = "visa"
    RESIDENCE_PERMIT = "residence_permit"
    ASYLUM_SEEKER = "asylum_seeker"


_DOCUMENT_NAMES = {LegalBasis.VISA: "visa", LegalBasis.RESIDENCE_PERMIT: "residence permit"}


@dataclass(frozen=True)
class StayPeriod:
    entry: date
    exit: date | None  # None: still in the country
    basis: LegalBasis
    authorised_until: date | None = None  # last valid day of the visa or residence permit

    def __post_init__(self) -> None:
        if self.exit is not None and self.exit < self.entry:
            raise ValueError(f"a stay cannot end ({self.exit}) before it begins ({self.entry})")
        if self.authorised_until is not None and self.authorised_until < self.entry:
            raise ValueError(
                f"authorised_until ({self.authorised_until}) precedes the entry ({self.entry}); "
                "an expired document cannot be the basis of a new stay"
            )


DeadlineKind = Literal["rule", "authorisation", "none", "unknown", "already_exceeded"]


@dataclass(frozen=True)
class Reason:
    """One sentence of an explanation as data, so a page can say it in its reader's language with dates in
    that language's format: `key` names the sentence, `values` fill it (dates, day counts, the country code)."""

    key: str
    values: Mapping[str, object]


@dataclass(frozen=True)
class StayDeadline:
    last_legal_day: date | None
    kind: DeadlineKind
    explanation: str  # in English, for logs and tests; `reasons` says the same as data
    days_used_in_window: int | None  # counted by the binding limit, see legal_stay_deadline
    binding_limit: StayLimit | None
    reasons: tuple[Reason, ...] = ()


def _in_time_order(periods: Sequence[StayPeriod]) -> list[StayPeriod]:
    ordered = sorted(periods, key=lambda period: (period.entry, period.exit or date.max))
    for earlier, later in pairwise(ordered):
        if earlier.exit is None:
            raise ValueError(
                f"the stay that began on {earlier.entry} has no exit, yet another begins on {later.entry}"
            )
        if earlier.exit > later.entry:
            raise ValueError(
                f"stays overlap: {earlier.entry} to {earlier.exit} and the one beginning {later.entry}"
            )
    return ordered


DayRange = tuple[int, int]  # first and last day as date ordinals, both included


def _earlier_visa_free_days(ordered: list[StayPeriod]) -> list[DayRange]:
    """Days spent visa-free before the latest stay.

    Only visa-free days count towards a rolling limit: days on a visa or permit, or as an
    asylum seeker, were spent under another legal regime and do not use up the allowance.
    """
    ranges: list[DayRange] = []
    for period, following in pairwise(ordered):
        assert period.exit is not None  # only the latest stay may be open (_in_time_order)
        if period.basis is not LegalBasis.VISA_FREE:
            continue
        last = period.exit.toordinal()
        if following.entry == period.exit:
            last -= 1  # the shared border-run day belongs to the later stay
        first = period.entry.toordinal()
        if first <= last:
            ranges.append((first, last))
    return ranges


def _days_present(ranges: list[DayRange], first: int, last: int) -> int:
    return sum(
        max(0, min(last, range_last) - max(first, range_first) + 1) for range_first, range_last in ranges
    )


def _allowed_days(limit: StayLimit, entry: int, earlier: list[DayRange]) -> int | None:
    """How many days of the current stay, from its entry day on, keep within `limit`.

    0 means not even the entry day was legal; None means the limit can never be reached.
    """
    if isinstance(limit, NoTimeLimit):
        return None
    if isinstance(limit, PerEntryLimit):
        return limit.days
    if isinstance(limit, CalendarYearLimit):
        return _calendar_year_allowed_days(limit, entry, earlier)
    window = limit.window_days
    if limit.days >= window:
        return None  # a window cannot hold more days than it has

    def used_on_day(day_number: int) -> int:  # day_number 1 is the entry day; only called below `window`
        return _days_present(earlier, entry + day_number - window, entry - 1) + day_number

    # Each further day of a continuous stay adds one day to the window and lets at most one
    # older day drop out, so the count never falls. That makes "the first day over the limit"
    # a binary search over at most `window` days: O(periods * log window) per call, which
    # keeps a million-person recalculation cheap. On day `window` the window holds only the
    # current stay, `window` days, which is over the limit: the search always ends.
    within, beyond = 0, window
    while beyond - within > 1:
        middle = (within + beyond) // 2
        if used_on_day(middle) <= limit.days:
            within = middle
        else:
            beyond = middle
    return within


def _calendar_year_allowed_days(limit: CalendarYearLimit, entry: int, earlier: list[DayRange]) -> int | None:
    """Days from the entry day on that keep each calendar year's count within the limit.

    Earlier stays can only use up the entry's own year (they all end before it); a stay running into the next
    year meets a fresh allowance on 1 January, which binds unless the allowance is at least a whole year.
    """
    allowed = 0
    day = entry
    # The entry's year, then fresh years; a fresh year binds unless the allowance is at least its length, so
    # within five years (a leap year among them) the limit binds or it never will.
    for _year in range(5):
        current = date.fromordinal(day)
        first_of_year = date(current.year, 1, 1).toordinal()
        last_of_year = date(current.year, 12, 31).toordinal()
        remaining = limit.days - _days_present(earlier, first_of_year, day - 1)
        days_left_in_year = last_of_year - day + 1
        if remaining < days_left_in_year:
            return allowed + max(0, remaining)
        allowed += days_left_in_year
        day = last_of_year + 1
    return None


def _days_used(limit: StayLimit, current: StayPeriod, earlier: list[DayRange], report_day: date) -> int:
    """Days the limit counts in its window ending `report_day`, from actual presence."""
    entry = current.entry.toordinal()
    report = report_day.toordinal()
    current_last = report if current.exit is None else min(report, current.exit.toordinal())
    if isinstance(limit, NoTimeLimit):
        return 0
    if isinstance(limit, PerEntryLimit):
        return max(0, current_last - entry + 1)
    if isinstance(limit, CalendarYearLimit):
        window_first = date(report_day.year, 1, 1).toordinal()
    else:
        window_first = report - limit.window_days + 1
    return _days_present(earlier, window_first, report) + _days_present(
        [(entry, current_last)], window_first, report
    )


def _country_name(country: str) -> str:
    return _COUNTRY_NAMES.get(country, country)


def _limit_sentence(
    country: str, limit: StayLimit, allowed: int | None, current: StayPeriod, used: int, report_day: date
) -> tuple[str, Reason]:
    name = _country_name(country)
    if isinstance(limit, NoTimeLimit):
        return (
            f"{name} sets no time limit on the stay itself (registration duties still apply).",
            Reason("no_time_limit", {"country": country}),
        )
    if isinstance(limit, PerEntryLimit):
        assert allowed is not None  # a per-entry limit always binds
        end = current.entry + timedelta(days=allowed - 1)
        return (
            f"{name} allows {limit.days} days per entry; "
            f"counted from the entry on {current.entry}, that limit ends on {end}.",
            Reason("per_entry", {"country": country, "days": limit.days, "entry": current.entry, "end": end}),
        )
    if isinstance(limit, CalendarYearLimit):
        rule = (
            f"{name} allows {limit.days} days in each calendar year, counted over all entries "
            "(a border run does not reset it)"
        )
        window = f"in {report_day.year} up to {report_day}"
        entry_window = f"in {current.entry.year} up to {current.entry}"
        shape = "year"
        values: dict[str, object] = {"country": country, "days": limit.days, "year": report_day.year}
    else:
        rule = f"{name} allows {limit.days} days in any {limit.window_days}"
        if limit.window_days >= 365:
            rule += " (a border run does not reset it)"
        window = f"in the window ending {report_day}"
        entry_window = f"in the window ending {current.entry}"
        shape = "window_no_reset" if limit.window_days >= 365 else "window"
        values = {"country": country, "days": limit.days, "window": limit.window_days}
    if allowed is None:
        return (
            f"{rule}, which can never be exceeded because the window is no longer than the allowance.",
            Reason(f"{shape}_never_exceeded", values),
        )
    if allowed == 0:
        return (
            f"{rule}; {used} days were already used {entry_window}, the entry day, "
            "so this entry was over that limit from its first day.",
            Reason(f"{shape}_over_on_entry", {**values, "used": used, "entry": current.entry}),
        )
    end = current.entry + timedelta(days=allowed - 1)
    return (
        f"{rule}; {used} days used {window}, so that limit ends on {end}.",
        Reason(shape, {**values, "used": used, "report_day": report_day, "end": end}),
    )


def _visa_free_deadline(
    country: str, rule: CountryStayRule, ordered: list[StayPeriod], as_of: date | None
) -> StayDeadline:
    current = ordered[-1]
    earlier = _earlier_visa_free_days(ordered)
    entry = current.entry.toordinal()
    allowances = [(limit, _allowed_days(limit, entry, earlier)) for limit in rule.limits]
    binding = [(limit, allowed) for limit, allowed in allowances if allowed is not None]
    if not binding:
        said = [_limit_sentence(country, limit, None, current, 0, current.entry) for limit in rule.limits]
        return StayDeadline(
            None, "none", " ".join(text for text, _ in said), None, None, tuple(reason for _, reason in said)
        )

    # min() keeps the first of equal candidates, so ties go to the limit listed first.
    binding_limit, binding_allowed = min(binding, key=lambda candidate: candidate[1])
    last_legal_day = current.entry + timedelta(days=binding_allowed - 1)
    exceeded = binding_allowed == 0
    report_day = as_of or (current.entry if exceeded else last_legal_day)
    sentences = []
    reasons = []
    for limit, allowed in allowances:
        # A limit broken on arrival is best explained by the count on the entry day itself.
        counted_until = current.entry if allowed == 0 else report_day
        used = _days_used(limit, current, earlier, counted_until)
        text, reason = _limit_sentence(country, limit, allowed, current, used, counted_until)
        sentences.append(text)
        reasons.append(reason)
    if len(binding) > 1 and rule.note.verified == "conflicting":
        sentences.append(
            "The sources disagree on how this limit is counted; every reading is applied and the earliest "
            "last day is the one shown."
        )
        reasons.append(Reason("conflicting_readings", {}))
    if exceeded:
        sentences.append(f"The legal stay had already run out when the person entered on {current.entry}.")
        reasons.append(Reason("ran_out_on_entry", {"entry": current.entry}))
    else:
        sentences.append(f"The legal stay ends on {last_legal_day}.")
        reasons.append(Reason("ends", {"end": last_legal_day}))
    if current.exit is not None and current.exit > last_legal_day:
        overstay = (current.exit - last_legal_day).days
        sentences.append(f"The person left on {current.exit}, {overstay} days after the last legal day.")
        reasons.append(Reason("left_after", {"exit": current.exit, "days": overstay}))
    return StayDeadline(
        last_legal_day=last_legal_day,
        kind="already_exceeded" if exceeded else "rule",
        explanation=" ".join(sentences),
        reasons=tuple(reasons),
        days_used_in_window=_days_used(binding_limit, current, earlier, report_day),
        binding_limit=binding_limit,
    )


def legal_stay_deadline(
    *,
    country: str,
    periods: Sequence[StayPeriod],
    rules: Mapping[str, CountryStayRule] = DEFAULT_STAY_RULES,
    as_of: date | None = None,
) -> StayDeadline:
    """The last legal day of the person's current (open) stay in `country`, or of the latest one.

    `periods` are the person's stays in that country, in any order; overlapping stays raise
    ValueError. A closed latest stay is judged as if it had continued, so comparing its exit
    with the result shows an overstay. `days_used_in_window` is what the binding limit counts
    in its window ending `as_of` (typically today); without `as_of`, the window ends on the
    last legal day, or on the entry day when the stay was over the limit from the start.
    """
    code = country.strip().upper()
    if not _COUNTRY_CODE.fullmatch(code):
        raise ValueError(f"{country!r} is not an ISO 3166-1 alpha-2 country code")
    name = _country_name(code)
    ordered = _in_time_order(periods)
    if not ordered:
        return StayDeadline(
            None,
            "unknown",
            f"No stay in {name} is recorded.",
            None,
            None,
            (Reason("no_stay", {"country": code}),),
        )
    current = ordered[-1]
    if as_of is not None and as_of < current.entry:
        raise ValueError(f"as_of ({as_of}) precedes the entry of the latest stay ({current.entry})")

    if current.basis is LegalBasis.ASYLUM_SEEKER:
        explanation = (
            f"The person has claimed asylum in {name}; the stay is protected while the claim is pending."
        )
        return StayDeadline(None, "none", explanation, None, None, (Reason("asylum", {"country": code}),))
    if current.basis in _DOCUMENT_NAMES:
        document = _DOCUMENT_NAMES[current.basis]
        if current.authorised_until is None:
            explanation = f"The stay in {name} rests on a {document} whose end date is not recorded."
            reason = Reason("document_without_end", {"country": code, "basis": current.basis.value})
            return StayDeadline(None, "unknown", explanation, None, None, (reason,))
        explanation = f"The {document} for {name} is valid until {current.authorised_until}."
        reason = Reason(
            "document_valid_until",
            {"country": code, "basis": current.basis.value, "end": current.authorised_until},
        )
        return StayDeadline(current.authorised_until, "authorisation", explanation, None, None, (reason,))

    rule = rules.get(code)
    if rule is None:
        explanation = f"No visa-free stay rule is recorded for {name}; the limit must be checked by hand."
        return StayDeadline(None, "unknown", explanation, None, None, (Reason("no_rule", {"country": code}),))
    return _visa_free_deadline(code, rule, ordered, as_of)
