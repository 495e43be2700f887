"""Schedules: each due schedule starts one job and logs the run; a missed run is caught up once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from herzen.jobs.models import Job, JobStatus, WorkerHeartbeat
from herzen.operations import schedules
from herzen.operations.models import Schedule, ScheduleRun

pytestmark = pytest.mark.django_db

ALWAYS = {
    "priority_refresh",
    "retention_run",
    "intake_purge",
    "audit_checkpoint",
    "deadline_reminders",
    "aid_due_tranches",
}


def test_on_first_start_every_schedule_runs_once():
    schedules.sync_schedules()
    runs = schedules.tick()
    assert {run.schedule_id for run in runs} == ALWAYS  # Telegram only with a bot token
    assert Job.objects.filter(kind__in=ALWAYS).count() == len(ALWAYS)
    assert schedules.tick() == []  # nothing is due again right away


def test_a_missed_run_is_caught_up_once_on_start():
    schedules.sync_schedules()
    now = timezone.now()
    Schedule.objects.update(last_run_at=now - timedelta(minutes=10))
    three_days_ago = now - timedelta(days=3)
    Schedule.objects.filter(name="retention_run").update(last_run_at=three_days_ago)
    Schedule.objects.filter(name="audit_checkpoint").update(last_run_at=now - timedelta(minutes=61))

    runs = schedules.tick(now)

    assert sorted((run.schedule_id, run.caught_up) for run in runs) == [
        ("audit_checkpoint", False),  # simply due
        ("retention_run", True),  # three days missed: one run, not three
    ]
    assert ScheduleRun.objects.filter(schedule_id="retention_run").count() == 1
    assert Schedule.objects.get(name="retention_run").last_run_at == now
    assert schedules.tick(now + timedelta(minutes=5)) == []
    # An hour later only the hourly checkpoint is due again.
    later = schedules.tick(now + timedelta(minutes=61))
    assert [run.schedule_id for run in later] == ["audit_checkpoint"]


def test_a_switched_off_schedule_does_not_run():
    schedules.sync_schedules()
    Schedule.objects.exclude(name="intake_purge").update(last_run_at=timezone.now())
    Schedule.objects.filter(name="intake_purge").update(enabled=False, last_run_at=None)
    assert schedules.tick() == []


def test_two_workers_ticking_in_the_same_period_start_one_job():
    schedules.sync_schedules()
    now = timezone.now()
    schedules.tick(now)
    Schedule.objects.update(last_run_at=None)  # as if a second worker had not seen the first one's run
    schedules.tick(now)
    assert Job.objects.filter(kind="retention_run").count() == 1


@pytest.mark.django_db(transaction=True)  # the real worker closes connections that are in a transaction
def test_the_worker_in_batch_mode_runs_the_scheduled_jobs(org_a, supervisor_a):
    call_command("worker", "--batch", verbosity=0)
    jobs = {job.kind: job for job in Job.objects.all()}
    assert set(jobs) == ALWAYS
    assert {job.status for job in jobs.values()} == {JobStatus.SUCCEEDED}, {
        k: j.error for k, j in jobs.items()
    }
    assert ScheduleRun.objects.count() == len(ALWAYS)
    assert not WorkerHeartbeat.objects.exists()  # a batch worker leaves no heartbeat behind


def test_an_operator_switches_a_schedule_off_and_changes_a_period(capsys):
    call_command("schedules", "disable", "retention_run")
    call_command("schedules", "period", "audit_checkpoint", "1800")
    assert not Schedule.objects.get(name="retention_run").enabled
    assert Schedule.objects.get(name="audit_checkpoint").period_seconds == 1800
    call_command("schedules")
    listing = capsys.readouterr().out
    assert "retention_run" in listing
    assert "never" in listing
