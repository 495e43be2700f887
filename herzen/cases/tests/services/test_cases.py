import pytest

from herzen.audit.models import AuditEvent
from herzen.cases import services
from herzen.cases.models import Case, CaseNote
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.domain.references import normalise_reference
from herzen.people.tests.factories import make_household


def test_opening_a_case_gives_it_a_valid_reference_and_audits(caseworker_a):
    case = make_case(caseworker_a)

    assert case.status == "open"
    assert normalise_reference(case.reference) == case.reference
    event = AuditEvent.objects.get(action="case.open")
    assert event.target_id == str(case.pk)


def test_a_household_has_one_active_case_per_organisation(caseworker_a):
    household = make_household(caseworker_a)
    make_case(caseworker_a, household=household)

    with pytest.raises(Conflict):
        make_case(caseworker_a, household=household)
    assert Case.objects.count() == 1


def test_a_case_cannot_be_opened_for_another_organisations_household(caseworker_a, caseworker_b):
    household = make_household(caseworker_a)

    with pytest.raises(NotFound):
        services.case_open(actor=caseworker_b, household_id=household.pk)
    assert Case.objects.count() == 0


def test_a_supervisor_assigns_a_caseworker_of_the_same_organisation(caseworker_a, supervisor_a, caseworker_b):
    case = make_case(caseworker_a)

    services.case_assign(actor=supervisor_a, case_id=case.pk, caseworker_id=caseworker_a.user.pk)
    with pytest.raises(Invalid):
        services.case_assign(actor=supervisor_a, case_id=case.pk, caseworker_id=caseworker_b.user.pk)

    case.refresh_from_db()
    assert case.assigned_caseworker == caseworker_a.user
    assert AuditEvent.objects.filter(action="case.assign").count() == 1


def test_a_caseworker_cannot_assign_cases(caseworker_a):
    case = make_case(caseworker_a)

    with pytest.raises(PermissionDenied):
        services.case_assign(actor=caseworker_a, case_id=case.pk, caseworker_id=caseworker_a.user.pk)


def test_an_auditor_cannot_be_assigned_a_case(supervisor_a, auditor_a, caseworker_a):
    case = make_case(caseworker_a)

    with pytest.raises(Invalid):
        services.case_assign(actor=supervisor_a, case_id=case.pk, caseworker_id=auditor_a.user.pk)


def test_closing_and_reopening_a_case(caseworker_a, supervisor_a):
    case = make_case(caseworker_a)

    services.case_change_status(actor=supervisor_a, case_id=case.pk, status="closed")
    case.refresh_from_db()
    assert case.status == "closed"
    assert case.closed_at is not None

    services.case_change_status(actor=supervisor_a, case_id=case.pk, status="open")
    case.refresh_from_db()
    assert case.closed_at is None
    assert AuditEvent.objects.filter(action="case.change_status").count() == 2


def test_the_assigned_caseworker_may_put_their_case_on_hold_but_not_anothers(org_a, make_actor):
    holder = make_actor(org_a, Role.CASEWORKER)
    colleague = make_actor(org_a, Role.CASEWORKER)
    case = make_case(holder, assigned_caseworker_id=holder.user.pk)

    services.case_change_status(actor=holder, case_id=case.pk, status="on_hold")
    with pytest.raises(PermissionDenied):
        services.case_change_status(actor=colleague, case_id=case.pk, status="open")

    case.refresh_from_db()
    assert case.status == "on_hold"


def test_an_unknown_status_is_invalid(caseworker_a, supervisor_a):
    case = make_case(caseworker_a)

    with pytest.raises(Invalid) as error:
        services.case_change_status(actor=supervisor_a, case_id=case.pk, status="approved")
    assert "status" in error.value.fields


def test_a_note_is_added_by_its_author_and_audited_without_its_text(caseworker_a):
    case = make_case(caseworker_a)

    note = services.case_note_add(actor=caseworker_a, case_id=case.pk, body="Звонила, ждёт ответа из АА.")

    assert note.author == caseworker_a.user
    event = AuditEvent.objects.get(action="case.note_add")
    assert event.parent_id == str(case.pk)
    assert "АА" not in str(event.changed_fields)


def test_an_empty_note_is_invalid(caseworker_a):
    case = make_case(caseworker_a)

    with pytest.raises(Invalid) as error:
        services.case_note_add(actor=caseworker_a, case_id=case.pk, body="   ")
    assert "body" in error.value.fields
    assert CaseNote.objects.count() == 0


def test_another_organisation_cannot_add_a_note(caseworker_a, caseworker_b):
    case = make_case(caseworker_a)
    events_before = AuditEvent.objects.count()

    with pytest.raises(NotFound):
        services.case_note_add(actor=caseworker_b, case_id=case.pk, body="probe")
    assert CaseNote.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_an_imported_file_keeps_its_opening_date_but_not_one_in_the_future(caseworker_a):
    from datetime import timedelta

    from django.utils import timezone

    last_year = timezone.now() - timedelta(days=365)
    case = make_case(caseworker_a, opened_at=last_year)
    assert case.opened_at == last_year

    with pytest.raises(Invalid):
        make_case(caseworker_a, opened_at=timezone.now() + timedelta(days=1))
