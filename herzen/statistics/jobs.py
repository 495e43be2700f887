"""The release job: links the organisations' persons when asked, draws the noise and stores the tables for
review (herzen.jobs runner).

With linkage, the job runs a round end to end (herzen.statistics.services, each step audited): a secret for
this release, each organisation's persons encoded with it, the keys linked and then deleted with the secret,
the tables counted with one identity per linked person, and the links deleted in the transaction that stores
the tables. An attempt that fails half-way leaves a round the next attempt (or the failure) deletes.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from herzen import audit
from herzen.core.exceptions import PermissionDenied
from herzen.jobs.runner import JobContext, job
from herzen.people.models import Person
from herzen.statistics import services
from herzen.statistics.compute import release_tables, table_as_json
from herzen.statistics.models import LinkageRound, ReleaseStatus, StatisticsRelease
from herzen.statistics.services import COMPUTE_FIELDS


def _link(ctx: JobContext, release: StatisticsRelease) -> LinkageRound:
    if ctx.actor is None:  # the requester is no longer a statistics officer: nobody to run the round as
        raise PermissionDenied("")
    linkage = services.linkage_open(actor=ctx.actor, release_id=release.pk)
    organisations = sorted(
        set(Person.objects.order_by().values_list("organisation_id", flat=True).distinct()), key=str
    )
    for organisation_id in organisations:
        linkage = services.linkage_encode(
            actor=ctx.actor, linkage_id=linkage.pk, organisation_id=organisation_id
        )
    return services.linkage_link(actor=ctx.actor, linkage_id=linkage.pk)


@job(kind="statistics_release", label=_("Statistics release"), max_attempts=3, backoff_seconds=120)
def statistics_release(ctx: JobContext, release_id: str) -> None:
    release = StatisticsRelease.objects.get(pk=release_id)
    if release.status != ReleaseStatus.COMPUTING:
        return  # computed already: a second run would draw new noise and so spend the budget twice
    linkage = _link(ctx, release) if release.link_organisations else None
    tables = release_tables(
        release.period,
        release.epsilon,
        progress=ctx.progress,
        linkage_id=linkage.pk if linkage is not None else None,
        linked_organisations=linkage.organisations if linkage is not None else 0,
    )
    with transaction.atomic():
        release.tables = [table_as_json(table) for table in tables]
        release.status = ReleaseStatus.AWAITING_REVIEW
        release.distinct_across_organisations = linkage is not None
        release.linked_organisations = linkage.organisations if linkage is not None else 0
        release.save(
            update_fields=[
                "tables",
                "status",
                "distinct_across_organisations",
                "linked_organisations",
                "updated_at",
            ]
        )
        if ctx.actor is not None:
            audit.record(
                actor=ctx.actor,
                action="statistics_release.compute",
                target=release,
                changed_fields=COMPUTE_FIELDS,
            )
        if linkage is not None and ctx.actor is not None:
            services.linkage_close(actor=ctx.actor, linkage_id=linkage.pk)
    ctx.set_outcome("tables", len(tables))
