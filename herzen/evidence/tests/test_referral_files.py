from datetime import date

import pytest

from herzen.domain.referrals import build_table, parse_decisions
from herzen.evidence.referral_files import UnreadableFile, read_table, to_csv, to_xlsx


def _table():
    return build_table(
        [
            {
                "application_id": "a1",
                "principal": "Щукина Анна Сергеевна",
                "household_size": 3,
                "date_of_birth": date(1990, 5, 17),
                "decision": "approve",
                "decided_on": date(2026, 3, 1),
                "deciding_body": "=Auswärtiges Amt",
                "reasons_given": False,
            }
        ]
    )


@pytest.mark.parametrize("write", [to_csv, to_xlsx])
def test_a_written_list_reads_back_to_the_same_decisions(write):
    rows, problems = parse_decisions(read_table(write(_table())))
    assert problems == []
    [row] = rows
    assert row.application_id == "a1"
    assert row.decided_on == date(2026, 3, 1)
    assert row.deciding_body == "=Auswärtiges Amt"
    assert row.reasons_given is False


def test_csv_keeps_cyrillic_and_guards_formulas():
    content = to_csv(_table())
    assert content.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    text = content.decode("utf-8-sig")
    assert "Щукина Анна Сергеевна" in text
    assert "'=Auswärtiges Amt" in text
    assert text.splitlines()[1].startswith("#meta+id+application")


def test_semicolon_csv_from_a_european_excel_is_read():
    text = "Application ID;Decision;Decided on;Deciding body;Reasons given\n"
    text += "#meta+id+application;#status+code+decision;#date+decided;#org+name+decider;#meta+reasons_given\n"
    text += "a1;refuse;01.03.2026;BAMF;нет\n"
    rows, problems = parse_decisions(read_table(text.encode("cp1251", errors="replace")))
    assert problems == []
    assert rows[0].decision == "refuse"


def test_a_broken_workbook_is_unreadable():
    with pytest.raises(UnreadableFile):
        read_table(b"PK\x03\x04 not really a zip")
