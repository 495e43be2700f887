"""The audit actions of cases and their notes (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.cases.priority import PRIORITY_FIELDS

register(
    "case.open",
    _("Case opened"),
    target="cases.case",
    fields=["household", "status", "assigned_caseworker", "reference", *PRIORITY_FIELDS],
)
register("case.assign", _("Caseworker assigned"), target="cases.case", fields=["assigned_caseworker"])
register("case.change_status", _("Status changed"), target="cases.case", fields=["status", "closed_at"])
register("case.note_add", _("Note added"), target="cases.casenote", fields=["body"])
register("case.priority_refresh", _("Priority recalculated"), target="cases.case", fields=PRIORITY_FIELDS)
register(
    "case.flag_duplicates",
    _("Possible duplicate records flagged"),
    target="cases.case",
    field_labels={"possible_duplicates": _("possible duplicate records")},
)
register(
    "case.dismiss_duplicate",
    _("Possible duplicate dismissed"),
    target="cases.possibleduplicate",
    fields=["dismissed_at", "dismissed_by"],
)
