"""Worked examples from the sources of issue 20: each date below is counted by hand in the comments."""

from datetime import date

from herzen.domain.risk import (
    CalendarYearLimit,
    CountryStayRule,
    LegalBasis,
    RollingLimit,
    StayPeriod,
    legal_stay_deadline,
)


def visa_free(entry: date, exit: date | None = None) -> StayPeriod:
    return StayPeriod(entry=entry, exit=exit, basis=LegalBasis.VISA_FREE)


# Armenia: 180 days during one year across every entry; a border run does not reset the count.
# 2026: A 10 Jan - 9 Apr, out and back in the same day (a border run), B 9 Apr - 20 May, away, C from 1 Jul.
# A counts 10 Jan - 8 Apr = 22 + 28 + 31 + 8 = 89 days (9 Apr belongs to B); B 9 Apr - 20 May = 22 + 20 = 42.
ARMENIA_2026 = [
    visa_free(date(2026, 1, 10), date(2026, 4, 9)),
    visa_free(date(2026, 4, 9), date(2026, 5, 20)),
    visa_free(date(2026, 7, 1)),
]


def test_armenia_180_days_in_a_year_across_entries_with_a_border_run() -> None:
    # when
    deadline = legal_stay_deadline(country="AM", periods=ARMENIA_2026, as_of=date(2026, 7, 10))

    # then 131 days are used before 1 July; 180 - 131 = 49 more days: 1 July + 48 = 18 August.
    # The old per-entry encoding gave 1 July + 179 = 27 December, four months too late.
    assert deadline.kind == "rule"
    assert deadline.last_legal_day == date(2026, 8, 18)
    assert deadline.days_used_in_window == 131 + 10
    assert "does not reset" in deadline.explanation


def test_armenia_rolling_year_reading_reaches_into_last_year_and_gives_the_earlier_date() -> None:
    # given 30 days in November 2025 as well
    periods = [visa_free(date(2025, 11, 1), date(2025, 11, 30)), *ARMENIA_2026]

    # when
    deadline = legal_stay_deadline(country="AM", periods=periods)

    # then the calendar year still says 18 August (November 2025 is last year), but any 365 days ending in
    # July 2026 reach back to November: 30 + 131 + k <= 180 gives k = 19, so 19 July. The sources do not
    # settle which year they mean, so the earlier date is the one computed, and the explanation says why.
    assert deadline.last_legal_day == date(2026, 7, 19)
    assert deadline.binding_limit == RollingLimit(180, 365)
    assert "calendar year" in deadline.explanation
    assert "sources disagree" in deadline.explanation


def test_armenia_calendar_year_count_starts_again_on_the_first_of_january() -> None:
    # given 150 days used in 2026 and an entry on 20 December 2026
    periods = [visa_free(date(2026, 1, 1), date(2026, 5, 30)), visa_free(date(2026, 12, 20))]

    # when
    deadline = legal_stay_deadline(
        country="XX",
        periods=periods,
        rules={"XX": CountryStayRule("XX", (CalendarYearLimit(180),), "calendar only")},
    )

    # then 30 days remain in 2026 but only 12 days of December are left; 1 January 2027 brings 180 fresh
    # days: 12 + 180 days from 20 December, the last on 29 June 2027.
    assert deadline.last_legal_day == date(2027, 6, 29)


def test_kazakhstan_90_in_180_across_entries() -> None:
    # given 1 Feb - 1 Apr 2026 (60 days), away, and back on 1 June
    periods = [visa_free(date(2026, 2, 1), date(2026, 4, 1)), visa_free(date(2026, 6, 1))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods)

    # then windows ending in June reach back to February: 60 + 30 = 90 on 30 June
    assert deadline.last_legal_day == date(2026, 6, 30)


def test_uzbekistan_sets_no_time_limit_for_russians() -> None:
    # when
    deadline = legal_stay_deadline(
        country="UZ", periods=[visa_free(date(2024, 3, 1))], as_of=date(2026, 3, 1)
    )

    # then
    assert deadline.kind == "none"
    assert deadline.last_legal_day is None
    assert "no time limit" in deadline.explanation
