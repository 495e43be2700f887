"""Applicants are told "there is news" — by e-mail and, once connected, in Telegram — in their own language,
with nothing about them in the message; they opt in at intake and out on their status page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases.models import Case
from herzen.demo.applications import walk
from herzen.intake import services as intake_services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.testing import run_queued
from herzen.notifications.applicants import telegram_connect_updates
from herzen.notifications.models import ApplicantSubscription
from herzen.notifications.tests.fake_telegram import FakeBotApi
from herzen.operations.reminders import send_deadline_reminders
from herzen.pathways.services import application_start, application_transition
from herzen.people.models import Household

pytestmark = pytest.mark.django_db

# What identifies Anna (complete_answers): her names in both scripts, date of birth in the forms a message
# could print it, document numbers, contacts.
PERSONAL = [
    "Щукин",
    "Анна",
    "SHCHUKINA",
    "ANNA",
    "1990-12-31",
    "31.12.1990",
    "31 декабря 1990",
    "December 31, 1990",
    "75 1234567",
    "1234567",
    "4510 123456",
    "anna@example.org",
    "@anna_sch",
    "+995",
]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_CLAMAV_COMMAND = ""


@pytest.fixture
def receiving(org_a):
    org_a.intake_countries = ["GE"]
    org_a.save()
    return org_a


def submit(receiving, *, language="uk", notify=True):
    answers = complete_answers(receiving.pk)
    answers["about"]["notify_news"] = notify
    issued = make_draft(receiving, language=language, answers=answers)
    draft = intake_services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    # The private link stays the one issued when the application was started (no second link on sending).
    return Case.objects.get(intake_draft=draft), issued


def assert_no_personal_data(text):
    for value in PERSONAL:
        assert value not in text, f"{value!r} in a message"


def decide(case, supervisor, actor_for, today, target="approved_foreign_ministry"):
    application = application_start(actor=supervisor, case_id=case.pk, pathway="de_22_2")
    return walk(application, target=target, actor_for=actor_for("DE"), today=today)


@pytest.fixture
def today():
    return timezone.localdate()


def test_opting_in_at_intake_makes_a_subscription_in_the_applicants_language(receiving):
    case, _ = submit(receiving, language="uk")
    subscription = ApplicantSubscription.objects.get(case=case)
    assert (subscription.language, subscription.by_email, subscription.by_telegram) == ("uk", True, False)
    assert AuditEvent.objects.filter(action="applicant_subscription.create").count() == 1


def test_without_the_tick_nothing_is_subscribed(receiving):
    case, _ = submit(receiving, notify=False)
    assert not ApplicantSubscription.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("uk", "Є новини щодо вашої заявки"),
        ("ru", "Есть новости по вашему заявлению"),
        ("de", "Es gibt Neuigkeiten zu Ihrem Antrag"),
        ("en", "There is news on your application"),
    ],
)
def test_a_decision_mails_the_applicant_in_their_language_without_personal_data(
    receiving, open_regimes, supervisor_a, actor_for, today, language, words
):
    case, _ = submit(receiving, language=language)
    mail.outbox.clear()
    decide(case, supervisor_a, actor_for, today)
    assert mail.outbox == []  # never sent inside the request: a job does it
    run_queued()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert words in message.body
    assert_no_personal_data(message.subject + message.body)
    assert case.reference not in message.body


def test_documents_requested_is_news_too(
    receiving, open_regimes, supervisor_a, actor_for, authorities, today
):
    case, _ = submit(receiving, language="ru")
    application = decide(case, supervisor_a, actor_for, today, target="submitted_foreign_ministry")
    mail.outbox.clear()
    run_queued()
    mail.outbox.clear()
    application_transition(
        actor=authorities("DE")["foreign_ministry"],
        application_id=application.pk,
        move="request_information",
        facts={"note": "Bitte Geburtsurkunde von Anna Shchukina nachreichen"},
    )
    run_queued()
    assert len(mail.outbox) == 1
    assert "Есть новости" in mail.outbox[0].body
    assert "Geburtsurkunde" not in mail.outbox[0].body
    assert_no_personal_data(mail.outbox[0].body)


def test_stay_deadline_reminders_at_14_and_3_days_once_each(receiving, today):
    case, _ = submit(receiving, language="cs")
    Household.objects.filter(pk=case.household_id).update(earliest_stay_deadline=today + timedelta(days=14))
    mail.outbox.clear()
    send_deadline_reminders(today=today)
    send_deadline_reminders(today=today + timedelta(days=1))  # 13 days: the 14-day notice was already sent
    run_queued()
    assert len(mail.outbox) == 1
    send_deadline_reminders(today=today + timedelta(days=11))  # 3 days left
    send_deadline_reminders(today=today + timedelta(days=12))
    run_queued()
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_no_personal_data(message.body)


def test_opting_out_on_the_status_page_stops_every_message(
    receiving, open_regimes, supervisor_a, actor_for, today
):
    case, result = submit(receiving, language="ru")
    client = Client()
    client.get(reverse("intake:link", args=[result.token]))
    page = client.get(reverse("intake:status")).content.decode()
    assert 'id="notices-stop"' in page
    client.post(reverse("intake:notices-stop"))
    assert not ApplicantSubscription.objects.get(case=case).active
    assert AuditEvent.objects.filter(action="applicant_subscription.opt_out").count() == 1
    assert 'id="notices-start"' in client.get(reverse("intake:status")).content.decode()

    mail.outbox.clear()
    decide(case, supervisor_a, actor_for, today)
    run_queued()
    assert mail.outbox == []


def test_a_queued_notice_is_not_sent_after_opting_out(
    receiving, open_regimes, supervisor_a, actor_for, today
):
    case, result = submit(receiving, language="ru")
    decide(case, supervisor_a, actor_for, today)  # queued, not yet delivered
    client = Client()
    client.get(reverse("intake:link", args=[result.token]))
    client.post(reverse("intake:notices-stop"))
    mail.outbox.clear()
    run_queued()
    assert mail.outbox == []


def test_telegram_connects_through_the_bot_and_gets_exactly_the_expected_messages(
    receiving, open_regimes, supervisor_a, actor_for, today, settings
):
    with FakeBotApi() as bot:
        settings.HERZEN_TELEGRAM_BOT_TOKEN = "123:TEST"
        settings.HERZEN_TELEGRAM_BOT_NAME = "herzen_test_bot"
        settings.HERZEN_TELEGRAM_API_URL = bot.url
        case, result = submit(receiving, language="uk")
        subscription = ApplicantSubscription.objects.get(case=case)

        client = Client()
        client.get(reverse("intake:link", args=[result.token]))
        page = client.post(reverse("intake:notices-telegram")).content.decode()
        token = re.search(r"https://t\.me/herzen_test_bot\?start=([\w-]+)", page).group(1)
        assert AuditEvent.objects.filter(action="applicant_subscription.telegram_link").count() == 1
        bot.updates = [
            {"update_id": 10, "message": {"chat": {"id": 555}, "text": "/start wrong-token"}},
            {"update_id": 11, "message": {"chat": {"id": 777}, "text": f"/start {token}"}},
        ]
        assert telegram_connect_updates(actor=applicant_actor()) == 1
        # the offset moved on; the token is spent
        assert telegram_connect_updates(actor=applicant_actor()) == 0
        connected = AuditEvent.objects.get(action="applicant_subscription.telegram_connect")
        assert connected.target_id == str(subscription.pk)
        assert connected.changed_fields == ["by_telegram", "telegram_chat_id", "telegram_link_hash"]
        subscription.refresh_from_db()
        assert subscription.telegram_chat_id == "777"
        assert subscription.by_telegram

        decide(case, supervisor_a, actor_for, today)
        bot.fail_next = 1  # the Bot API fails once: the delivery is retried
        run_queued()
        failing = Job.objects.get(kind="notice_applicant", params__channel="telegram")
        assert failing.status == JobStatus.RETRYING
        assert failing.error == "TelegramError"
        Job.objects.filter(pk=failing.pk).update(next_attempt_at=None)
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
        run_queued()

        sent = bot.sent()
        assert [chat for chat, _text in sent] == ["777", "777"]
        assert sent[0][1].startswith("Підключено")
        assert "Є новини щодо вашої заявки" in sent[1][1]
        for _chat, text in sent:
            assert_no_personal_data(text)
        assert all(body["_token"] == "bot123:TEST" for _m, body in bot.calls)
        assert [m for m, _b in bot.calls] == [
            "getUpdates",
            "sendMessage",
            "getUpdates",
            "sendMessage",
            "sendMessage",
        ]
        assert Job.objects.get(pk=failing.pk).status == JobStatus.SUCCEEDED
