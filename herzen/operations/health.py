"""What monitoring asks: is Herzen up? The database answers, a worker beat recently, the backlog is short, and
the audit sequencer keeps its promise: no event waits to be sequenced, or to be signed, longer than the maximum
merge delay, and no event was refused for a failed MAC (herzen.audit.verification.status). Anonymous callers learn only up or down;
the details — how old the heartbeat is, how many jobs wait — go to the platform operator (a superuser) and to a
monitor holding HERZEN_HEALTH_TOKEN, because even counts tell an outsider how busy an NGO is.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from herzen.audit.verification import status as audit_status
from herzen.jobs.models import Job, JobStatus, WorkerHeartbeat


@dataclass
class Health:
    checks: dict[str, bool] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def up(self) -> bool:
        return all(self.checks.values())


def check() -> Health:
    health = Health()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        health.checks["database"] = False
        health.details["database_error"] = type(error).__name__
        return health  # nothing else can be asked
    health.checks["database"] = True

    now = timezone.now()
    newest = WorkerHeartbeat.objects.order_by("-last_seen_at").values_list("last_seen_at", flat=True).first()
    age = (now - newest).total_seconds() if newest else None
    health.checks["worker"] = age is not None and age <= settings.HERZEN_WORKER_HEARTBEAT_STALE_SECONDS
    health.details["worker_heartbeat_age_seconds"] = round(age) if age is not None else None
    health.details["workers"] = WorkerHeartbeat.objects.count()

    waiting = DBTaskResult.objects.ready().count()
    health.checks["backlog"] = waiting <= settings.HERZEN_JOB_BACKLOG_LIMIT
    health.details["jobs_waiting"] = waiting
    health.details["jobs_failed_last_day"] = Job.objects.filter(
        status=JobStatus.FAILED, finished_at__gte=now - timezone.timedelta(days=1)
    ).count()

    chains = [audit_status(chain) for chain in ("audit", "access")]
    health.checks["audit_sequencer"] = all(chain.healthy(now) for chain in chains)
    health.details["audit_merge_delay_seconds"] = settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS
    for chain in chains:
        health.details[f"audit_{chain.chain}_backlog"] = chain.pending.count
        health.details[f"audit_{chain.chain}_backlog_age_seconds"] = round(chain.backlog_age(now), 1)
        health.details[f"audit_{chain.chain}_unsigned_age_seconds"] = round(chain.unsigned_age(now), 1)
        health.details[f"audit_{chain.chain}_refused"] = len(chain.refused)
    return health
