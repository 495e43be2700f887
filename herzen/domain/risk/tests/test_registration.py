"""Registration duties as deadlines: worked examples from the sources, and the counting rules."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.provenance import Verified
from herzen.domain.risk import (
    DEFAULT_REGISTRATION_DUTIES,
    Registrant,
    Trigger,
    load_registration_duties,
    registration_deadline,
)


def test_uzbekistan_registration_is_due_by_day_15() -> None:
    # given an entry on 1 March 2026 (day 1)
    # when
    deadline = registration_deadline(country="UZ", entry=date(2026, 3, 1))

    # then day 15 is 15 March
    assert deadline is not None
    assert deadline.due_on == date(2026, 3, 15)
    assert deadline.verified is Verified.CONFIRMED
    assert "day 15" in deadline.explanation


def test_kazakhstan_host_notifies_within_3_working_days_over_a_weekend() -> None:
    # given an arrival on Friday 4 December 2026
    # when
    deadline = registration_deadline(country="KZ", entry=date(2026, 12, 4))

    # then Monday 7, Tuesday 8, Wednesday 9: the host's notice is due on 9 December; the treaty's 30 days
    # and the online registration by day 30 (2 January 2027) are later, so the conflict resolves to 9 December
    assert deadline is not None
    assert deadline.due_on == date(2026, 12, 9)
    assert deadline.who is Registrant.HOST
    assert deadline.verified is Verified.CONFLICTING
    assert [item.due_on for item in deadline.readings] == [
        date(2026, 12, 9),
        date(2027, 1, 2),
        date(2027, 1, 2),
    ]
    assert "sources disagree" in deadline.explanation


def test_kazakhstan_online_registration_is_not_read_before_it_came_into_force() -> None:
    # when
    deadline = registration_deadline(country="KZ", entry=date(2026, 6, 1))

    # then
    assert deadline is not None
    assert all("No. 923" not in item.reading.label for item in deadline.readings)


def test_kazakhstan_move_after_july_2026_restarts_the_clock_at_5_working_days() -> None:
    # given registration done after the entry, then a move on Monday 7 December 2026
    # when
    deadline = registration_deadline(
        country="KZ", entry=date(2026, 11, 2), registered_on=date(2026, 11, 4), moved_on=date(2026, 12, 7)
    )

    # then five working days after Monday: Friday 14 December... Tue 8, Wed 9, Thu 10, Fri 11, Mon 14
    assert deadline is not None
    assert deadline.trigger is Trigger.MOVE
    assert deadline.due_on == date(2026, 12, 14)
    assert not deadline.satisfied


def test_registration_done_satisfies_the_duty() -> None:
    # when
    deadline = registration_deadline(country="UZ", entry=date(2026, 3, 1), registered_on=date(2026, 3, 10))

    # then
    assert deadline is not None
    assert deadline.satisfied
    assert deadline.due_on is None


def test_kyrgyzstan_conflicting_readings_compute_the_earlier_date() -> None:
    # given an arrival on Monday 2 March 2026
    # when
    deadline = registration_deadline(country="KG", entry=date(2026, 3, 2))

    # then 5 working days (9 March) against the treaty's 30 days (31 March): the earlier is shown
    assert deadline is not None
    assert deadline.due_on == date(2026, 3, 9)
    assert deadline.verified is Verified.CONFLICTING
    assert "31" in deadline.explanation  # the later reading is still named


def test_serbia_registration_is_due_within_24_hours() -> None:
    # when
    deadline = registration_deadline(country="RS", entry=date(2026, 5, 5), moved_on=date(2026, 6, 1))

    # then the move restarts the 24 hours
    assert deadline is not None
    assert deadline.due_on == date(2026, 6, 2)


def test_armenia_has_no_duty_in_the_first_30_days_and_is_unverified() -> None:
    # when
    deadline = registration_deadline(country="AM", entry=date(2026, 5, 1))

    # then
    assert deadline is not None
    assert deadline.due_on == date(2026, 5, 30)
    assert deadline.verified is Verified.UNVERIFIED


def test_country_without_a_duty_has_no_deadline() -> None:
    # when / then
    assert registration_deadline(country="GE", entry=date(2026, 5, 1)) is None


@pytest.mark.parametrize("country", sorted(DEFAULT_REGISTRATION_DUTIES))
def test_every_duty_names_its_source(country: str) -> None:
    # when / then
    assert DEFAULT_REGISTRATION_DUTIES[country].source_note.sources


def test_malformed_duty_is_refused_naming_the_reading() -> None:
    # when / then
    with pytest.raises(ValueError, match="registration duty UZ, reading 1"):
        load_registration_duties(
            {
                "UZ": {
                    "readings": [
                        {
                            "label": "x",
                            "trigger": "arrival",
                            "who": "person",
                            "within": 3,
                            "counting": "calendar_days",
                        }
                    ]
                }
            }
        )


@given(
    entry=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    working_days=st.integers(min_value=1, max_value=20),
)
def test_working_day_deadline_lands_on_a_weekday_with_exactly_n_weekdays_after_arrival(
    entry: date, working_days: int
) -> None:
    # given
    duties = load_registration_duties(
        {
            "XX": {
                "readings": [
                    {
                        "label": "n working days",
                        "trigger": "entry",
                        "who": "person",
                        "within": working_days,
                        "counting": "working_days",
                    }
                ]
            }
        }
    )

    # when
    deadline = registration_deadline(country="XX", entry=entry, duties=duties)

    # then
    assert deadline is not None
    assert deadline.due_on is not None
    assert deadline.due_on.weekday() < 5
    between = [entry + timedelta(days=n) for n in range(1, (deadline.due_on - entry).days + 1)]
    assert sum(1 for day in between if day.weekday() < 5) == working_days


@given(
    entry=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    registered_after=st.integers(min_value=0, max_value=60),
    moved_after=st.integers(min_value=1, max_value=60),
)
def test_a_move_after_the_registration_opens_a_new_deadline_and_a_later_registration_closes_it(
    entry: date, registered_after: int, moved_after: int
) -> None:
    # given
    registered = entry + timedelta(days=registered_after)
    moved = entry + timedelta(days=moved_after)

    # when
    deadline = registration_deadline(country="RS", entry=entry, registered_on=registered, moved_on=moved)

    # then
    assert deadline is not None
    assert deadline.satisfied == (registered >= moved)
    assert (deadline.due_on is None) == (registered >= moved)
    if deadline.due_on is not None:
        assert deadline.due_on == moved + timedelta(days=1)
