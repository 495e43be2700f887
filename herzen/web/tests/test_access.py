"""Who reaches the pages: anonymous visitors, users without an organisation, other organisations, auditors."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.cases.models import CaseNote
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.core.changes import validate
from herzen.core.exceptions import Invalid
from herzen.organisations.actors import ACTIVE_ORGANISATION_SESSION_KEY
from herzen.organisations.models import Organisation
from herzen.organisations.tests.factories import MembershipFactory, UserFactory
from herzen.people.models import Stay
from herzen.people.tests.factories import make_person
from herzen.web.access import add_service_errors


@pytest.mark.parametrize("url", ["/", "/cases/", "/organisation/switch/"])
def test_anonymous_visitor_is_sent_to_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitor_is_sent_to_login_from_a_case_page(client, caseworker_a):
    case = make_case(caseworker_a)

    response = client.get(reverse("web:case-detail", args=[case.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_and_language_switch_are_public(client, db):
    assert client.get(reverse("login")).status_code == 200

    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/login/"


def test_home_redirects_to_the_case_list(login, caseworker_a):
    response = login(caseworker_a).get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("web:case-list")


def test_user_without_organisation_sees_a_page_saying_so(client, db):
    login_with_mfa(client, UserFactory(username="loner"))

    response = client.get(reverse("web:case-list"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert "not a member of any organisation" in response.content.decode()


def test_case_page_of_another_organisation_is_not_found(login, caseworker_a, caseworker_b):
    case_b = make_case(caseworker_b)

    response = login(caseworker_a).get(reverse("web:case-detail", args=[case_b.pk]))

    assert response.status_code == 404
    assert case_b.reference not in response.content.decode()


def test_person_page_of_another_organisation_is_not_found(login, caseworker_a, caseworker_b):
    person_b = make_person(caseworker_b)

    response = login(caseworker_a).get(reverse("web:person-detail", args=[person_b.pk]))

    assert response.status_code == 404


def test_unknown_case_is_not_found(login, caseworker_a):
    response = login(caseworker_a).get("/cases/00000000-0000-0000-0000-000000000000/")

    assert response.status_code == 404


def test_posting_to_another_organisations_case_writes_nothing(
    login, caseworker_a, supervisor_a, caseworker_b
):
    case_b = make_case(caseworker_b)
    events_before = AuditEvent.objects.count()
    client = login(supervisor_a)

    responses = [
        client.post(reverse("web:case-note-add", args=[case_b.pk]), {"note-body": "Intrusion"}),
        client.post(reverse("web:case-status", args=[case_b.pk]), {"status-status": "closed"}),
        client.post(
            reverse("web:case-assign", args=[case_b.pk]),
            {"assign-assigned_caseworker": str(supervisor_a.user.pk)},
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert not CaseNote.objects.exists()
    case_b.refresh_from_db()
    assert (case_b.status, case_b.assigned_caseworker_id) == ("open", None)
    assert AuditEvent.objects.count() == events_before


def test_posting_to_another_organisations_person_writes_nothing(login, caseworker_a, caseworker_b):
    person_b = make_person(caseworker_b)
    events_before = AuditEvent.objects.count()

    response = login(caseworker_a).post(
        reverse("web:person-stay-record", args=[person_b.pk]),
        {"stay-country": "GE", "stay-entry_date": "2025-01-10", "stay-legal_basis": "visa_free"},
    )

    assert response.status_code == 404
    assert not Stay.objects.exists()
    assert AuditEvent.objects.count() == events_before


def test_get_on_a_write_url_is_refused(login, caseworker_a):
    case = make_case(caseworker_a)

    response = login(caseworker_a).get(reverse("web:case-note-add", args=[case.pk]))

    assert response.status_code == 405


def test_auditor_sees_no_write_forms(login, caseworker_a, auditor_a):
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    client = login(auditor_a)

    case_page = client.get(reverse("web:case-detail", args=[case.pk])).content.decode()
    person_page = client.get(reverse("web:person-detail", args=[person.pk])).content.decode()

    assert case.reference in case_page
    assert 'method="post"' not in case_page.split("</header>", 1)[1]  # only the logout/language forms above
    assert "note-body" not in case_page
    assert "status-status" not in case_page
    assert "assign-assigned_caseworker" not in case_page
    assert person.surname in person_page
    for prefix in ("variant-", "document-", "stay-", "exit-", "refusal-", "contact-"):
        assert f'name="{prefix}' not in person_page


def test_auditor_post_is_refused_and_writes_nothing(login, caseworker_a, auditor_a):
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    events_before = AuditEvent.objects.count()
    client = login(auditor_a)

    responses = [
        client.post(reverse("web:case-note-add", args=[case.pk]), {"note-body": "An auditor's note"}),
        client.post(
            reverse("web:case-note-add", args=[case.pk]), {"note-body": ""}
        ),  # refused before validation
        client.post(reverse("web:case-status", args=[case.pk]), {"status-status": "closed"}),
        client.post(reverse("web:case-assign", args=[case.pk]), {"assign-assigned_caseworker": ""}),
        client.post(
            reverse("web:person-stay-record", args=[person.pk]),
            {"stay-country": "GE", "stay-entry_date": "2025-01-10", "stay-legal_basis": "visa_free"},
        ),
        client.post(
            reverse("web:person-contact-add", args=[person.pk]),
            {"contact-kind": "phone", "contact-value": "+995 555 000 000"},
        ),
    ]

    assert [r.status_code for r in responses] == [403] * 6
    assert not CaseNote.objects.exists()
    assert not Stay.objects.exists()
    assert not person.contact_points.exists()
    case.refresh_from_db()
    assert case.status == "open"
    assert AuditEvent.objects.count() == events_before


def test_caseworker_cannot_assign_cases(login, caseworker_a):
    case = make_case(caseworker_a)

    page = login(caseworker_a).get(reverse("web:case-detail", args=[case.pk])).content.decode()
    response = login(caseworker_a).post(
        reverse("web:case-assign", args=[case.pk]), {"assign-assigned_caseworker": str(caseworker_a.user.pk)}
    )

    assert "assign-assigned_caseworker" not in page
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assigned_caseworker_id is None


def test_switching_organisation_shows_the_other_organisations_cases(login, org_b, caseworker_a, caseworker_b):
    MembershipFactory(user=caseworker_a.user, organisation=org_b, role=Role.CASEWORKER)
    case_a = make_case(caseworker_a)
    case_b = make_case(caseworker_b)
    client = login(caseworker_a)
    client.post(reverse("web:organisation-switch"), {"organisation": str(caseworker_a.organisation.pk)})
    before = client.get(reverse("web:case-list")).content.decode()

    response = client.post(reverse("web:organisation-switch"), {"organisation": str(org_b.pk)})
    after = client.get(reverse("web:case-list")).content.decode()

    assert 'name="organisation"' in before
    assert case_a.reference in before
    assert case_b.reference not in before
    assert response.status_code == 302
    assert client.session[ACTIVE_ORGANISATION_SESSION_KEY] == str(org_b.pk)
    assert case_b.reference in after
    assert case_a.reference not in after


def test_switching_to_an_organisation_one_is_not_a_member_of_is_refused(login, org_b, caseworker_a):
    client = login(caseworker_a)

    response = client.post(reverse("web:organisation-switch"), {"organisation": str(org_b.pk)})

    assert response.status_code == 403
    assert ACTIVE_ORGANISATION_SESSION_KEY not in client.session


def test_switcher_is_hidden_for_a_member_of_one_organisation(login, caseworker_a):
    page = login(caseworker_a).get(reverse("web:case-list")).content.decode()

    assert 'name="organisation"' not in page
    assert "Shelter Tbilisi" in page


def test_header_offers_language_switch_and_logout_as_post_forms(login, caseworker_a):
    page = login(caseworker_a, language="ru").get(reverse("web:case-list")).content.decode()

    assert f'action="{reverse("set_language")}"' in page
    assert 'name="language" value="en"' in page
    assert f'method="post" action="{reverse("logout")}"' in page


def test_the_generic_invalid_message_is_not_repeated_above_the_fields_in_russian(db):
    form = forms.Form(data={})
    form.is_valid()
    with translation.override("ru"), pytest.raises(Invalid) as raised:
        validate(Organisation(name="", kind="ngo", country="GE"))

    with translation.override("ru"):
        add_service_errors(form, raised.value)

    assert raised.value.message == "Исправьте отмеченные поля."
    assert (
        form.non_field_errors() == raised.value.fields["name"]
    )  # the field's message only, not the generic one
