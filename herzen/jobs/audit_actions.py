"""The audit actions of background jobs (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

register("job.start", _("Background job started"), target="jobs.job")
register(
    "job.retry",
    _("Background job retried"),
    target="jobs.job",
    field_labels={"status": _("job status"), "attempts": _("attempts")},
)
