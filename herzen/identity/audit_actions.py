"""The audit actions of finding and merging duplicate records (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.identity.services import DECIDE_FIELDS, MERGE_FIELDS, UNMERGE_FIELDS

_LABELS = {
    "pair": _("pair of records"),
    "survivor": _("record kept"),
    "merged": _("record merged into it"),
    "merged_by": _("merged by"),
    "undone_by": _("undone by"),
    "decided_by": _("decided by"),
}

register(
    "duplicate_pair.not_same",
    _("Two records marked as different people"),
    target="identity.duplicatepair",
    fields=DECIDE_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in DECIDE_FIELDS},
)
register(
    "person.merge",
    _("Two records of one person merged"),
    target="identity.personmerge",
    fields=MERGE_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in MERGE_FIELDS},
)
register(
    "person.unmerge",
    _("A merge of two records undone"),
    target="identity.personmerge",
    fields=UNMERGE_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in UNMERGE_FIELDS},
)
