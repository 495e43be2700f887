"""Drafts: private links stored as hashes, re-sent by e-mail and revoked; expiry and the purge job."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.intake import selectors, services, uploads
from herzen.intake.identity import INTAKE_USERNAME, applicant_actor
from herzen.intake.links import hash_token
from herzen.intake.models import IntakeDraft, IntakeLink, IntakeUpload
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.intake.tests.images import minimal_pdf

BASE = "http://127.0.0.1:8000"


def test_only_the_hash_of_a_link_is_stored(db):
    issued = make_draft()
    link = IntakeLink.objects.get(draft=issued.draft)
    assert link.token_hash == hash_token(issued.token) != issued.token
    assert len(issued.token) >= 40  # 256 random bits
    assert selectors.draft_for_token(issued.token) == issued.draft
    assert selectors.draft_for_token(issued.token[:-1] + "x") is None


def test_draft_writes_are_audited_as_the_intake_without_an_organisation(db):
    issued = make_draft(answers={"needs": {"pathway": "yes"}})
    events = AuditEvent.objects.filter(target_id=str(issued.draft.pk))
    assert set(events.values_list("action", flat=True)) == {"intake_draft.start", "intake_draft.save"}
    assert {e.actor_user.username for e in events} == {INTAKE_USERNAME}
    assert {e.organisation_id for e in events} == {None}
    assert events.get(action="intake_draft.save").changed_fields == ["needs"]


def test_revoking_kills_every_old_link_and_issues_one_new(db):
    first = make_draft()
    resent = services.link_resend(actor=applicant_actor(), draft_id=first.draft.pk, base_url=BASE)
    assert resent.delivery == "no_gateway"  # no e-mail given yet: the request is recorded all the same
    new = services.links_revoke(actor=applicant_actor(), draft_id=first.draft.pk)
    assert selectors.draft_for_token(first.token) is None
    assert selectors.draft_for_token(new.token) == first.draft
    assert IntakeLink.objects.filter(draft=first.draft, revoked_at__isnull=True).count() == 1
    assert AuditEvent.objects.filter(action="intake_link.revoke_all", target_id=str(first.draft.pk)).exists()


def test_a_revoked_link_no_longer_opens_the_page(client, db):
    issued = make_draft()
    services.links_revoke(actor=applicant_actor(), draft_id=issued.draft.pk)
    assert client.get(f"/apply/link/{issued.token}/").status_code == 404
    assert client.get("/apply/continue/")["Location"] == "/apply/"


def test_send_me_my_link_again_emails_a_new_link_in_the_applicants_language(db, receiving):
    issued = make_draft(receiving, language="de")
    link = services.link_resend(actor=applicant_actor(), draft_id=issued.draft.pk, base_url=BASE)
    assert link.delivery == "email"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "privater Link" in message.subject
    token = message.body.split(f"{BASE}/apply/link/")[1].split("/")[0]
    assert selectors.draft_for_token(token) == issued.draft
    assert "anna@example.org" not in str(AuditEvent.objects.filter(target_id=str(link.pk)).values())


def test_a_lost_link_is_sent_by_e_mail_without_saying_whether_anyone_applied(client, receiving):
    make_draft(receiving)
    known = client.post("/apply/lost-link/", {"email": "ANNA@example.org "})
    unknown = client.post("/apply/lost-link/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert known.status_code == unknown.status_code == 200
    strip = lambda page: page.content.decode().replace("csrfmiddlewaretoken", "")  # noqa: E731
    assert "If an application uses this address" in strip(known)
    assert "If an application uses this address" in strip(unknown)
    assert not IntakeDraft.objects.filter(email_lookup__contains="@").exists()  # only a keyed hash is stored


def test_a_draft_without_activity_expires_and_the_purge_deletes_it_with_its_files(
    db, settings, django_capture_on_commit_callbacks
):
    settings.HERZEN_INTAKE_DRAFT_EXPIRY_DAYS = 30
    old, fresh = make_draft(), make_draft()
    upload = services.upload_add(
        actor=applicant_actor(),
        draft_id=old.draft.pk,
        data=minimal_pdf(),
        original_name="a.pdf",
        kind="other",
    )
    IntakeDraft.objects.filter(pk=old.draft.pk).update(last_activity_at=timezone.now() - timedelta(days=31))
    IntakeDraft.objects.filter(pk=fresh.draft.pk).update(last_activity_at=timezone.now() - timedelta(days=29))

    assert selectors.draft_for_token(old.token) is None  # dead at once, before the job runs
    assert selectors.draft_for_token(fresh.token) == fresh.draft
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purgeintakedrafts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(IntakeDraft.objects.values_list("pk", flat=True)) == [fresh.draft.pk]
    assert not IntakeUpload.objects.exists()
    assert not uploads.stored_path(upload.stored_name).exists()
    assert AuditEvent.objects.filter(action="intake_draft.purge", target_id=str(old.draft.pk)).exists()


def test_a_submitted_application_never_expires(db, receiving, settings):
    issued = make_draft(receiving)
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    IntakeDraft.objects.filter(pk=issued.draft.pk).update(
        last_activity_at=timezone.now() - timedelta(days=400)
    )
    assert services.drafts_purge_expired(actor=applicant_actor()) == 0
    assert selectors.draft_for_token(issued.token) is not None


def test_saving_a_step_after_expiry_is_refused(db):
    from herzen.core.exceptions import NotFound

    issued = make_draft()
    IntakeDraft.objects.filter(pk=issued.draft.pk).update(
        last_activity_at=timezone.now() - timedelta(days=365)
    )
    with pytest.raises(NotFound):
        services.draft_save_step(
            actor=applicant_actor(),
            draft_id=issued.draft.pk,
            step="needs",
            answers=complete_answers(1)["needs"],
        )


def test_send_me_my_link_is_limited_per_hour_and_the_refusal_is_recorded(db, receiving, settings):
    settings.HERZEN_INTAKE_RESENDS_PER_HOUR = 2
    issued = make_draft(receiving)
    results = [
        services.link_resend(actor=applicant_actor(), draft_id=issued.draft.pk, base_url=BASE)
        for _ in range(3)
    ]
    assert [r is not None for r in results] == [True, True, False]
    assert len(mail.outbox) == 2
    services.link_resend_by_email(actor=applicant_actor(), email="anna@example.org", base_url=BASE)
    assert len(mail.outbox) == 2  # the lost-link page obeys the same limit
    assert AuditEvent.objects.filter(
        action="intake_link.resend_refused", target_id=str(issued.draft.pk)
    ).exists()
