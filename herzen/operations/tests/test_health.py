"""The health endpoint: up only with a database, a fresh worker heartbeat and a short backlog; anonymous
callers learn up or down and nothing else."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.jobs.runner import enqueue_job
from herzen.jobs.tests.jobs_for_tests import flaky
from herzen.operations import heartbeat

pytestmark = pytest.mark.django_db


def get(client=None, **headers):
    return (client or Client()).get(reverse("health"), **headers)


def test_without_a_worker_it_is_down_and_says_only_that():
    response = get()
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_with_a_fresh_heartbeat_it_is_up():
    heartbeat.beat("w-1")
    response = get()
    assert response.status_code == 200
    assert response.json() == {"status": "up"}


def test_a_stale_heartbeat_is_down(settings):
    heartbeat.beat("w-1")
    from herzen.jobs.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - timedelta(minutes=10))
    assert get().status_code == 503


def test_a_long_backlog_is_down(settings):
    heartbeat.beat("w-1")
    settings.HERZEN_JOB_BACKLOG_LIMIT = 1
    enqueue_job(flaky, kind="test_flaky", params={"fail_times": 0})
    assert get().status_code == 200
    enqueue_job(flaky, kind="test_flaky", params={"fail_times": 0})
    assert get().status_code == 503


def test_operators_and_the_monitor_token_get_the_details(settings, supervisor_a):
    heartbeat.beat("w-1")
    settings.HERZEN_HEALTH_TOKEN = "monitor-secret"
    detailed = get(HTTP_AUTHORIZATION="Bearer monitor-secret").json()
    assert detailed["checks"] == {"database": True, "worker": True, "backlog": True, "audit_sequencer": True}
    assert detailed["details"]["jobs_waiting"] == 0
    assert "checks" not in get(HTTP_AUTHORIZATION="Bearer wrong").json()
    # An organisation's staff, even its Django-staff admins, are not the platform operator.
    supervisor_a.user.is_staff = True
    supervisor_a.user.save()
    assert "checks" not in get(login_with_mfa(Client(), supervisor_a.user)).json()
    supervisor_a.user.is_superuser = True
    supervisor_a.user.save()
    assert "checks" in get(login_with_mfa(Client(), supervisor_a.user)).json()


def test_audit_events_waiting_longer_than_the_merge_delay_are_down(settings, caseworker_a):
    """The sequencer's promise is monitored: an event not sequenced within the merge delay fails the check."""
    from herzen import audit
    from herzen.audit.tests.conftest import sequence_all

    heartbeat.beat("w-1")
    settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS = 5
    settings.HERZEN_HEALTH_TOKEN = "monitor-secret"
    audit.record_access(actor=caseworker_a, target=caseworker_a.organisation, categories=["case"])
    assert get().status_code == 200  # just written: within the delay
    settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS = -1  # as if the delay had passed with no sequencer running
    detailed = get(HTTP_AUTHORIZATION="Bearer monitor-secret").json()
    assert detailed["checks"]["audit_sequencer"] is False
    assert detailed["details"]["audit_access_backlog"] == 1
    sequence_all()
    settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS = 600  # sequenced; signed or not, well within the delay
    assert get().status_code == 200
