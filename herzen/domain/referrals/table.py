"""The referral list: one row per application, a header row, then a row of HXL hashtags, then the data.

HXL (the Humanitarian Exchange Language) puts a row of hashtags under the headers so that any tool of the
humanitarian data exchange can read a column whatever its header says or in which language. HXL's hashtags
are a fixed dictionary; its +attributes are free. The columns and their tags:

    application id       #meta+id+application      which application a row is (the key of the import)
    case reference       #meta+code+case           the NGO's case reference, safe to read on the phone
    pathway              #activity+code+pathway    the pathway's code (e.g. de_22_2)
    pathway name         #activity+name+pathway
    destination          #country+code+dest        ISO 3166-1 alpha-2
    destination name     #country+name+dest        the country's name in the reader's language
    referring NGO        #org+name+referrer
    principal            #affected+name            the principal applicant's name (Cyrillic)
    Latin spelling       #affected+name+latin      as in the passport, or the ICAO 2014 expected spelling
    Latin spelling from  #meta+latin_source        which of the two it is
    travel document      #meta+document_type       the principal's passport (or other travel document)
    document number      #meta+id+document
    date of birth        #date+birth
    household size       #affected+num+household
    status               #status+code              the application's state when the list was made
    status name          #status+name              the same in words
    decision             #status+code+decision     filled in by the authority: the decision, in words
                                                   (see herzen.domain.referrals.vocabulary) or as a move
    decided on           #date+decided             DD.MM.YYYY (or DD/MM/YYYY, YYYY-MM-DD, an Excel date)
    deciding body        #org+name+decider
    reasons given        #meta+reasons_given       yes / no
    reasons              #description+reasons
    valid until          #date+valid_until         a visa's or permit's last day, if the decision sets one
    appointment on       #date+appointment         a visa appointment, if the decision sets one

The import finds columns by their hashtag, not their position or header, so an authority may reorder columns,
translate headers or add its own. Lines are counted as a spreadsheet shows them: the header is line 1, the
hashtags line 2, the first application line 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

Cell = str | int | float | bool | date | None


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # English; the file is for an authority abroad
    hxl: str
    decision: bool = False  # filled in by the authority


APPLICATION_ID = "application_id"
COLUMNS: tuple[Column, ...] = (
    Column(APPLICATION_ID, "Application ID", "#meta+id+application"),
    Column("case_reference", "Case reference", "#meta+code+case"),
    Column("pathway", "Pathway", "#activity+code+pathway"),
    Column("pathway_name", "Pathway name", "#activity+name+pathway"),
    Column("destination", "Destination", "#country+code+dest"),
    Column("destination_name", "Destination country", "#country+name+dest"),
    Column("referrer", "Referring organisation", "#org+name+referrer"),
    Column("principal", "Principal applicant", "#affected+name"),
    Column("principal_latin", "Latin spelling", "#affected+name+latin"),
    Column("latin_source", "Latin spelling from", "#meta+latin_source"),
    Column("document_type", "Travel document", "#meta+document_type"),
    Column("document_number", "Document number", "#meta+id+document"),
    Column("date_of_birth", "Date of birth", "#date+birth"),
    Column("household_size", "Household size", "#affected+num+household"),
    Column("status", "Status code", "#status+code"),
    Column("status_name", "Status", "#status+name"),
    Column("decision", "Decision", "#status+code+decision", decision=True),
    Column("decided_on", "Decided on", "#date+decided", decision=True),
    Column("deciding_body", "Deciding body", "#org+name+decider", decision=True),
    Column("reasons_given", "Reasons given (yes/no)", "#meta+reasons_given", decision=True),
    Column("reasons", "Reasons", "#description+reasons", decision=True),
    Column("valid_until", "Valid until", "#date+valid_until", decision=True),
    Column("appointment_on", "Appointment on", "#date+appointment", decision=True),
)
DECISION_COLUMNS = tuple(column for column in COLUMNS if column.decision)
REQUIRED_TAGS = (
    COLUMNS[0].hxl,
    "#status+code+decision",
    "#date+decided",
    "#org+name+decider",
    "#meta+reasons_given",
)
HEADER_LINE = 1
HXL_LINE = 2
FIRST_DATA_LINE = 3
# Extra facts a decision may carry, by column key (dates).
DATE_FACTS = ("valid_until", "appointment_on")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): a leading ' keeps it text."""
    return f"'{value}" if value.startswith((*FORMULA_START, "'")) else value


def build_table(
    rows: Iterable[Mapping[str, Cell]], headers: Mapping[str, str] | None = None
) -> list[list[Cell]]:
    """Headers (`headers` by column key, e.g. translated; English otherwise), hashtags, then one line per row
    in column order; text is made formula-safe."""
    headers = headers or {}
    table: list[list[Cell]] = [
        [headers.get(c.key, c.header) for c in COLUMNS],
        [c.hxl for c in COLUMNS],
    ]
    for row in rows:
        line: list[Cell] = []
        for column in COLUMNS:
            value = row.get(column.key)
            line.append(safe_text(value) if isinstance(value, str) else value)
        table.append(line)
    return table


class Problem(StrEnum):
    MISSING_APPLICATION = "missing_application"
    DUPLICATE_APPLICATION = "duplicate_application"
    MISSING_DECISION_FACTS = "missing_decision_facts"
    BAD_DATE = "bad_date"
    BAD_YES_NO = "bad_yes_no"
    # Found by the application layer when it checks a row against the database and the pathway machine:
    UNKNOWN_APPLICATION = "unknown_application"
    NOT_REFERRED_HERE = "not_referred_here"
    MOVE_REFUSED = "move_refused"


@dataclass(frozen=True)
class RowProblem:
    line: int
    problem: Problem
    column: str = ""  # the column key concerned, if one
    detail: str = ""  # e.g. the machine's refusal, or the value that did not parse


class FormatError(ValueError):
    """The file is not a referral list at all (no hashtag row, a required column missing)."""

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__(f"missing HXL columns: {', '.join(missing)}")
        self.missing = tuple(missing)


@dataclass(frozen=True)
class DecisionRow:
    line: int
    application_id: str
    decision: str
    decided_on: date
    deciding_body: str
    reasons_given: bool
    reasons: str
    extra_dates: Mapping[str, date] = field(default_factory=dict)

    def facts(self) -> dict[str, str | bool | date]:
        """The row as the facts of a decision move (herzen.domain.workflow's DECISION_FACTS and others)."""
        facts: dict[str, str | bool | date] = {
            "decided_on": self.decided_on,
            "deciding_body": self.deciding_body,
            "reasons_given": self.reasons_given,
        }
        if self.reasons:
            facts["reasons"] = self.reasons
        facts.update(self.extra_dates)
        return facts


def _normal_tag(tag: str) -> str:
    """Hashtag and attributes compared as HXL does: case- and order-insensitive, spaces ignored."""
    parts = [p for p in re.split(r"\s*\+\s*", tag.strip().lower()) if p]
    return "+".join([parts[0], *sorted(parts[1:])]) if parts else ""


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Undo build_table's formula guard.
    return text[1:] if text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")) else text


DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d")
YES = frozenset({"yes", "y", "true", "1", "да", "ja", "oui", "tak", "ano", "jā", "taip"})
NO = frozenset({"no", "n", "false", "0", "нет", "nein", "non", "nie", "ne"})


def _date(value: Cell) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _yes_no(value: Cell) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    return True if text in YES else False if text in NO else None


def _columns(tags: Sequence[Cell]) -> dict[str, int]:
    by_tag = {_normal_tag(_text(tag)): index for index, tag in enumerate(tags) if _text(tag).startswith("#")}
    found = {c.key: by_tag[_normal_tag(c.hxl)] for c in COLUMNS if _normal_tag(c.hxl) in by_tag}
    missing = [tag for tag in REQUIRED_TAGS if _normal_tag(tag) not in by_tag]
    if missing:
        raise FormatError(missing)
    return found


def parse_decisions(table: Sequence[Sequence[Cell]]) -> tuple[list[DecisionRow], list[RowProblem]]:
    """The rows that carry a decision, and every problem found; a row with no decision is not a decision.

    Only the format is checked here (dates, yes/no, required facts, one row per application); whether the
    application exists, is referred to this authority and may move so is the application layer's question.
    """
    if len(table) < HXL_LINE:
        raise FormatError(list(REQUIRED_TAGS))
    index = _columns(table[HXL_LINE - 1])
    rows: list[DecisionRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}

    def cell(line: Sequence[Cell], key: str) -> Cell:
        position = index.get(key)
        return line[position] if position is not None and position < len(line) else None

    for number, line in enumerate(table[HXL_LINE:], start=FIRST_DATA_LINE):
        if all(_text(value) == "" for value in line):
            continue
        decision = _text(cell(line, "decision"))
        if not decision:
            continue
        application_id = _text(cell(line, APPLICATION_ID))
        row_problems: list[RowProblem] = []
        if not application_id:
            row_problems.append(RowProblem(number, Problem.MISSING_APPLICATION, APPLICATION_ID))
        elif application_id in seen:
            row_problems.append(
                RowProblem(number, Problem.DUPLICATE_APPLICATION, APPLICATION_ID, str(seen[application_id]))
            )
        else:
            seen[application_id] = number
        decided_on = _date(cell(line, "decided_on"))
        if decided_on is None:
            raw = _text(cell(line, "decided_on"))
            problem = Problem.BAD_DATE if raw else Problem.MISSING_DECISION_FACTS
            row_problems.append(RowProblem(number, problem, "decided_on", raw))
        deciding_body = _text(cell(line, "deciding_body"))
        if not deciding_body:
            row_problems.append(RowProblem(number, Problem.MISSING_DECISION_FACTS, "deciding_body"))
        reasons_given = _yes_no(cell(line, "reasons_given"))
        if reasons_given is None:
            row_problems.append(
                RowProblem(number, Problem.BAD_YES_NO, "reasons_given", _text(cell(line, "reasons_given")))
            )
        extra: dict[str, date] = {}
        for key in DATE_FACTS:
            raw_value = cell(line, key)
            if _text(raw_value) == "" and not isinstance(raw_value, date):
                continue
            parsed = _date(raw_value)
            if parsed is None:
                row_problems.append(RowProblem(number, Problem.BAD_DATE, key, _text(raw_value)))
            else:
                extra[key] = parsed
        if row_problems:
            problems.extend(row_problems)
            continue
        assert decided_on is not None and reasons_given is not None  # noqa: PT018 — narrowed by the checks above
        rows.append(
            DecisionRow(
                line=number,
                application_id=application_id,
                decision=decision,
                decided_on=decided_on,
                deciding_body=deciding_body,
                reasons_given=reasons_given,
                reasons=_text(cell(line, "reasons")),
                extra_dates=extra,
            )
        )
    return rows, problems
