from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from herzen.jobs.models import Job, JobStatus
from herzen.jobs.runner import backoff, enqueue_job, read_result
from herzen.jobs.testing import run_queued
from herzen.jobs.tests import jobs_for_tests
from herzen.jobs.tests.jobs_for_tests import counting, flaky

pytestmark = pytest.mark.django_db


def _make_due_now() -> None:
    """Pretend the backoff has passed: every waiting retry becomes due."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


def test_backoff_doubles_and_is_capped():
    assert [backoff(10, n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert backoff(30, 20) == timedelta(hours=1)


def test_a_failing_job_is_retried_with_backoff_then_succeeds():
    jobs_for_tests.CALLS.clear()
    job = enqueue_job(flaky, kind="test_flaky", params={"fail_times": 2})
    before = timezone.now()
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.RETRYING
    assert job.attempts == 1
    assert job.error == "RuntimeError"  # the class only, never the message
    assert timedelta(seconds=9) < job.next_attempt_at - before < timedelta(seconds=12)
    run_queued()  # the retry is not due yet: nothing runs
    assert len(jobs_for_tests.CALLS) == 1
    _make_due_now()
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RETRYING, 2)
    waited = job.next_attempt_at - timezone.now()
    assert timedelta(seconds=18) < waited <= timedelta(seconds=20)  # doubled
    _make_due_now()
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.SUCCEEDED, 3, "")
    assert job.outcome == {"message": "done", "count": 1}
    assert len(jobs_for_tests.CALLS) == 3


def test_a_job_that_keeps_failing_is_failed_after_its_attempts_and_stays_failed():
    job = enqueue_job(flaky, kind="test_flaky", params={"fail_times": 99})
    for _attempt in range(5):
        _make_due_now()
        run_queued()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert job.finished_at is not None
    assert "Ivanov" not in str(Job.objects.filter(pk=job.pk).values().get())


def test_a_finished_job_delivered_again_does_nothing():
    jobs_for_tests.CALLS.clear()
    job = enqueue_job(flaky, kind="test_flaky", params={"fail_times": 0})
    run_queued()
    flaky.enqueue(str(job.pk))  # the same task delivered twice
    run_queued()
    job.refresh_from_db()
    assert job.attempts == 1
    assert [str(job.pk)] == jobs_for_tests.CALLS


def test_the_same_idempotency_key_gives_the_same_job():
    first = enqueue_job(flaky, kind="test_flaky", params={"fail_times": 0}, idempotency_key="k-1")
    second = enqueue_job(flaky, kind="test_flaky", params={"fail_times": 0}, idempotency_key="k-1")
    assert first.pk == second.pk
    assert DBTaskResult.objects.count() == 1


def test_progress_is_recorded_and_the_result_is_sealed():
    job = enqueue_job(counting, kind="test_counting", params={"total": 4})
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total, job.percent) == (
        JobStatus.SUCCEEDED,
        4,
        4,
        100,
    )
    assert b"4 rows" not in bytes(job.result)  # sealed at rest
    assert read_result(job) == b"4 rows"
    assert job.result_name == "count.txt"


def test_percent_while_running():
    job = Job(progress_done=1, progress_total=4, status=JobStatus.RUNNING)
    assert job.percent == 25
