"""Offers from a CSV or XLSX file with HXL hashtags: all rows or none, each problem named with its line."""

from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.domain.matching.offer_table import Problem, parse_offers
from herzen.evidence.referral_files import UnreadableFile, read_table
from herzen.resettlement.models import Offer
from herzen.resettlement.permissions import can_publish_offer
from herzen.resettlement.services import OFFER_FIELDS

MAX_PROBLEMS_SHOWN = 20


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
        cells = read_table(content)
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
