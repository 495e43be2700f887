"""Submitting: the draft becomes the receiving organisation's person, household and case, through the
ordinary services, audited as the intake in that organisation, and visible to nobody else."""

import pytest
from django.db import connection  # noqa: F401 (the skipif of the concurrent test)
from django.test import Client

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.cases.models import Case, CaseStatus
from herzen.cases.selectors import case_list
from herzen.core.actor import Role
from herzen.core.exceptions import Conflict, Invalid
from herzen.evidence.models import EvidenceItem
from herzen.evidence.selectors import evidence_list
from herzen.intake import selectors, services
from herzen.intake.identity import INTAKE_USERNAME, applicant_actor
from herzen.intake.models import IntakeUpload
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.intake.tests.images import jpeg_with_gps
from herzen.people.models import Person, RiskFactor


@pytest.fixture
def submitted(receiving):
    issued = make_draft(receiving)
    services.upload_add(
        actor=applicant_actor(),
        draft_id=issued.draft.pk,
        data=jpeg_with_gps(),
        original_name="p.jpg",
        kind="passport",
    )
    submitted = services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    assert submitted == issued.draft
    issued.draft.refresh_from_db()
    return issued


def test_the_draft_becomes_a_case_of_the_receiving_organisation(submitted, receiving):
    case = Case.objects.get(intake_draft=submitted.draft)
    assert case.organisation == receiving
    assert case.status == CaseStatus.OPEN
    assert case.assigned_caseworker is None
    members = {m.person.given_name: m.role for m in case.household.members.select_related("person")}
    assert members == {"Анна": "principal", "Павел": "spouse_partner", "Вера": "child"}
    # Names are encrypted at rest: find Anna among the household's decrypted members, not by a SQL filter.
    (anna,) = [
        m.person for m in case.household.members.select_related("person") if m.person.given_name == "Анна"
    ]
    assert anna.organisation == receiving
    assert {(c.kind, c.is_preferred) for c in anna.contact_points.all()} == {
        ("telegram", True),
        ("email", False),
        ("phone", False),
    }
    assert [(v.surname, v.given_name) for v in anna.name_variants.all()] == [("SHCHUKINA", "ANNA")]
    assert {d.status for d in anna.documents.all()} == {"valid", "seized"}
    stay = anna.stays.get()
    assert stay.country.code == "GE"
    assert stay.legal_deadline is not None
    assert stay.document.document_type == "international_passport"
    assert set(RiskFactor.objects.filter(person=anna).values_list("kind", flat=True)) == {
        "criminal_case",
        "foreign_agent",
    }
    assert RiskFactor.objects.get(person=anna, kind="criminal_case").criminal_article == "207.3"
    note = case.notes.get().body  # in the staff's language (English in the test settings)
    assert "Declarations" not in note  # recorded as data with the person, not as free text
    assert "Protection pathway interest: Yes." in note
    assert "Needs help with: housing, financial help." in note
    assert not IntakeUpload.objects.exists()  # the file became evidence of the case
    assert case.evidence_items.get().person == anna
    assert submitted.draft.answers == {}  # the person record holds them now


def test_every_record_is_audited_as_the_intake_in_the_receiving_organisation(submitted, receiving):
    case = Case.objects.get(intake_draft=submitted.draft)
    events = AuditEvent.objects.filter(organisation=receiving)
    actions = set(events.values_list("action", flat=True))
    assert {
        "person.create",
        "contact_point.add",
        "household.create",
        "household.member_add",
        "case.open",
        "document.add",
        "name_variant.add",
        "stay.record",
        "risk_factor.record",
        "case.note_add",
        "intake_upload.attach",
        "intake_draft.submit",
    } <= actions
    assert {e.actor_user.username for e in events} == {INTAKE_USERNAME}
    assert events.filter(action="case.open", target_id=str(case.pk)).exists()
    # Audit rows carry field names only: no name, address, number or story of the applicant.
    dump = str(list(AuditEvent.objects.values()))
    for personal in ("Щукина", "anna@example.org", "1234567", "207.3", "Обыск", "SHCHUKINA"):
        assert personal not in dump


def test_only_the_receiving_organisation_sees_the_case_and_its_evidence(
    submitted, receiving, org_b, make_actor
):
    mine = make_actor(receiving, Role.CASEWORKER)
    theirs = make_actor(org_b, Role.CASEWORKER)
    case = Case.objects.get(intake_draft=submitted.draft)
    assert list(case_list(actor=mine)) == [case]
    assert list(case_list(actor=theirs)) == []
    assert list(evidence_list(actor=mine, case=case)) == list(case.evidence_items.all())
    assert list(evidence_list(actor=theirs, case=case)) == []


def test_the_evidence_downloads_only_for_the_receiving_organisations_staff(
    submitted, receiving, org_b, make_actor
):
    item = EvidenceItem.objects.get()
    url = f"/evidence/{item.pk}/file/"
    anonymous = Client()
    assert anonymous.get(url).status_code == 302  # to the login page

    def logged_in(organisation):
        actor = make_actor(organisation, Role.CASEWORKER)
        client = Client()
        login_with_mfa(client, actor.user)
        return client

    response = logged_in(receiving).get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"\xff\xd8\xff")  # the cleaned JPEG, decrypted for this response
    assert logged_in(org_b).get(url).status_code == 404


def test_an_incomplete_draft_cannot_be_submitted(receiving):
    answers = complete_answers(receiving.pk)
    del answers["declarations"]
    issued = make_draft(receiving, answers=answers)
    with pytest.raises(Invalid) as error:
        services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    assert "declarations" in error.value.fields
    assert not Case.objects.exists()


def test_an_organisation_that_does_not_take_intake_there_cannot_receive_it(receiving, org_b):
    issued = make_draft(answers=complete_answers(org_b.pk))  # Astana takes no online applications
    with pytest.raises(Invalid):
        services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    assert not Case.objects.exists()


def test_a_failure_in_any_step_keeps_nothing(receiving):
    answers = complete_answers(receiving.pk)
    answers["household"]["members"][0]["surname"] = "Latin"  # the people service refuses a non-Cyrillic name
    issued = make_draft(receiving, answers=answers)
    with pytest.raises(Invalid):
        services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    assert not Person.objects.exists()
    assert not Case.objects.exists()
    issued.draft.refresh_from_db()
    assert issued.draft.submitted_at is None
    assert issued.draft.answers


def test_a_sent_application_cannot_be_changed_or_sent_twice(submitted):
    with pytest.raises(Conflict):
        services.draft_submit(actor=applicant_actor(), draft_id=submitted.draft.pk)
    with pytest.raises(Conflict):
        services.draft_save_step(
            actor=applicant_actor(), draft_id=submitted.draft.pk, step="needs", answers={}
        )


@pytest.mark.parametrize(
    ("status", "assigned", "headline"),
    [
        ("open", False, "Received: waiting for a caseworker"),
        ("open", True, "A caseworker is working on your application"),
        ("on_hold", True, "Paused: something is needed"),
        ("closed", True, "Closed"),
    ],
)
def test_the_status_page_says_where_the_case_stands_in_plain_words(
    submitted, receiving, make_actor, status, assigned, headline
):
    from herzen.cases import services as case_services

    supervisor = make_actor(receiving, Role.SUPERVISOR)
    case = Case.objects.get(intake_draft=submitted.draft)
    if assigned:
        case_services.case_assign(actor=supervisor, case_id=case.pk, caseworker_id=supervisor.user.pk)
    if status != "open":
        case_services.case_change_status(actor=supervisor, case_id=case.pk, status=status)
    submitted.draft.refresh_from_db()
    shown = selectors.applicant_status(submitted.draft)
    assert shown.headline == headline
    assert shown.reference == case.reference


def test_the_case_page_lists_the_evidence_for_the_receiving_organisation(submitted, receiving, make_actor):
    actor = make_actor(receiving, Role.CASEWORKER)
    client = Client()
    login_with_mfa(client, actor.user)
    case = Case.objects.get(intake_draft=submitted.draft)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    item = EvidenceItem.objects.get()
    assert f"/evidence/{item.pk}/" in page
    assert "Passport or other identity document, sent with the application" in page
    assert "File sent with the application added as evidence" in page  # the case's history, labelled


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_both_succeed_and_the_audit_chain_holds(receiving):
    """Two submissions at once both go through (their audit events take no shared lock), and once the
    sequencer has placed their events the chain verifies."""
    import threading

    from django.db import connections

    from herzen.audit.chain import verify_chain
    from herzen.audit.tests.conftest import sequence_all

    drafts = [make_draft(receiving).draft.pk for _ in range(2)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(drafts))

    def submit(draft_id):
        try:
            barrier.wait()
            services.draft_submit(actor=applicant_actor(), draft_id=draft_id)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(draft_id,)) for draft_id in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Case.objects.filter(intake_draft__in=drafts).count() == 2
    assert AuditEvent.objects.filter(action="intake_draft.submit").count() == 2
    sequence_all()
    verifier = verify_chain("audit")
    assert verifier.problem is None
    assert verifier.head.sequence == AuditEvent.objects.count()


def test_a_submission_makes_a_bounded_number_of_statements(receiving, django_assert_max_num_queries):
    """Measured at 234 (SQLite and PostgreSQL) once the submission became plain services (issue 22): 121 before,
    when it skipped the nested services' savepoints (76 SAVEPOINT/RELEASE statements now), reused the rows it
    had locked (11 person selects) and refreshed the case's priority once instead of after each danger, stay
    and member (about 23), and cached data keys made in the transaction without reading private Django state (3).
    A new query per record of the submission shows here."""
    issued = make_draft(receiving)
    actor = applicant_actor()
    with django_assert_max_num_queries(234):
        services.draft_submit(actor=actor, draft_id=issued.draft.pk)


def test_the_latin_spelling_typed_from_the_passport_reaches_the_dossier_as_the_passports(receiving):
    """Not the ICAO spelling a passport issued today would carry: the one the applicant copied from hers."""
    from herzen.people.latin import FROM_PASSPORT, latin_spelling

    answers = complete_answers(receiving.pk)
    answers["about"].update(latin1_surname="SCHUKINA", latin1_given_name="ANNA")
    issued = make_draft(receiving, answers=answers)
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    anna = Case.objects.get(intake_draft=issued.draft).household.members.get(role="principal").person
    spelling = latin_spelling(anna, anna.name_variants.select_related("source_document"))
    assert spelling is not None
    assert spelling.name == "SCHUKINA ANNA"
    assert spelling.from_document is True
    assert spelling.source == str(FROM_PASSPORT)
