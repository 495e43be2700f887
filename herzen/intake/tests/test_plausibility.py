"""Intake writes through the people services, so it refuses the dates they refuse: an entry before the date
of birth, a "child" born before the parent. The check page names each problem and links to the step where it
is corrected; nothing is created and every answer is kept."""

import pytest
from django.test import Client

from herzen.cases.models import Case
from herzen.intake.models import IntakeDraft
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.people.models import Person


def _submit(receiving, change):
    answers = complete_answers(receiving.pk)
    change(answers)
    issued = make_draft(receiving, language="en", answers=answers)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(f"/apply/link/{issued.token}/")
    return issued, client.post("/apply/check/")


@pytest.mark.parametrize(
    ("change", "message", "step"),
    [
        (
            lambda a: a["household"]["members"][1].update(date_of_birth="1952-01-01"),
            "A child is born at least 12 years after the principal applicant (born 31 December 1990).",
            "household",
        ),
        (
            lambda a: a["location"].update(entry_date="1985-06-01"),
            "The entry date is before the date of birth (31 December 1990).",
            "location",
        ),
    ],
    ids=["child-older-than-the-mother", "entry-before-birth"],
)
def test_an_impossible_date_is_refused_at_submission_naming_it_and_losing_nothing(
    receiving, change, message, step
):
    issued, response = _submit(receiving, change)

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'href="/apply/{step}/?return=check"' in page
    assert not Case.objects.exists()
    assert not Person.objects.exists()
    draft = IntakeDraft.objects.get(pk=issued.draft.pk)
    assert draft.submitted_at is None
    expected = complete_answers(receiving.pk)
    change(expected)
    assert draft.answers["household"] == expected["household"]
    assert draft.answers["location"] == expected["location"]
