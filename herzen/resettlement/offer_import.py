"""Offers from a CSV or XLSX file with HXL hashtags: all rows or none, each problem named with its line.

The file is read by libhxl, the Humanitarian Exchange Language's own library: it tells CSV from XLSX, finds the
hashtag line under the headers, and matches each column to an offer's field by an HXL tag pattern (so
`#loc+name+city` is a town, and attributes may come in any order). The rows then go, each at its own line of the
file, through herzen.domain.matching.offer_table, which checks every value and names each problem's line."""

import io
from typing import Any

import hxl
import hxl.input
from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.domain.matching.offer_table import COLUMNS, Problem, parse_offers
from herzen.resettlement.models import Offer
from herzen.resettlement.permissions import can_publish_offer
from herzen.resettlement.services import OFFER_FIELDS

MAX_PROBLEMS_SHOWN = 20
MAX_LINES = 20_000
# Each offer field's HXL tag pattern (the hashtags the import page names), as libhxl matches them.
PATTERNS = [(hxl.model.TagPattern.parse(tag), tag) for tag in COLUMNS]


class UnreadableFile(Exception):
    pass


def read_offer_table(content: bytes) -> list[list[Any]]:
    """The file's lines as libhxl reads them: the hashtag line (each column's tag written as the import page
    names it, or blank where no offer field matches) and every data row at its own line in the file. A file
    without a hashtag line is one line without hashtags, which the parser names as such."""
    dataset = None
    for encoding in ("utf-8-sig", "cp1251"):
        source = hxl.input.make_input(
            io.BytesIO(content), hxl.input.InputOptions(allow_local=False, encoding=encoding)
        )
        dataset = hxl.data(source)
        try:
            columns = dataset.columns
            rows = [(row.source_row_number, row.values) for row in dataset]
        except hxl.input.HXLTagsNotFoundException:
            return [[]]
        except (hxl.HXLException, UnicodeDecodeError, ValueError) as error:
            if isinstance(error, UnicodeDecodeError) or isinstance(error.__cause__, UnicodeDecodeError):
                continue
            raise UnreadableFile(str(error)) from error
        break
    else:
        raise UnreadableFile("not UTF-8 or Windows-1251 text")
    if len(rows) > MAX_LINES:
        raise UnreadableFile("too many rows")
    tags = []
    for column in columns:
        tags.append(next((tag for pattern, tag in PATTERNS if pattern.match(column)), ""))
    first = min((number for number, _values in rows if number is not None), default=1)
    lines: list[list[Any]] = [[] for _ in range(max(first - 1, 0))]
    lines.append(tags if any(tags) else ["#"])  # a hashtag line that names no offer field
    for number, values in rows:
        while number is not None and len(lines) < number:
            lines.append([])
        lines.append(list(values))
    return lines


def problem_text(problem: Problem) -> str:
    words = {
        "missing": _("line %(row)s: %(field)s is missing"),
        "missing_column": _("the column for %(field)s is missing (no hashtag for it in line %(row)s)"),
        "not_a_number": _("line %(row)s: %(field)s is not a whole number"),
        "not_a_date": _("line %(row)s: %(field)s is not a date (write DD.MM.YYYY)"),
        "not_yes_no": _("line %(row)s: %(field)s must be yes or no"),
        "unknown_kind": _("line %(row)s: the kind must be housing, host_place, sponsorship or job"),
        "no_hashtags": _("the file has no line of HXL hashtags under its headers"),
    }
    field = str(Offer._meta.get_field(problem.field).verbose_name) if problem.field else ""
    return words.get(problem.code, problem.code) % {"row": problem.row, "field": field}


@transaction.atomic
def offers_import(*, actor: Actor, content: bytes) -> list[Offer]:
    if not can_publish_offer(actor):
        raise PermissionDenied(_("Your role cannot publish offers."))
    try:
        cells = read_offer_table(content)
    except UnreadableFile as error:
        raise Invalid(
            _("The file could not be read: save it as CSV or XLSX."), fields={"file": []}
        ) from error
    parsed = parse_offers(cells)
    if parsed.problems:
        lines = [problem_text(p) for p in parsed.problems[:MAX_PROBLEMS_SHOWN]]
        message = _("Nothing was imported. Correct the file and upload it again: %(problems)s.") % {
            "problems": "; ".join(lines)
        }
        raise Invalid(message, fields={"file": [message]})
    if not parsed.rows:
        raise Invalid(
            _("The file has no offers in it."), fields={"file": [_("The file has no offers in it.")]}
        )
    offers = []
    for values in parsed.rows:
        values["country"] = values["country"].upper()
        offer = Offer(organisation=actor.organisation, **values)
        validate(offer)
        offer.save()
        offers.append(offer)
    audit.record_each(
        actor=actor,
        action="resettlement_offer.create",
        targets=[(offer, None) for offer in offers],
        changed_fields=OFFER_FIELDS & set(parsed.rows[0]),
    )
    return offers
