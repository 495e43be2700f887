"""Referral lists as files: CSV and XLSX in, the plain table of `herzen.domain.referrals` out, and back.

The table's format (columns, hashtags, parsing) is the domain's; this module only reads and writes bytes.
"""

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from herzen.domain.referrals import Cell

XLSX_MAGIC = b"PK\x03\x04"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20_000


class UnreadableFile(ValueError):
    pass


# Dates as the reader writes them (see herzen.evidence.reader_dates); the import reads these back.
DEFAULT_DATE_PATTERN = "%d.%m.%Y"
DEFAULT_CELL_FORMAT = "DD.MM.YYYY"


def _plain(value: Cell, date_pattern: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.strftime(date_pattern)
    return str(value)


def to_csv(table: Sequence[Sequence[Cell]], *, date_pattern: str = DEFAULT_DATE_PATTERN) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Cyrillic names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in table:
        writer.writerow([_plain(value, date_pattern) for value in line])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(
    table: Sequence[Sequence[Cell]], *, title: str = "Referrals", date_format: str = DEFAULT_CELL_FORMAT
) -> bytes:
    """Dates stay spreadsheet dates (sortable, read back as dates), shown in the reader's format."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = title[:31]
    for line in table:
        sheet.append([("yes" if v else "no") if isinstance(v, bool) else v for v in line])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = date_format
    sheet.freeze_panes = "A3"  # headers and hashtags stay in view
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_table(content: bytes) -> list[list[Cell]]:
    """The cells of an uploaded CSV or XLSX file (the first sheet), told apart by content, not by name."""
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise UnreadableFile("not UTF-8 or Windows-1251 text")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    rows: list[list[Cell]] = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    if len(rows) > MAX_ROWS:
        raise UnreadableFile("too many rows")
    return rows


def _read_xlsx(content: bytes) -> list[list[Cell]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile("not a readable XLSX workbook") from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(
                [v if isinstance(v, str | int | float | bool | date) or v is None else str(v) for v in row]
            )
            if len(rows) > MAX_ROWS:
                raise UnreadableFile("too many rows")
        return rows
    finally:
        workbook.close()
