"""A submission that may describe someone the receiving organisation already knows is flagged on the case
for a caseworker to compare: same name keys and the same date of birth or document number. Nothing merges."""

from django.test import Client

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.cases.duplicates import DuplicateReason, PossibleDuplicate
from herzen.cases.models import Case
from herzen.cases.selectors import case_possible_duplicates
from herzen.core.actor import Role
from herzen.intake import services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.people.models import Person


def _submit(organisation, **about):
    answers = complete_answers(organisation.pk)
    answers["about"].update(about)
    issued = make_draft(organisation, answers=answers)
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    return Case.objects.get(intake_draft=issued.draft)


def _principal(case):
    return case.household.members.get(role="principal").person


def test_the_same_applicant_twice_is_flagged_on_the_second_case_and_nothing_merges(receiving, make_actor):
    first = _submit(receiving)
    second = _submit(receiving)
    assert Person.objects.count() == 6  # two households of three: nothing merged
    flags = PossibleDuplicate.objects.filter(case=second)
    pairs = {(f.person.given_name, f.existing_id, f.reason) for f in flags.select_related("person")}
    anna_1, anna_2 = _principal(first), _principal(second)
    assert ("Анна", anna_1.pk, DuplicateReason.BOTH) in pairs  # same name, date of birth and passport
    assert {f.person_id for f in flags} <= {m.person_id for m in second.household.members.all()}
    assert not PossibleDuplicate.objects.filter(case=first).exists()
    assert flags.get(person=anna_2, existing=anna_1)

    caseworker = make_actor(receiving, Role.CASEWORKER)
    assert anna_1 in [f.existing for f in case_possible_duplicates(actor=caseworker, case=second)]
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="ru"), caseworker.user)
    page = client.get(f"/cases/{second.pk}/").content.decode()
    assert "Возможные дубликаты" in page
    assert f"/persons/{anna_1.pk}/" in page
    assert "То же имя, дата рождения и номер документа" in page
    assert "Отмечены возможные дубликаты" in page  # the case's history, labelled, not "case.flag_duplicates"
    flag = flags.get(person=anna_2, existing=anna_1)
    response = client.post(f"/cases/{second.pk}/duplicates/{flag.pk}/dismiss/")
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.dismissed_by == caseworker.user
    assert anna_1 not in [f.existing for f in case_possible_duplicates(actor=caseworker, case=second)]


def test_same_name_but_another_birth_date_and_passport_is_not_flagged(receiving):
    _submit(receiving)
    answers = complete_answers(receiving.pk)
    answers["about"]["date_of_birth"] = "1985-01-01"
    answers["documents"]["items"] = []
    answers["household"]["members"] = []
    issued = make_draft(receiving, answers=answers)
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    second = Case.objects.get(intake_draft=issued.draft)
    assert not PossibleDuplicate.objects.filter(case=second).exists()


def test_a_matching_document_number_flags_even_with_another_birth_date(receiving):
    first = _submit(receiving)
    answers = complete_answers(receiving.pk)
    answers["about"]["date_of_birth"] = "1991-01-30"  # typed differently, same passport
    answers["household"]["members"] = []
    issued = make_draft(receiving, answers=answers)
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    second = Case.objects.get(intake_draft=issued.draft)
    flag = PossibleDuplicate.objects.get(case=second)
    assert flag.existing == _principal(first)
    assert flag.reason == DuplicateReason.DOCUMENT_NUMBER


def test_another_organisations_records_are_never_compared(receiving, org_b):
    org_b.intake_countries = ["GE"]
    org_b.save()
    _submit(receiving)
    other = _submit(org_b)
    assert not PossibleDuplicate.objects.filter(case=other).exists()


def test_the_supervisors_are_told_of_a_possible_duplicate_and_nobody_is_told_twice(receiving, make_actor):
    from herzen.notifications.models import NoticeKind, Notification

    supervisor = make_actor(receiving, Role.SUPERVISOR)
    caseworker = make_actor(receiving, Role.CASEWORKER)
    _submit(receiving)
    assert not Notification.objects.filter(
        kind=NoticeKind.POSSIBLE_DUPLICATE
    ).exists()  # nothing to compare yet

    second = _submit(receiving)  # an unassigned case: its supervisors assign it, so they hear of it
    notices = Notification.objects.filter(kind=NoticeKind.POSSIBLE_DUPLICATE)
    assert [(n.recipient_id, n.params["reference"]) for n in notices] == [
        (supervisor.user.pk, second.reference)
    ]
    assert not notices.filter(recipient_id=caseworker.user.pk).exists()
    assert notices.get().link == f"/cases/{second.pk}/"
