"""The matching run as a background job (herzen.jobs): progress in three steps, idempotent on redelivery."""

from django.utils.translation import gettext_lazy as _

from herzen.core.exceptions import PermissionDenied
from herzen.jobs.runner import JobContext, job


@job(kind="resettlement_match", label=_("Matching run"), max_attempts=2, backoff_seconds=30)
def match_run_task(ctx: JobContext, run_id: str) -> None:
    from herzen.resettlement.planning import match_run_plan
    from herzen.resettlement.selectors import run_get
    from herzen.resettlement.services import match_run_record

    actor = ctx.actor
    if actor is None:
        raise PermissionDenied("no actor")
    ctx.progress(0, 2)
    run = run_get(actor=actor, run_id=run_id)
    planned = match_run_plan(run=run, actor=actor)
    ctx.progress(1, 2)
    run = match_run_record(actor=actor, run_id=run_id, pool=planned.pool, result=planned.result,
                           violations=planned.violations, reserved=planned.reserved,
                           sponsored=planned.sponsored, employed=planned.employed)  # fmt: skip
    ctx.progress(2, 2)
    ctx.set_outcome("matched", run.proposals.exclude(offer=None).count())
