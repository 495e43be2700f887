"""Running queued jobs in tests and in `herzen worker --batch`: the database worker, in this process."""

from django_tasks_db.management.commands.db_worker import Worker


def run_queued(*, worker_id: str = "test-worker") -> None:
    """Run every task that is due now, then return (tasks scheduled later stay queued)."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()
