"""Exports and imports too large for a request, run by the worker (herzen.jobs) with progress, for whoever
started them.

A referral list over HERZEN_EXPORT_JOB_THRESHOLD applications is exported part by part: each part is read and
audited in its own transaction (`referral_list_export_part`), progress is shown after each, and the finished
file is kept sealed with the job's key for its starter to download. A retried job starts over: the parts
already audited are audited again, as a second export would be.

A decision list over HERZEN_IMPORT_JOB_THRESHOLD_BYTES is imported by `decision_import`: the upload is kept
sealed with the job's key (dropped when the job succeeds), checked row by row with progress, then applied.
A dossier whose evidence files add up to more than HERZEN_DOSSIER_JOB_THRESHOLD_BYTES is packed by
`dossier_export`.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from herzen import audit
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.domain.referrals import build_table
from herzen.evidence import services
from herzen.evidence.permissions import can_import_decisions
from herzen.evidence.referral_files import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, to_csv, to_xlsx
from herzen.evidence.selectors import referral_applications
from herzen.evidence.services.decisions import decisions_check, decisions_import
from herzen.evidence.services.exports import DOSSIER_LANGUAGE, REFERRAL_LIST_SHOWS, referral_list_export_part
from herzen.jobs.runner import JobContext, job

PART_SIZE = 100


@job(kind="referral_export", label=gettext_lazy("Referral list export"), max_attempts=3, backoff_seconds=30)
def referral_export(ctx: JobContext, *, file_format: str, authority_id: str | None = None) -> None:
    actor = ctx.actor
    if actor is None or actor.organisation is None:
        raise PermissionDenied(_("The person who started this export can no longer export."))
    ids = [a.pk for a in referral_applications(actor=actor, authority_id=authority_id)]
    rows, carried = [], []
    ctx.progress(0, len(ids))
    for start in range(0, len(ids), PART_SIZE):
        part = referral_list_export_part(actor=actor, application_ids=ids[start : start + PART_SIZE])
        rows.extend(part.rows)
        carried.extend([*part.applications, *(a.case for a in part.applications), *part.principals])
        ctx.progress(min(start + PART_SIZE, len(ids)), len(ids))
    with override(DOSSIER_LANGUAGE):
        table = build_table(rows)
    stamp = timezone.localdate().isoformat()
    if file_format == "csv":
        name, content_type, content = f"referrals-{stamp}.csv", CSV_CONTENT_TYPE, to_csv(table)
    else:
        name, content_type, content = f"referrals-{stamp}.xlsx", XLSX_CONTENT_TYPE, to_xlsx(table)
    ctx.store_result(name=name, content_type=content_type, content=content)
    # The file is made for its starter alone: what it carries is recorded as shown to them now.
    audit.record_access(
        actor=actor, target=carried, categories=REFERRAL_LIST_SHOWS, via="web:referral-export"
    )
    ctx.set_outcome("rows", len(ids))


@job(kind="decision_import", label=gettext_lazy("Import of decisions"), max_attempts=3, backoff_seconds=30)
def decision_import(ctx: JobContext) -> None:
    """An authority's decisions from a file too large for a request: every row is checked first, with
    progress and writing nothing, then all are applied in one transaction (or none, as on the page). A refused
    file is an outcome, not a failure: its problems are kept, sealed, for the person who uploaded it."""
    actor = ctx.actor
    if actor is None or actor.organisation is None or not can_import_decisions(actor):
        raise PermissionDenied(_("The person who started this import can no longer import decisions."))
    content = ctx.read_input()
    try:
        decisions_check(actor, content, on_progress=ctx.progress, every=PART_SIZE)
        result = decisions_import(actor=actor, content=content)
    except Invalid as error:
        messages = [str(message) for message in error.fields.get("file", [])] or [error.message]
        ctx.store_result(
            name="import-problems.txt",
            content_type="text/plain; charset=utf-8",
            content="\n".join(messages).encode(),
        )
        ctx.set_outcome("import_refused", len(messages))
        return
    ctx.set_outcome("import_applied", result.applied, already_recorded=result.already_recorded)


@job(kind="dossier_export", label=gettext_lazy("Dossier export"), max_attempts=3, backoff_seconds=30)
def dossier_export(ctx: JobContext, *, application_id: str, language: str) -> None:
    """A dossier whose evidence files are too large to pack in a request, packed by the worker for whoever
    asked (the NGO's staff or the authority it was referred to): audited as the page's export is, and what it
    carries recorded as shown to them when it is made."""
    actor = ctx.actor
    if actor is None or actor.organisation is None:
        raise PermissionDenied(_("The person who started this export can no longer export."))
    ctx.progress(0, 1)
    export = services.dossier_export(actor=actor, application_id=application_id, language=language)
    ctx.store_result(name=export.name, content_type=export.content_type, content=export.content)
    audit.record_access(
        actor=actor, target=list(export.shows), categories=export.categories, via="web:application-dossier"
    )
    ctx.progress(1, 1)
