from datetime import date

from herzen.domain.matching.offer_table import parse_offers

HEADERS = ["Art", "Titel", "Land", "Ort", "Plätze", "Kinderbetten", "Barrierefrei", "Sprachen", "Ab"]
TAGS = ["#x_offer +kind", "#x_offer+title", "#country+code", "#loc+name", "#capacity+ind", "#capacity+children",
        "#x_accessible", "#language+local", "#date+start"]  # fmt: skip


def test_rows_are_read_by_hashtag_whatever_the_headers_say() -> None:
    parsed = parse_offers(
        [HEADERS, TAGS, ["housing", "Flat", "de", "Leipzig", 4, "2", "ja", "de, ru", "01.02.2027"]]
    )
    assert parsed.problems == []
    (row,) = parsed.rows
    assert row["capacity_persons"] == 4
    assert row["accessible"] is True
    assert row["local_languages"] == ["de", "ru"]
    assert row["available_from"] == date(2027, 2, 1)


def test_each_bad_cell_is_a_problem_with_its_line() -> None:
    parsed = parse_offers([HEADERS, TAGS, ["castle", "", "DE", "Leipzig", "four", "", "maybe", "", "soon"]])
    codes = {(p.row, p.field, p.code) for p in parsed.problems}
    assert (3, "kind", "unknown_kind") in codes
    assert (3, "title", "missing") in codes
    assert (3, "capacity_persons", "not_a_number") in codes
    assert (3, "accessible", "not_yes_no") in codes
    assert (3, "available_from", "not_a_date") in codes


def test_a_file_without_hashtags_or_a_required_column_is_refused() -> None:
    assert parse_offers([HEADERS]).problems[0].code == "no_hashtags"
    assert parse_offers([TAGS[:3]]).problems[0].code == "missing_column"
