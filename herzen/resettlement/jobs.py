"""The matching run as a background job (herzen.jobs): progress in three steps, idempotent on redelivery."""

from django.utils.translation import gettext_lazy as _

from herzen.core.exceptions import PermissionDenied
from herzen.jobs.runner import JobContext, job


@job(kind="resettlement_match", label=_("Matching run"), max_attempts=2, backoff_seconds=30)
def match_run_task(ctx: JobContext, run_id: str) -> None:
    from herzen.resettlement.services import match_run_execute

    if ctx.actor is None:
        raise PermissionDenied("no actor")
    run = match_run_execute(actor=ctx.actor, run_id=run_id, progress=ctx.progress)
    ctx.set_outcome("matched", run.proposals.exclude(offer=None).count())
