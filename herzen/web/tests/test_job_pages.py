"""A large referral export runs as a job: its page shows progress, the inbox says when it is done, the file
downloads for its starter only; operators see failed jobs; the header shows the unread count."""

import pytest
from django.urls import reverse

from herzen.audit.models import AccessEvent, AuditEvent
from herzen.evidence.referral_files import read_table
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.runner import enqueue_job
from herzen.jobs.testing import run_queued
from herzen.jobs.tests.jobs_for_tests import flaky
from herzen.notifications.models import NoticeKind, Notification
from herzen.pathways.tests.factories import make_application


@pytest.fixture
def three_applications(open_regimes, caseworker_a):
    return [make_application(caseworker_a) for _ in range(3)]


def test_a_list_over_the_threshold_becomes_a_job_with_progress_a_notice_and_a_download(
    login, caseworker_a, supervisor_a, three_applications, settings
):
    settings.HERZEN_EXPORT_JOB_THRESHOLD = 2
    client = login(caseworker_a)
    response = client.post(
        reverse("web:referral-export"), {"export-file_format": "csv", "export-authority": ""}
    )
    job = Job.objects.get(kind="referral_export")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:job-detail", args=[job.pk])
    assert AuditEvent.objects.filter(action="job.start", target_id=str(job.pk)).count() == 1
    assert not AuditEvent.objects.filter(
        action="application.export_list"
    ).exists()  # nothing ran in the request

    page = client.get(response["Location"]).content.decode()
    assert 'id="job-progress"' in page
    assert 'http-equiv="refresh"' in page
    assert "Waiting to start" in page
    assert 'id="job-download"' not in page

    run_queued()
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.SUCCEEDED, 3, 3)
    notice = Notification.objects.get(recipient=caseworker_a.user, kind=NoticeKind.JOB_FINISHED)
    inbox = client.get(reverse("web:inbox")).content.decode()
    assert "Referral list export is ready." in inbox
    assert 'id="unread-count">1<' in inbox

    opened = client.post(reverse("web:notice-open", args=[notice.pk]))
    assert opened["Location"] == reverse("web:job-detail", args=[job.pk])
    page = client.get(opened["Location"]).content.decode()
    assert "3 applications in the file." in page
    assert 'value="100"' in page
    assert 'http-equiv="refresh"' not in page
    assert 'id="unread-count"' not in page

    download = client.get(reverse("web:job-result", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    table = read_table(download.content)
    assert sorted(line[0] for line in table[2:]) == sorted(str(a.pk) for a in three_applications)
    assert AuditEvent.objects.filter(action="application.export_list").count() == 3
    assert AccessEvent.objects.filter(actor_user=caseworker_a.user).exists()

    # Someone else in the organisation cannot take the file.
    other = login(supervisor_a)
    assert other.get(reverse("web:job-result", args=[job.pk])).status_code == 403


def test_a_small_list_still_downloads_at_once(login, caseworker_a, three_applications, settings):
    settings.HERZEN_EXPORT_JOB_THRESHOLD = 10
    response = login(caseworker_a).post(
        reverse("web:referral-export"), {"export-file_format": "csv", "export-authority": ""}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert not Job.objects.exists()


def test_another_organisation_cannot_see_the_job(
    login, caseworker_a, caseworker_b, three_applications, settings
):
    settings.HERZEN_EXPORT_JOB_THRESHOLD = 0
    login(caseworker_a).post(
        reverse("web:referral-export"), {"export-file_format": "csv", "export-authority": ""}
    )
    job = Job.objects.get()
    assert login(caseworker_b).get(reverse("web:job-detail", args=[job.pk])).status_code == 404


def test_failed_jobs_are_listed_for_organisation_admins_and_can_be_retried(
    login, org_a, make_actor, caseworker_a
):
    from herzen.core.actor import Role

    admin = make_actor(org_a, Role.ORGANISATION_ADMIN)
    job = enqueue_job(flaky, kind="test_flaky", params={"fail_times": 99}, organisation_id=org_a.pk)
    Job.objects.filter(pk=job.pk).update(max_attempts=1)
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    page = login(admin).get(reverse("web:jobs-failed")).content.decode()
    assert "Flaky test job" in page
    assert "An unexpected error" in page
    assert "RuntimeError" not in page
    assert login(caseworker_a).get(reverse("web:jobs-failed")).status_code == 403
    login(admin).post(reverse("web:job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 0)
    assert AuditEvent.objects.filter(action="job.retry").count() == 1
