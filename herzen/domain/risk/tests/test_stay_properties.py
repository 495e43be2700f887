"""Invariants of the visa-free deadline, checked against a slow, obviously correct reference."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.risk import (
    CalendarYearLimit,
    CountryStayRule,
    LegalBasis,
    NoTimeLimit,
    PerEntryLimit,
    RollingLimit,
    StayLimit,
    StayPeriod,
    legal_stay_deadline,
)

ONE_DAY = timedelta(days=1)


def visa_free_days_present(periods: list[StayPeriod], up_to: date) -> set[date]:
    """Every visa-free day, the open stay assumed to continue through `up_to`."""
    basis_on_day: dict[date, LegalBasis] = {}
    # The open stay is the latest, even when a one-day stay began the same day.
    for period in sorted(periods, key=lambda period: (period.entry, period.exit or date.max)):
        day, last = period.entry, period.exit or up_to
        while day <= last:
            basis_on_day[day] = period.basis  # a shared border-run day belongs to the later stay
            day += ONE_DAY
    return {day for day, basis in basis_on_day.items() if basis is LegalBasis.VISA_FREE}


def days_in_window(present: set[date], window_days: int, ending: date) -> int:
    return sum(1 for back in range(window_days) if ending - timedelta(days=back) in present)


def within_limit(limit: StayLimit, present: set[date], entry: date, day: date) -> bool:
    if isinstance(limit, NoTimeLimit):
        return True
    if isinstance(limit, PerEntryLimit):
        return (day - entry).days + 1 <= limit.days
    if isinstance(limit, CalendarYearLimit):
        return sum(1 for d in present if d.year == day.year and d <= day) <= limit.days
    return days_in_window(present, limit.window_days, day) <= limit.days


def _horizon_days(limit: StayLimit) -> int:
    if isinstance(limit, RollingLimit):
        return limit.window_days
    if isinstance(limit, CalendarYearLimit | NoTimeLimit):
        return 5 * 366  # a calendar-year limit binds by the next leap year at the latest, or never
    return limit.days


def brute_force_last_legal_day(rule: CountryStayRule, periods: list[StayPeriod]) -> date | None:
    """Walk forward one day at a time, recounting every window from scratch."""
    entry = max(period.entry for period in periods)
    horizon = entry + timedelta(days=sum(_horizon_days(limit) for limit in rule.limits))
    present = visa_free_days_present(periods, horizon)
    day = entry
    while day <= horizon:
        if not all(within_limit(limit, present, entry, day) for limit in rule.limits):
            return day - ONE_DAY
        day += ONE_DAY
    return None


@st.composite
def rolling_limits(draw: st.DrawFn) -> RollingLimit:
    if draw(st.booleans()):
        return RollingLimit(days=90, window_days=180)
    window_days = draw(st.integers(min_value=1, max_value=60))
    return RollingLimit(days=draw(st.integers(min_value=1, max_value=window_days)), window_days=window_days)


@st.composite
def calendar_year_limits(draw: st.DrawFn) -> CalendarYearLimit:
    # Small caps, so that short generated histories reach them; 365 and 366 probe the year's length.
    return CalendarYearLimit(days=draw(st.one_of(st.integers(1, 120), st.sampled_from([180, 365, 366]))))


@st.composite
def stay_rules(draw: st.DrawFn) -> CountryStayRule:
    limits: list[StayLimit] = [
        draw(st.one_of(rolling_limits(), calendar_year_limits(), st.just(NoTimeLimit())))
    ]
    extras: tuple[st.SearchStrategy[StayLimit], ...] = (
        st.builds(PerEntryLimit, days=st.integers(min_value=1, max_value=120)),
        calendar_year_limits(),
    )
    for extra in extras:
        if draw(st.booleans()):
            limits.insert(draw(st.integers(0, len(limits))), draw(extra))
    return CountryStayRule(country="XX", limits=tuple(limits), source_note="generated")


@st.composite
def stay_histories(draw: st.DrawFn) -> list[StayPeriod]:
    """Non-overlapping past stays, built backwards from an open visa-free stay, in shuffled order."""
    entry = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
    periods = [StayPeriod(entry=entry, exit=None, basis=LegalBasis.VISA_FREE)]
    next_entry = entry
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        gap = draw(st.one_of(st.just(0), st.integers(min_value=1, max_value=40)))  # 0: a same-day border run
        length = draw(st.integers(min_value=1, max_value=60))
        basis = draw(
            st.sampled_from([LegalBasis.VISA_FREE] * 3 + [LegalBasis.VISA, LegalBasis.ASYLUM_SEEKER])
        )
        exit = next_entry - timedelta(days=gap)
        next_entry = exit - timedelta(days=length - 1)
        periods.append(StayPeriod(entry=next_entry, exit=exit, basis=basis))
    return draw(st.permutations(periods))


def deadline_for(rule: CountryStayRule, periods: list[StayPeriod]) -> date | None:
    return legal_stay_deadline(
        country=rule.country, periods=periods, rules={rule.country: rule}
    ).last_legal_day


@given(rule=stay_rules(), periods=stay_histories())
def test_last_legal_day_matches_a_brute_force_day_by_day_count(
    rule: CountryStayRule, periods: list[StayPeriod]
) -> None:
    # when
    last_legal_day = deadline_for(rule, periods)

    # then
    assert last_legal_day == brute_force_last_legal_day(rule, periods)


@given(rule=stay_rules(), periods=stay_histories())
def test_every_limit_holds_on_the_last_legal_day_and_one_breaks_the_day_after(
    rule: CountryStayRule, periods: list[StayPeriod]
) -> None:
    # given
    entry = max(period.entry for period in periods)

    # when
    last_legal_day = deadline_for(rule, periods)

    # then
    if last_legal_day is None:  # only when no limit can ever be reached
        assert all(
            isinstance(limit, NoTimeLimit)
            or (isinstance(limit, RollingLimit) and limit.days == limit.window_days)
            or (isinstance(limit, CalendarYearLimit) and limit.days >= 365)
            for limit in rule.limits
        )
        return
    assert last_legal_day >= entry - ONE_DAY
    present = visa_free_days_present(periods, last_legal_day + ONE_DAY)
    if last_legal_day >= entry:
        assert all(within_limit(limit, present, entry, last_legal_day) for limit in rule.limits)
    assert not all(within_limit(limit, present, entry, last_legal_day + ONE_DAY) for limit in rule.limits)


@given(rule=stay_rules(), periods=stay_histories(), days_after_entry=st.integers(min_value=0, max_value=200))
def test_days_used_is_the_binding_limits_count_on_the_report_day(
    rule: CountryStayRule, periods: list[StayPeriod], days_after_entry: int
) -> None:
    # given
    entry = max(period.entry for period in periods)
    as_of = entry + timedelta(days=days_after_entry)

    # when
    deadline = legal_stay_deadline(country="XX", periods=periods, rules={"XX": rule}, as_of=as_of)

    # then
    limit = deadline.binding_limit
    if limit is None:
        assert deadline.days_used_in_window is None
    elif isinstance(limit, PerEntryLimit):
        assert deadline.days_used_in_window == days_after_entry + 1
    elif isinstance(limit, CalendarYearLimit):
        present = visa_free_days_present(periods, as_of)
        assert deadline.days_used_in_window == sum(1 for d in present if d.year == as_of.year and d <= as_of)
    else:
        assert isinstance(limit, RollingLimit)
        present = visa_free_days_present(periods, as_of)
        assert deadline.days_used_in_window == days_in_window(present, limit.window_days, as_of)
