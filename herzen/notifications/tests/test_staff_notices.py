"""Staff notices: case assigned, authority decided, deadline approaching, possible duplicate; the unread count
in the header; e-mail for those who asked, queued as a job and saying nothing but "there is a notice"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.cases.services import case_assign
from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.jobs.testing import run_queued
from herzen.notifications.models import NoticeKind, Notification, StaffNoticeSettings
from herzen.notifications.selectors import unread_count
from herzen.notifications.services import notice_settings_set
from herzen.notifications.staff import notify
from herzen.operations.reminders import send_deadline_reminders
from herzen.pathways.models import ApplicationDeadline
from herzen.pathways.tests.factories import make_application
from herzen.people.models import Household

pytestmark = pytest.mark.django_db


def test_assigning_a_case_tells_the_caseworker_not_the_supervisor(supervisor_a, caseworker_a):
    case = make_case(supervisor_a)
    case_assign(actor=supervisor_a, case_id=case.pk, caseworker_id=caseworker_a.user.pk)
    notice = Notification.objects.get(kind=NoticeKind.CASE_ASSIGNED)
    assert notice.recipient == caseworker_a.user
    assert notice.params == {"reference": case.reference}
    assert notice.link == reverse("web:case-detail", args=[case.pk])
    assert unread_count(actor=caseworker_a) == 1
    assert unread_count(actor=supervisor_a) == 0


def test_taking_a_case_oneself_is_no_news(caseworker_a):
    make_case(caseworker_a)
    assert not Notification.objects.exists()


def assigned_application(supervisor, caseworker):
    case = make_case(supervisor, assigned_caseworker_id=caseworker.user.pk)
    return make_application(caseworker, case=case)


def test_a_decision_tells_the_assigned_caseworker(open_regimes, supervisor_a, caseworker_a, actor_for):
    application = assigned_application(supervisor_a, caseworker_a)
    walk(
        application, target="approved_foreign_ministry", actor_for=actor_for("DE"), today=timezone.localdate()
    )
    (notice,) = Notification.objects.filter(kind=NoticeKind.DECISION_RECORDED)
    assert notice.recipient == caseworker_a.user
    assert notice.organisation_id == caseworker_a.organisation_id  # the NGO's inbox, not the authority's


def test_a_decision_on_an_unassigned_case_tells_the_supervisors(
    open_regimes, supervisor_a, caseworker_a, actor_for
):
    application = make_application(caseworker_a)
    walk(
        application, target="approved_foreign_ministry", actor_for=actor_for("DE"), today=timezone.localdate()
    )
    (notice,) = Notification.objects.filter(kind=NoticeKind.DECISION_RECORDED)
    assert notice.recipient == supervisor_a.user


def test_deadlines_approaching_are_told_once(open_regimes, supervisor_a, caseworker_a, actor_for):
    today = timezone.localdate()
    application = assigned_application(supervisor_a, caseworker_a)
    walk(application, target="submitted_foreign_ministry", actor_for=actor_for("DE"), today=today)
    Household.objects.filter(pk=application.case.household_id).update(
        earliest_stay_deadline=today + timedelta(days=10)
    )
    deadline_count = ApplicationDeadline.objects.filter(
        closed_at__isnull=True, due_on__lte=today + timedelta(days=7)
    ).count()
    send_deadline_reminders(today=today)
    send_deadline_reminders(today=today)  # a repeated run (a catch-up, a retry)
    notices = Notification.objects.filter(kind=NoticeKind.DEADLINE_APPROACHING, recipient=caseworker_a.user)
    assert notices.count() == 1 + deadline_count
    stay = next(n for n in notices if n.dedupe_key.startswith("stay:"))
    assert stay.params["due_on"] == (today + timedelta(days=10)).isoformat()


def test_possible_duplicate_is_a_notice_other_code_can_send(caseworker_a):
    notice = notify(
        recipient_id=caseworker_a.user.pk,
        organisation_id=caseworker_a.organisation_id,
        kind=NoticeKind.POSSIBLE_DUPLICATE,
        params={"reference": "H-TEST"},
        dedupe_key="dup:1",
    )
    assert notice is not None
    assert (
        notify(
            recipient_id=caseworker_a.user.pk,
            organisation_id=caseworker_a.organisation_id,
            kind=NoticeKind.POSSIBLE_DUPLICATE,
            dedupe_key="dup:1",
        )
        is None
    )


def test_the_header_counts_unread_notices_and_opening_one_reads_it(supervisor_a, caseworker_a):
    for _ in range(2):
        case_assign(
            actor=supervisor_a, case_id=make_case(supervisor_a).pk, caseworker_id=caseworker_a.user.pk
        )
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="ru"), caseworker_a.user)
    page = client.get(reverse("web:case-list")).content.decode()
    assert 'id="unread-count">2<' in page
    inbox = client.get(reverse("web:inbox")).content.decode()
    assert "Вам передано дело" in inbox
    first = Notification.objects.filter(recipient=caseworker_a.user).first()
    client.post(reverse("web:notice-open", args=[first.pk]))
    assert 'id="unread-count">1<' in client.get(reverse("web:case-list")).content.decode()
    client.post(reverse("web:inbox-read-all"))
    assert 'id="unread-count"' not in client.get(reverse("web:case-list")).content.decode()
    # Someone else's notice cannot be opened.
    other = login_with_mfa(Client(), supervisor_a.user)
    assert other.post(reverse("web:notice-open", args=[first.pk])).status_code == 404


def test_a_staff_member_who_asked_is_also_emailed_through_a_job(supervisor_a, caseworker_a):
    caseworker_a.user.email = "worker@example.org"
    caseworker_a.user.save()
    notice_settings_set(actor=caseworker_a, by_email=True)
    case = make_case(supervisor_a)
    mail.outbox.clear()
    case_assign(actor=supervisor_a, case_id=case.pk, caseworker_id=caseworker_a.user.pk)
    assert mail.outbox == []
    run_queued()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["worker@example.org"]
    assert case.reference not in mail.outbox[0].body
    assert "/notifications/" in mail.outbox[0].body


def test_the_email_is_in_the_language_the_staff_member_chose_on_the_inbox_page(supervisor_a, caseworker_a):
    caseworker_a.user.email = "worker@example.org"
    caseworker_a.user.save()
    client = login_with_mfa(Client(), caseworker_a.user)
    forged = client.post(reverse("web:inbox-settings"), {"by_email": "on", "language": "xx"})
    assert forged.status_code == 400  # a language not offered: refused, nothing saved
    assert not StaffNoticeSettings.objects.filter(user_id=caseworker_a.user.pk).exists()
    client.post(reverse("web:inbox-settings"), {"by_email": "on", "language": "de"})
    chosen = StaffNoticeSettings.objects.get(user_id=caseworker_a.user.pk)
    assert (chosen.by_email, chosen.language) == (True, "de")
    saved = AuditEvent.objects.filter(action="notification.settings").latest("occurred_at")
    assert saved.changed_fields == ["by_email", "language"]
    mail.outbox.clear()
    case_assign(actor=supervisor_a, case_id=make_case(supervisor_a).pk, caseworker_id=caseworker_a.user.pk)
    run_queued()
    assert mail.outbox[0].subject == "Neuer Hinweis in Herzen"
    assert "Melden Sie sich an" in mail.outbox[0].body
