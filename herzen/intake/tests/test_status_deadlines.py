"""The applicant's status page tells them their legal-stay and registration dates, as the case has them."""

from datetime import timedelta

from django.utils import timezone, translation

from herzen.intake import selectors, services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import complete_answers, make_draft


def submitted_in(organisation, country: str, entered_days_ago: int):
    organisation.intake_countries = [country]
    organisation.save()
    answers = complete_answers(organisation.pk, country=country)
    answers["location"]["city"] = "Ташкент"
    answers["location"]["entry_date"] = (timezone.localdate() - timedelta(days=entered_days_ago)).isoformat()
    issued = make_draft(organisation, answers=answers)
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    issued.draft.refresh_from_db()
    return issued.draft


def test_the_status_says_by_when_the_stay_must_be_registered(org_a):
    # given an applicant who arrived in Uzbekistan 5 days ago (registration by day 15, no time limit on the stay)
    draft = submitted_in(org_a, "UZ", entered_days_ago=5)
    due = (timezone.localdate() - timedelta(days=5) + timedelta(days=14)).strftime("%d.%m.%Y")

    # when
    with translation.override("en"):
        status = selectors.applicant_status(draft)

    # then
    assert status is not None
    assert len(status.deadlines) == 1
    assert f"must be registered by {due}" in status.deadlines[0]


def test_the_status_page_shows_the_dates_in_russian(org_a):
    # given an applicant who arrived in Kazakhstan 3 weeks ago: the stay limit runs; the host's notice is overdue
    draft = submitted_in(org_a, "KZ", entered_days_ago=21)
    last_day = (timezone.localdate() - timedelta(days=21) + timedelta(days=89)).strftime("%d.%m.%Y")

    # when
    with translation.override("ru"):
        status = selectors.applicant_status(draft)

    # then
    assert status is not None
    assert any(last_day in sentence and "последний" in sentence for sentence in status.deadlines)
    assert any("регистрац" in sentence.lower() for sentence in status.deadlines)
