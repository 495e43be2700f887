"""The audit actions of statistics releases (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import Label, register
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


def _linkage_action(name: str, label: Label, fields: frozenset[str]) -> None:
    """A linkage round's action: model fields by their verbose names, the rest by the labels above."""
    register(
        name,
        label,
        target="statistics.linkageround",
        fields=fields - _LINKAGE_LABELS.keys(),
        field_labels={key: text for key, text in _LINKAGE_LABELS.items() if key in fields},
    )


_linkage_action(
    "statistics_linkage.open", _("Linkage secret created for a statistics release"), LINKAGE_OPEN_FIELDS
)
_linkage_action(
    "statistics_linkage.encode",
    _("Linkage secret used: an organisation's persons encoded as linkage keys"),
    LINKAGE_ENCODE_FIELDS,
)
_linkage_action(
    "statistics_linkage.link",
    _("Linkage keys linked, then the secret and the keys deleted"),
    LINKAGE_LINK_FIELDS,
)
_linkage_action(
    "statistics_linkage.close",
    _("Linkage round deleted: secret, keys and links gone, its data key shredded"),
    LINKAGE_CLOSE_FIELDS,
)
