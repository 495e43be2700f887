"""The case page: what it shows, and its note, status and assignment forms."""

from datetime import date

from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.cases.models import CaseNote
from herzen.cases.services import case_note_add
from herzen.cases.tests.factories import make_case
from herzen.people import services as people_services
from herzen.people.choices import HouseholdRole
from herzen.people.tests.factories import make_household, make_person


def test_shows_reference_status_household_documents_stays_notes_and_history(login, caseworker_a, today):
    principal = make_person(caseworker_a)
    child = make_person(
        caseworker_a, surname="Щукин", given_name="Илья", sex="M", date_of_birth=date(2015, 3, 1)
    )
    people_services.document_add(
        actor=caseworker_a,
        person_id=principal.pk,
        document_type="international_passport",
        number="75 1234567",
    )
    people_services.stay_record(
        actor=caseworker_a, person_id=principal.pk, country="TR", entry_date=today, legal_basis="visa_free"
    )
    household = make_household(caseworker_a, principal, others=[(child, HouseholdRole.CHILD)])
    case = make_case(caseworker_a, household=household)
    case_note_add(actor=caseworker_a, case_id=case.pk, body="First call done.")

    page = login(caseworker_a).get(reverse("web:case-detail", args=[case.pk])).content.decode()

    assert case.reference in page
    assert "Open" in page
    assert reverse("web:person-detail", args=[principal.pk]) in page
    assert reverse("web:person-detail", args=[child.pk]) in page
    assert "Principal" in page
    assert "Child" in page
    assert "751234567" in page
    assert "International passport" in page
    assert "Türkiye" in page  # django-countries' name, as every country list has it
    assert "59 days left" in page
    assert "at most 60 days per entry" in page  # the translated summary of the domain's verdict
    assert "Türkiye allows 60 days per entry" in page  # the domain's reasons, as sentences
    assert "First call done." in page
    assert "Case opened" in page
    assert "Note added" in page


def test_history_names_changed_fields_but_never_values(login, caseworker_a):
    case = make_case(caseworker_a)
    case_note_add(actor=caseworker_a, case_id=case.pk, body="Secret address: Rustaveli 12")

    response = login(caseworker_a).get(reverse("web:case-detail", args=[case.pk]))
    history = response.context["history"]

    assert [row.action for row in history] == ["Note added", "Case opened"]
    assert history[0].fields == ["note"]
    assert all("Rustaveli" not in " ".join(row.fields) for row in history)


def test_adding_a_note_writes_one_note_and_one_audit_event(login, caseworker_a):
    case = make_case(caseworker_a)
    client = login(caseworker_a)

    response = client.post(
        reverse("web:case-note-add", args=[case.pk]), {"note-body": "  Called the embassy.  "}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:case-detail", args=[case.pk]) + "#notes"
    note = CaseNote.objects.get()
    assert (note.case_id, note.body, note.author_id) == (case.pk, "Called the embassy.", caseworker_a.user.pk)
    assert AuditEvent.objects.filter(action="case.note_add").count() == 1
    followed = client.get(response["Location"]).content.decode()
    assert "The note was added." in followed
    assert "Called the embassy." in followed


def test_empty_note_is_shown_beside_the_field_and_in_the_summary_and_writes_nothing(login, caseworker_a):
    case = make_case(caseworker_a)
    events_before = AuditEvent.objects.count()

    response = login(caseworker_a).post(reverse("web:case-note-add", args=[case.pk]), {"note-body": "   "})
    page = response.content.decode()

    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert 'href="#id_note-body"' in page
    assert 'id="id_note-body_error"' in page
    assert 'aria-invalid="true"' in page
    assert "This field is required." in page
    assert not CaseNote.objects.exists()
    assert AuditEvent.objects.count() == events_before


def test_too_long_note_keeps_what_was_typed(login, caseworker_a):
    case = make_case(caseworker_a)
    body = "Долгий разговор. " * 1200

    response = login(caseworker_a).post(reverse("web:case-note-add", args=[case.pk]), {"note-body": body})

    assert response.status_code == 200
    assert response.context["forms"]["note"]["body"].value() == body
    assert body.strip() in response.content.decode()
    assert not CaseNote.objects.exists()


def test_supervisor_changes_status_and_assigns(login, caseworker_a, supervisor_a):
    case = make_case(caseworker_a)
    client = login(supervisor_a)

    status = client.post(reverse("web:case-status", args=[case.pk]), {"status-status": "on_hold"})
    assign = client.post(
        reverse("web:case-assign", args=[case.pk]), {"assign-assigned_caseworker": str(caseworker_a.user.pk)}
    )

    assert status.status_code == assign.status_code == 302
    case.refresh_from_db()
    assert case.status == "on_hold"
    assert case.assigned_caseworker_id == caseworker_a.user.pk
    assert AuditEvent.objects.filter(action__in=["case.change_status", "case.assign"]).count() == 2


def test_assigned_caseworker_may_change_the_status_of_their_case(login, caseworker_a):
    case = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)

    page = login(caseworker_a).get(reverse("web:case-detail", args=[case.pk])).content.decode()
    response = login(caseworker_a).post(
        reverse("web:case-status", args=[case.pk]), {"status-status": "closed"}
    )

    assert "status-status" in page
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_unknown_status_is_an_error_beside_the_field(login, supervisor_a, caseworker_a):
    case = make_case(caseworker_a)

    response = login(supervisor_a).post(reverse("web:case-status", args=[case.pk]), {"status-status": "lost"})

    assert response.status_code == 200
    assert 'href="#id_status-status"' in response.content.decode()
    case.refresh_from_db()
    assert case.status == "open"


def test_assignment_choices_are_staff_who_can_hold_cases(
    login, supervisor_a, caseworker_a, auditor_a, caseworker_b
):
    case = make_case(caseworker_a)

    response = login(supervisor_a).get(reverse("web:case-detail", args=[case.pk]))
    choices = [
        value for value, _label in response.context["forms"]["assign"].fields["assigned_caseworker"].choices
    ]

    assert str(caseworker_a.user.pk) in choices
    assert str(supervisor_a.user.pk) in choices
    assert str(auditor_a.user.pk) not in choices
    assert str(caseworker_b.user.pk) not in choices


def test_russian_case_page(login, caseworker_a):
    case = make_case(caseworker_a)

    page = login(caseworker_a, language="ru").get(reverse("web:case-detail", args=[case.pk])).content.decode()

    assert "Домохозяйство" in page or "Семья" in page
    assert "Заметки" in page
    assert "Дело открыто" in page
