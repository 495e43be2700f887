"""The audit actions of statistics releases (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.statistics.services import COMPUTE_FIELDS, REQUEST_FIELDS, REVIEW_FIELDS

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
