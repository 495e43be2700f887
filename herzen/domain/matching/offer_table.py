"""Offers in a spreadsheet (CSV or XLSX) with HXL hashtags: one header row for people, one hashtag row below it by
which the columns are found, so headers may be in any language and columns in any order.

Pure: it takes cells and returns each row's values or its problems (as codes the app translates); nothing is
saved unless every row is good.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

KINDS = ("housing", "host_place", "sponsorship", "job")
YES = {"yes", "y", "true", "1", "ja", "да", "x"}
NO = {"no", "n", "false", "0", "nein", "нет", ""}

# hashtag (attributes in any order) -> offer field
COLUMNS: dict[str, str] = {
    "#x_offer+kind": "kind",
    "#x_offer+title": "title",
    "#country+code": "country",
    "#adm1+name": "region",
    "#loc+name": "town",
    "#capacity+ind": "capacity_persons",
    "#capacity+children": "child_beds",
    "#x_accessible": "accessible",
    "#x_pets": "pets_allowed",
    "#x_smoking": "smoking_allowed",
    "#language+local": "local_languages",
    "#language+required": "required_languages",
    "#x_skills": "skills",
    "#date+start": "available_from",
    "#date+end": "available_to",
}
REQUIRED = ("kind", "title", "country", "town", "capacity_persons")


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file, counting from 1
    field: str
    code: str  # "missing", "not_a_number", "not_a_date", "not_yes_no", "unknown_kind", "no_hashtags"


@dataclass
class ParsedOffers:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _normalise_tag(cell: Any) -> str:
    parts = str(cell or "").strip().lower().split("+")
    return (
        "+".join([parts[0].strip(), *sorted(p.strip() for p in parts[1:] if p.strip())]) if parts[0] else ""
    )


_TAGS = {_normalise_tag(tag): name for tag, name in COLUMNS.items()}


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _number(cell: Any) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float) and float(cell).is_integer() and cell >= 0:
        return int(cell)
    text = _text(cell)
    return int(text) if text.isdigit() else None


def _date(cell: Any) -> date | str | None:
    if cell is None or _text(cell) == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return "invalid"


def _flag(cell: Any) -> bool | None:
    text = _text(cell).lower()
    return True if text in YES else False if text in NO else None


def _list(cell: Any) -> list[str]:
    return [p.strip().lower() for p in _text(cell).replace(";", ",").split(",") if p.strip()]


def parse_offers(cells: list[list[Any]]) -> ParsedOffers:
    parsed = ParsedOffers()
    tag_line = next(
        (i for i, row in enumerate(cells) if any(_text(c).startswith("#") for c in row)),
        None,
    )
    if tag_line is None:
        parsed.problems.append(Problem(0, "", "no_hashtags"))
        return parsed
    columns = {
        index: _TAGS[_normalise_tag(c)]
        for index, c in enumerate(cells[tag_line])
        if _normalise_tag(c) in _TAGS
    }
    for name in REQUIRED:
        if name not in columns.values():
            parsed.problems.append(Problem(tag_line + 1, name, "missing_column"))
    if parsed.problems:
        return parsed
    for offset, row in enumerate(cells[tag_line + 1 :]):
        line = tag_line + 2 + offset
        if not any(_text(c) for c in row):
            continue
        values: dict[str, Any] = {}
        for index, name in columns.items():
            cell = row[index] if index < len(row) else None
            if name in ("capacity_persons", "child_beds"):
                number = _number(cell) if _text(cell) else (None if name == "capacity_persons" else 0)
                if number is None:
                    parsed.problems.append(
                        Problem(line, name, "missing" if not _text(cell) else "not_a_number")
                    )
                values[name] = number
            elif name in ("accessible", "pets_allowed", "smoking_allowed"):
                flag = _flag(cell)
                if flag is None:
                    parsed.problems.append(Problem(line, name, "not_yes_no"))
                values[name] = flag
            elif name in ("available_from", "available_to"):
                when = _date(cell)
                if when == "invalid":
                    parsed.problems.append(Problem(line, name, "not_a_date"))
                values[name] = when
            elif name in ("local_languages", "required_languages", "skills"):
                values[name] = _list(cell)
            else:
                values[name] = _text(cell)
        for name in REQUIRED:
            if values.get(name) in ("", None) and not any(
                p.row == line and p.field == name for p in parsed.problems
            ):
                parsed.problems.append(Problem(line, name, "missing"))
        if values.get("kind") and values["kind"] not in KINDS:
            parsed.problems.append(Problem(line, "kind", "unknown_kind"))
        parsed.rows.append(values)
    return parsed
