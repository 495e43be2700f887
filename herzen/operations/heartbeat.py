"""The worker's pulse: a row touched every few seconds, read by the health endpoint."""

import socket

from django.utils import timezone

from herzen.jobs.models import WorkerHeartbeat


def beat(worker_id: str, *, started_at: object = None) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen_at": now, "hostname": socket.gethostname()[:200]},
        create_defaults={
            "last_seen_at": now,
            "started_at": started_at or now,
            "hostname": socket.gethostname()[:200],
        },
    )


def stop(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
