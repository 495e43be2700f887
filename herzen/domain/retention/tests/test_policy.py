from collections.abc import Iterable
from datetime import date

import pytest

from herzen.domain.retention import (
    DEFAULT_RETENTION_DOCUMENT,
    HouseholdRecord,
    RecordKind,
    RetentionPolicyError,
    add_years,
    due_for_erasure,
    load_retention_policy,
)

TODAY = date(2031, 6, 1)
DEFAULT = load_retention_policy()
CLOSED_YEARS = DEFAULT_RETENTION_DOCUMENT["periods"]["closed_case_household"]["years"]


def household(
    closings: Iterable[date | None] = (),
    recorded: date = date(2020, 1, 1),
    erased: bool = False,
    hid: str = "h",
) -> HouseholdRecord:
    return HouseholdRecord(
        household_id=hid, recorded_on=recorded, case_closings=tuple(closings), already_erased=erased
    )


def test_closed_case_household_is_due_the_day_its_period_ends_and_not_before() -> None:
    closed = add_years(TODAY, -CLOSED_YEARS)
    [due] = due_for_erasure([household([closed])], DEFAULT, today=TODAY)
    assert (due.kind, due.anchor, due.due_on) == (RecordKind.CLOSED_CASE_HOUSEHOLD, closed, TODAY)
    assert due_for_erasure([household([date(closed.year, closed.month, 2)])], DEFAULT, today=TODAY) == []


def test_the_last_closing_counts_and_an_open_case_keeps_the_household() -> None:
    old, recent = date(2010, 1, 1), date(2030, 1, 1)
    assert due_for_erasure([household([old, recent])], DEFAULT, today=TODAY) == []
    assert due_for_erasure([household([old, None])], DEFAULT, today=TODAY) == []
    assert [d.anchor for d in due_for_erasure([household([old, old])], DEFAULT, today=TODAY)] == [old]


def test_household_without_case_counts_from_when_it_was_recorded() -> None:
    [due] = due_for_erasure([household(recorded=date(2029, 1, 1))], DEFAULT, today=TODAY)
    assert due.kind is RecordKind.HOUSEHOLD_WITHOUT_CASE
    assert due_for_erasure([household(recorded=date(2031, 1, 1))], DEFAULT, today=TODAY) == []


def test_erased_households_are_never_due_again() -> None:
    assert due_for_erasure([household([date(2000, 1, 1)], erased=True)], DEFAULT, today=TODAY) == []


def test_a_document_overrides_one_kind_and_null_keeps_it() -> None:
    policy = load_retention_policy({"periods": {"closed_case_household": {"years": None}}})
    assert policy.years[RecordKind.CLOSED_CASE_HOUSEHOLD] is None
    assert policy.years[RecordKind.HOUSEHOLD_WITHOUT_CASE] == DEFAULT.years[RecordKind.HOUSEHOLD_WITHOUT_CASE]
    assert due_for_erasure([household([date(2000, 1, 1)])], policy, today=TODAY) == []
    longer = load_retention_policy({"periods": {"closed_case_household": {"years": 10}}})
    assert due_for_erasure([household([date(2024, 1, 1)])], longer, today=TODAY) == []
    assert len(due_for_erasure([household([date(2020, 1, 1)])], longer, today=TODAY)) == 1


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"retain": {}},
        {"version": ""},
        {"periods": {"evidence": {"years": 1}}},
        {"periods": {"closed_case_household": 5}},
        {"periods": {"closed_case_household": {"years": 0}}},
        {"periods": {"closed_case_household": {"years": -1}}},
        {"periods": {"closed_case_household": {"years": 2.5}}},
        {"periods": {"closed_case_household": {"years": True}}},
        {"periods": {"closed_case_household": {"days": 30}}},
    ],
)
def test_malformed_documents_are_refused(document: object) -> None:
    with pytest.raises(RetentionPolicyError):
        load_retention_policy(document)  # type: ignore[arg-type]


def test_add_years_handles_the_leap_day() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
