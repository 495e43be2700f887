"""The release job: draws the noise and stores the tables for review (herzen.jobs runner)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from herzen import audit
from herzen.jobs.runner import JobContext, job
from herzen.statistics.compute import release_tables, table_as_json
from herzen.statistics.models import ReleaseStatus, StatisticsRelease
from herzen.statistics.services import COMPUTE_FIELDS


@job(kind="statistics_release", label=_("Statistics release"), max_attempts=3, backoff_seconds=120)
def statistics_release(ctx: JobContext, release_id: str) -> None:
    release = StatisticsRelease.objects.get(pk=release_id)
    if release.status != ReleaseStatus.COMPUTING:
        return  # computed already: a second run would draw new noise and so spend the budget twice
    tables = release_tables(release.period, release.epsilon, progress=ctx.progress)
    with transaction.atomic():
        release.tables = [table_as_json(table) for table in tables]
        release.status = ReleaseStatus.AWAITING_REVIEW
        release.save(update_fields=["tables", "status", "updated_at"])
        if ctx.actor is not None:
            audit.record(
                actor=ctx.actor,
                action="statistics_release.compute",
                target=release,
                changed_fields=COMPUTE_FIELDS,
            )
    ctx.set_outcome("tables", len(tables))
