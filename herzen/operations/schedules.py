"""Schedules as data: what the worker runs, how often, and catching up after a missed run.

`SCHEDULES` lists the recurring work; `sync_schedules` creates a `Schedule` row for each (an operator can switch
one off or change its period with `herzen schedules`; the code's period is only the default). `tick(now)` — called by
every worker when it starts and then every `TICK_SECONDS` — starts each enabled schedule whose last run is a
period old or older (or that never ran). A worker that was down for three days therefore runs the daily jobs
once when it comes back, not three times: each job computes from today's state. Starting is idempotent across
workers: the schedule row is locked, and the job's idempotency key names the schedule and its period slot.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from herzen.aid.scheduled import sanctions_lists_configured
from herzen.jobs.runner import enqueue_job
from herzen.notifications import telegram
from herzen.operations import jobs
from herzen.operations.models import Schedule, ScheduleRun

TICK_SECONDS = 30
HOUR = 3600
DAY = 24 * HOUR


@dataclass(frozen=True)
class ScheduleSpec:
    name: str
    job_task: Task
    kind: str
    period: timedelta
    # Some schedules only make sense when configured (Telegram without a bot token).
    active: object = None


SCHEDULES = (
    ScheduleSpec("priority_refresh", jobs.priority_refresh, "priority_refresh", timedelta(seconds=DAY)),
    ScheduleSpec("retention_run", jobs.retention, "retention_run", timedelta(seconds=DAY)),
    ScheduleSpec("intake_purge", jobs.intake_purge, "intake_purge", timedelta(seconds=DAY)),
    ScheduleSpec("audit_checkpoint", jobs.audit_checkpoint, "audit_checkpoint", timedelta(seconds=HOUR)),
    ScheduleSpec("deadline_reminders", jobs.deadline_reminders, "deadline_reminders", timedelta(seconds=DAY)),
    ScheduleSpec("aid_due_tranches", jobs.aid_due_tranches, "aid_due_tranches", timedelta(seconds=DAY)),
    ScheduleSpec(
        "aid_sanctions_lists",
        jobs.aid_sanctions_lists,
        "aid_sanctions_lists",
        timedelta(seconds=DAY),
        sanctions_lists_configured,
    ),
    ScheduleSpec(
        "telegram_updates",
        jobs.telegram_updates,
        "telegram_updates",
        timedelta(seconds=60),
        telegram.configured,
    ),
)
BY_NAME = {spec.name: spec for spec in SCHEDULES}


def sync_schedules() -> None:
    for spec in SCHEDULES:
        Schedule.objects.get_or_create(
            name=spec.name, defaults={"period_seconds": int(spec.period.total_seconds())}
        )


def _slot(now: datetime, period_seconds: int) -> int:
    return int(now.timestamp()) // max(period_seconds, 1)


def tick(now: datetime | None = None) -> list[ScheduleRun]:
    """Start every schedule that is due (never ran, or last ran a period ago or more). Returns the new runs."""
    now = now or timezone.now()
    started = []
    for name in Schedule.objects.filter(enabled=True).values_list("name", flat=True):
        spec = BY_NAME.get(name)
        if spec is None or (callable(spec.active) and not spec.active()):
            continue
        with transaction.atomic():
            schedule = Schedule.objects.select_for_update().get(name=name)
            period = timedelta(seconds=schedule.period_seconds)
            last = schedule.last_run_at
            if last is not None and now - last < period:
                continue
            job = enqueue_job(
                spec.job_task,
                kind=spec.kind,
                idempotency_key=f"schedule:{name}:{_slot(now, schedule.period_seconds)}",
            )
            run = ScheduleRun.objects.create(
                schedule=schedule,
                started_at=now,
                caught_up=last is not None and now - last >= 2 * period,
                job=job,
            )
            schedule.last_run_at = now
            schedule.save(update_fields=["last_run_at"])
            started.append(run)
    return started
