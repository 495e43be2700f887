from datetime import date

import pytest

from herzen.domain.risk import (
    LegalBasis,
    PerEntryLimit,
    RollingLimit,
    StayPeriod,
    legal_stay_deadline,
)

VISA_FREE = LegalBasis.VISA_FREE


def visa_free(entry: date, exit: date | None = None) -> StayPeriod:
    return StayPeriod(entry=entry, exit=exit, basis=VISA_FREE)


def test_kazakhstan_return_after_a_break_leaves_only_the_rest_of_the_90_days() -> None:
    # given 60 days in Kazakhstan (1 Jan - 1 Mar 2026), 30 days away, and a return on 1 April.
    # By hand: every window ending in April still reaches back before 1 January, so all 60
    # earlier days count; 60 + 30 April days = 90 on 30 April, 91 on 1 May.
    periods = [visa_free(date(2026, 4, 1)), visa_free(date(2026, 1, 1), date(2026, 3, 1))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods, as_of=date(2026, 4, 24))

    # then
    assert deadline.kind == "rule"
    assert deadline.last_legal_day == date(2026, 4, 30)
    assert deadline.binding_limit == RollingLimit(days=90, window_days=180)
    assert deadline.days_used_in_window == 84
    assert "Kazakhstan allows 90 days in any 180; 84 days used in the window ending 2026-04-24" in (
        deadline.explanation
    )


def test_kazakhstan_earlier_days_drop_out_of_the_window_while_the_person_stays() -> None:
    # given two earlier stays (1 Jun - 15 Jul and 1 - 15 Sep 2025) and a return on 1 Dec 2025.
    # By hand, day k of the current stay has the window [5 Jun 2025 + (k - 1), 1 Dec + (k - 1)]:
    # - day 1: 41 June/July days (5 Jun - 15 Jul) + 15 September days + 1 = 57;
    # - each later day adds one day and drops one June/July day, so the count stays 57 until
    #   day 42 (11 Jan 2026), when the window starts on 16 Jul and only September remains;
    # - from then on the count is 15 + k, which reaches 90 on day 75 = 13 Feb 2026 (the window
    #   then starts on 18 Aug, so the September days still count) and 91 the day after.
    periods = [
        visa_free(date(2025, 6, 1), date(2025, 7, 15)),
        visa_free(date(2025, 9, 1), date(2025, 9, 15)),
        visa_free(date(2025, 12, 1)),
    ]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods, as_of=date(2026, 1, 11))

    # then
    assert deadline.last_legal_day == date(2026, 2, 13)
    assert deadline.days_used_in_window == 57


def test_kazakhstan_same_day_border_run_does_not_reset_the_count() -> None:
    # given a stay from 1 January, a border run out and back in on 14 February
    periods = [visa_free(date(2026, 1, 1), date(2026, 2, 14)), visa_free(date(2026, 2, 14))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods)

    # then 14 February counts once, so the 90 days run out as for one continuous stay
    assert deadline.last_legal_day == date(2026, 3, 31)
    assert deadline.days_used_in_window == 90


def test_kazakhstan_visa_days_do_not_use_up_the_visa_free_allowance() -> None:
    # given 80 days on a visa just before a visa-free entry
    periods = [
        StayPeriod(date(2026, 1, 1), date(2026, 3, 21), LegalBasis.VISA, authorised_until=date(2026, 3, 31)),
        visa_free(date(2026, 3, 22)),
    ]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods)

    # then the whole 90 days are available from 22 March
    assert deadline.last_legal_day == date(2026, 6, 19)


def test_kazakhstan_entry_with_the_allowance_already_spent() -> None:
    # given 90 days up to 31 March and a new entry on 5 April, inside the same 180-day window
    periods = [visa_free(date(2026, 1, 1), date(2026, 3, 31)), visa_free(date(2026, 4, 5))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods)

    # then
    assert deadline.kind == "already_exceeded"
    assert deadline.last_legal_day == date(2026, 4, 4)
    assert deadline.days_used_in_window == 91
    assert "over that limit from its first day" in deadline.explanation


def test_turkey_first_entry_is_bound_by_the_60_days_per_entry() -> None:
    # given a first visa-free entry into Turkey
    periods = [visa_free(date(2026, 1, 1))]

    # when
    deadline = legal_stay_deadline(country="TR", periods=periods)

    # then day 60 is 1 March, well before the 90-in-180 limit (31 March)
    assert deadline.last_legal_day == date(2026, 3, 1)
    assert deadline.binding_limit == PerEntryLimit(days=60)
    assert "Turkey allows 60 days per entry" in deadline.explanation
    assert "ends on 2026-03-31" in deadline.explanation


def test_turkey_return_is_bound_by_90_days_in_180() -> None:
    # given 60 days (1 Oct - 29 Nov 2025) and a return on 1 Jan 2026. By hand: windows ending in
    # January start in July 2025, so all 60 days count; 60 + 30 = 90 on 30 January.
    periods = [visa_free(date(2025, 10, 1), date(2025, 11, 29)), visa_free(date(2026, 1, 1))]

    # when
    deadline = legal_stay_deadline(country="TR", periods=periods)

    # then the rolling limit binds a month before the per-entry limit (1 March)
    assert deadline.last_legal_day == date(2026, 1, 30)
    assert deadline.binding_limit == RollingLimit(days=90, window_days=180)


def test_georgia_allows_a_year_per_entry() -> None:
    # given
    periods = [visa_free(date(2025, 1, 1), date(2025, 12, 31)), visa_free(date(2026, 1, 1))]

    # when
    deadline = legal_stay_deadline(country="ge", periods=periods)

    # then a new entry starts a new year
    assert deadline.last_legal_day == date(2026, 12, 31)
    assert deadline.binding_limit == PerEntryLimit(days=365)


def test_latest_closed_stay_reports_an_overstay() -> None:
    # given a stay that ended after the 90 days had run out
    periods = [visa_free(date(2026, 1, 1), date(2026, 5, 10))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods)

    # then
    assert deadline.last_legal_day == date(2026, 3, 31)
    assert "left on 2026-05-10, 40 days after the last legal day" in deadline.explanation


def test_visa_ends_on_its_authorised_date() -> None:
    # given
    periods = [StayPeriod(date(2026, 1, 1), None, LegalBasis.VISA, authorised_until=date(2026, 7, 1))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods)

    # then
    assert deadline.kind == "authorisation"
    assert deadline.last_legal_day == date(2026, 7, 1)
    assert deadline.explanation == "The visa for Kazakhstan is valid until 2026-07-01."


def test_residence_permit_without_end_date_is_unknown() -> None:
    # given
    periods = [StayPeriod(date(2026, 1, 1), None, LegalBasis.RESIDENCE_PERMIT)]

    # when
    deadline = legal_stay_deadline(country="GE", periods=periods)

    # then
    assert deadline.kind == "unknown"
    assert deadline.last_legal_day is None


def test_asylum_seeker_has_no_deadline() -> None:
    # given a pending asylum claim after visa-free days were used up
    periods = [
        visa_free(date(2026, 1, 1), date(2026, 3, 31)),
        StayPeriod(date(2026, 4, 1), None, LegalBasis.ASYLUM_SEEKER),
    ]

    # when
    deadline = legal_stay_deadline(country="TR", periods=periods)

    # then
    assert deadline.kind == "none"
    assert deadline.last_legal_day is None
    assert "protected while the claim is pending" in deadline.explanation


def test_country_without_a_rule_is_unknown() -> None:
    # given
    periods = [visa_free(date(2026, 1, 1))]

    # when
    deadline = legal_stay_deadline(country="ME", periods=periods)

    # then
    assert deadline.kind == "unknown"
    assert deadline.last_legal_day is None
    assert "checked by hand" in deadline.explanation


def test_no_recorded_stay_is_unknown() -> None:
    # when
    deadline = legal_stay_deadline(country="KZ", periods=[])

    # then
    assert deadline.kind == "unknown"


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([visa_free(date(2026, 1, 1), date(2026, 2, 1)), visa_free(date(2026, 1, 20))], "overlap"),
        ([visa_free(date(2026, 1, 1)), visa_free(date(2026, 3, 1), date(2026, 3, 5))], "has no exit"),
        ([visa_free(date(2026, 1, 1)), visa_free(date(2026, 1, 1))], "has no exit"),
    ],
)
def test_overlapping_stays_are_rejected(periods: list[StayPeriod], message: str) -> None:
    # when / then
    with pytest.raises(ValueError, match=message):
        legal_stay_deadline(country="KZ", periods=periods)


def test_stay_ending_before_it_begins_is_rejected() -> None:
    # when / then
    with pytest.raises(ValueError, match="cannot end"):
        visa_free(date(2026, 2, 1), date(2026, 1, 31))


def test_report_date_before_the_entry_is_rejected() -> None:
    # when / then
    with pytest.raises(ValueError, match="precedes the entry"):
        legal_stay_deadline(country="KZ", periods=[visa_free(date(2026, 2, 1))], as_of=date(2026, 1, 1))


@pytest.mark.parametrize("country", ["", "KAZ", "K1", "Казахстан"])
def test_malformed_country_code_is_rejected(country: str) -> None:
    # when / then
    with pytest.raises(ValueError, match="country code"):
        legal_stay_deadline(country=country, periods=[])


def test_limit_broken_on_arrival_is_explained_with_the_entry_day_count() -> None:
    # given 90 days up to 31 March, a new entry on 5 April, and a report two weeks later
    periods = [visa_free(date(2026, 1, 1), date(2026, 3, 31)), visa_free(date(2026, 4, 5))]

    # when
    deadline = legal_stay_deadline(country="KZ", periods=periods, as_of=date(2026, 4, 19))

    # then the explanation counts the entry day; days_used_in_window counts up to the report day
    assert "91 days were already used in the window ending 2026-04-05" in deadline.explanation
    assert deadline.days_used_in_window == 105
