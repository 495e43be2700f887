from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.referrals import (
    COLUMNS,
    FIRST_DATA_LINE,
    Cell,
    FormatError,
    Problem,
    build_table,
    parse_decisions,
    safe_text,
)

KEYS = [c.key for c in COLUMNS]


def decided(application_id: str = "a1", **overrides: Cell) -> dict[str, Cell]:
    row: dict[str, Cell] = {
        "application_id": application_id,
        "case_reference": "K7QM-4F9X-TBF",
        "pathway": "de_22",
        "principal": "Щукина Анна",
        "status": "submitted",
        "decision": "approve",
        "decided_on": "2026-03-01",
        "deciding_body": "Auswärtiges Amt",
        "reasons_given": "no",
        "reasons": "",
    }
    row.update(overrides)
    return row


def test_the_table_has_headers_then_hashtags_then_rows() -> None:
    table = build_table([decided()])
    assert table[0][0] == "Application ID"
    assert all(isinstance(tag, str) and tag.startswith("#") for tag in table[1])
    assert len({str(tag) for tag in table[1]}) == len(COLUMNS)
    assert table[2][0] == "a1"


def test_a_good_table_parses_into_decision_facts() -> None:
    rows, problems = parse_decisions(build_table([decided(valid_until="31.12.2026")]))
    assert problems == []
    [row] = rows
    assert row.line == FIRST_DATA_LINE
    assert row.facts() == {
        "decided_on": date(2026, 3, 1),
        "deciding_body": "Auswärtiges Amt",
        "reasons_given": False,
        "valid_until": date(2026, 12, 31),
    }


def test_rows_without_a_decision_are_left_alone() -> None:
    rows, problems = parse_decisions(build_table([decided(), decided("a2", decision="", decided_on="")]))
    assert [r.application_id for r in rows] == ["a1"]
    assert problems == []


def test_each_bad_row_is_named_by_its_spreadsheet_line_and_column() -> None:
    table = build_table(
        [
            decided("a1"),
            decided("a2", decided_on="March 1st"),
            decided("a3", reasons_given="perhaps"),
            decided("a1"),
            decided("a4", deciding_body=""),
        ]
    )
    rows, problems = parse_decisions(table)
    assert [r.application_id for r in rows] == ["a1"]
    assert [(p.line, p.problem, p.column) for p in problems] == [
        (4, Problem.BAD_DATE, "decided_on"),
        (5, Problem.BAD_YES_NO, "reasons_given"),
        (6, Problem.DUPLICATE_APPLICATION, "application_id"),
        (7, Problem.MISSING_DECISION_FACTS, "deciding_body"),
    ]
    assert problems[0].detail == "March 1st"


def test_columns_are_found_by_hashtag_in_any_order_and_spelling() -> None:
    table = build_table([decided()])
    reordered = [list(reversed(line)) for line in table]
    reordered[0] = [f"Spalte {i}" for i in range(len(reordered[0]))]  # translated headers
    reordered[1] = [str(tag).upper().replace("+", " +") for tag in reordered[1]]
    rows, problems = parse_decisions(reordered)
    assert problems == []
    assert rows[0].deciding_body == "Auswärtiges Amt"


def test_a_file_without_the_hashtag_row_is_not_a_referral_list() -> None:
    with pytest.raises(FormatError) as error:
        parse_decisions([["Application ID", "Decision"], ["a1", "approve"]])
    assert "#status+code+decision" in error.value.missing


def test_spreadsheet_values_are_understood() -> None:
    table = build_table([decided(decided_on=datetime(2026, 3, 1, 0, 0), reasons_given=True)])
    rows, problems = parse_decisions(table)
    assert problems == []
    assert rows[0].decided_on == date(2026, 3, 1)
    assert rows[0].reasons_given is True


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+7 900", "-1", "@SUM(A1)", "'=1"])
def test_text_that_a_spreadsheet_would_run_is_kept_as_text_and_round_trips(value: str) -> None:
    assert safe_text(value).startswith("'")
    rows, _ = parse_decisions(build_table([decided(deciding_body=value)]))
    assert rows[0].deciding_body == value


@given(st.lists(st.text(min_size=1, max_size=30).filter(lambda s: s.strip() == s), max_size=5))
def test_any_body_text_round_trips(bodies: list[str]) -> None:
    table = build_table([decided(f"a{i}", deciding_body=body) for i, body in enumerate(bodies)])
    rows, problems = parse_decisions(table)
    assert problems == []
    assert [r.deciding_body for r in rows] == bodies
