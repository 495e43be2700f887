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
    assert detailed["checks"] == {"database": True, "worker": True, "backlog": True}
    assert detailed["details"]["jobs_waiting"] == 0
    assert "checks" not in get(HTTP_AUTHORIZATION="Bearer wrong").json()
    # An organisation's staff, even its Django-staff admins, are not the platform operator.
    supervisor_a.user.is_staff = True
    supervisor_a.user.save()
    assert "checks" not in get(login_with_mfa(Client(), supervisor_a.user)).json()
    supervisor_a.user.is_superuser = True
    supervisor_a.user.save()
    assert "checks" in get(login_with_mfa(Client(), supervisor_a.user)).json()
