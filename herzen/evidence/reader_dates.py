"""Dates as the reader of a dossier or list writes them: 7. Dezember 2026, 7 декабря 2026, 7 December 2026;
07.12.2026 in a table (07/12/2026 in English). Never the US order, never ISO: an official abroad reads them."""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format

LONG = {"de": "j. F Y", "en": "j F Y"}
LONG_DEFAULT = "j E Y"  # E: the month as a date needs it (Russian genitive "декабря")
TABLE = {"en": "%d/%m/%Y"}
TABLE_DEFAULT = "%d.%m.%Y"
# Spreadsheet cell formats matching TABLE.
CELL = {"en": "DD/MM/YYYY"}
CELL_DEFAULT = "DD.MM.YYYY"


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "en").split("-")[0]


def long_date(value: date | None, language: str | None = None) -> str:
    if value is None:
        return "—"
    return date_format(value, LONG.get(_language(language), LONG_DEFAULT))


def table_date_pattern(language: str | None = None) -> str:
    return TABLE.get(_language(language), TABLE_DEFAULT)


def cell_date_format(language: str | None = None) -> str:
    return CELL.get(_language(language), CELL_DEFAULT)
