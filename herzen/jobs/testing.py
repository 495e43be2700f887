"""Running queued jobs in tests: the database worker, in this process, once through what is due."""

from unittest import mock

from django_tasks_db.management.commands.db_worker import Worker


def run_queued(*, worker_id: str = "test-worker") -> None:
    """Run every task that is due now, then return (tasks scheduled later stay queued).

    The worker closes "old" connections between tasks, as a long-running process must; inside a test's
    transaction (autocommit off) Django counts the test's own connection as unusable and would close it, so
    here that step is skipped."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections", return_value=None):
        worker.run()
