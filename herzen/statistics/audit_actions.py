"""The audit actions of statistics releases (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.statistics.services import (
    COMPUTE_FIELDS,
    LINKAGE_CLOSE_FIELDS,
    LINKAGE_ENCODE_FIELDS,
    LINKAGE_LINK_FIELDS,
    LINKAGE_OPEN_FIELDS,
    REQUEST_FIELDS,
    REVIEW_FIELDS,
)

register(
    "statistics_release.request",
    _("Statistics release requested"),
    target="statistics.statisticsrelease",
    fields=REQUEST_FIELDS,
)
register(
    "statistics_release.compute",
    _("Statistics release computed"),
    target="statistics.statisticsrelease",
    fields=COMPUTE_FIELDS,
)
register(
    "statistics_release.approve",
    _("Statistics release approved and published"),
    target="statistics.statisticsrelease",
    fields=REVIEW_FIELDS,
)
register(
    "statistics_release.reject",
    _("Statistics release rejected"),
    target="statistics.statisticsrelease",
    fields=REVIEW_FIELDS,
)
register(
    "statistics_release.fail",
    _("Statistics release could not be computed"),
    target="statistics.statisticsrelease",
    fields={"status"},
)

_LINKAGE_LABELS = {
    "secret": _("linkage secret"),
    "encodings": _("organisations' linkage keys"),
    "linked_units": _("links between organisations' records"),
}
register(
    "statistics_linkage.open",
    _("Linkage secret created for a statistics release"),
    target="statistics.linkageround",
    fields=LINKAGE_OPEN_FIELDS - _LINKAGE_LABELS.keys(),
    field_labels={k: v for k, v in _LINKAGE_LABELS.items() if k in LINKAGE_OPEN_FIELDS},
)
register(
    "statistics_linkage.encode",
    _("Linkage secret used: an organisation's persons encoded as linkage keys"),
    target="statistics.linkageround",
    fields=LINKAGE_ENCODE_FIELDS - _LINKAGE_LABELS.keys(),
    field_labels={k: v for k, v in _LINKAGE_LABELS.items() if k in LINKAGE_ENCODE_FIELDS},
)
register(
    "statistics_linkage.link",
    _("Linkage keys linked, then the secret and the keys deleted"),
    target="statistics.linkageround",
    fields=LINKAGE_LINK_FIELDS - _LINKAGE_LABELS.keys(),
    field_labels={k: v for k, v in _LINKAGE_LABELS.items() if k in LINKAGE_LINK_FIELDS},
)
register(
    "statistics_linkage.close",
    _("Linkage round deleted: secret, keys and links gone, its data key shredded"),
    target="statistics.linkageround",
    fields=LINKAGE_CLOSE_FIELDS - _LINKAGE_LABELS.keys(),
    field_labels={k: v for k, v in _LINKAGE_LABELS.items() if k in LINKAGE_CLOSE_FIELDS},
)
