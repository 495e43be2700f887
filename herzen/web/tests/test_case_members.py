"""Adding someone new to the household from the case page."""

from datetime import date

from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.cases.tests.factories import make_case
from herzen.people.models import HouseholdMember, Person


def entered(**changes):
    return {
        "member-surname": "Щукин",
        "member-given_name": "Илья",
        "member-patronymic": "Петрович",
        "member-sex": "M",
        "member-date_of_birth": "01.03.2015",
        "member-role": "child",
        **changes,
    }


def counts():
    return (Person.objects.count(), HouseholdMember.objects.count(), AuditEvent.objects.count())


def test_the_household_section_offers_the_form_to_those_who_may_change_the_household(
    login, caseworker_a, auditor_a
):
    case = make_case(caseworker_a)
    url = reverse("web:case-detail", args=[case.pk])

    for_caseworker = login(caseworker_a).get(url)
    for_auditor = login(auditor_a).get(url)

    action = reverse("web:case-member-add", args=[case.pk])
    assert f'action="{action}"' in for_caseworker.content.decode()
    roles = [value for value, _label in for_caseworker.context["forms"]["member"].fields["role"].choices]
    assert roles == ["", "spouse_partner", "child", "other_dependant"]
    assert f'action="{action}"' not in for_auditor.content.decode()
    assert "member" not in for_auditor.context["forms"]


def test_adding_a_child_records_them_in_the_household_and_returns_to_it(login, caseworker_a):
    case = make_case(caseworker_a)
    client = login(caseworker_a)

    response = client.post(reverse("web:case-member-add", args=[case.pk]), entered())

    assert response.status_code == 302
    assert response["Location"] == reverse("web:case-detail", args=[case.pk]) + "#household"
    member = case.household.members.get(role="child")
    assert (member.person.full_name, member.person.sex, member.person.date_of_birth) == (
        "Щукин Илья Петрович",
        "M",
        date(2015, 3, 1),
    )
    assert AuditEvent.objects.filter(action="person.create", target_id=str(member.person.pk)).count() == 1
    assert AuditEvent.objects.filter(action="household.member_add").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Щукин Илья Петрович was added to the household." in page
    assert reverse("web:person-detail", args=[member.person.pk]) in page


def test_a_mistake_keeps_what_was_typed_opens_the_panel_and_writes_nothing(login, caseworker_a):
    case = make_case(caseworker_a)
    before = counts()
    data = entered(**{"member-surname": "Shchukin", "member-date_of_birth": "01.03.2999"})

    response = login(caseworker_a).post(reverse("web:case-member-add", args=[case.pk]), data)
    page = response.content.decode()

    assert response.status_code == 200
    form = response.context["forms"]["member"]
    assert set(form.errors) == {"surname", "date_of_birth"}
    assert 'class="error-summary"' in page
    assert 'href="#id_member-surname"' in page
    assert 'id="id_member-date_of_birth_error"' in page
    assert '<details class="form-panel" open>' in page
    for name, value in data.items():
        assert form[name.removeprefix("member-")].value() == value
    assert counts() == before


def test_the_principal_role_is_not_offered(login, caseworker_a):
    case = make_case(caseworker_a)
    before = counts()

    response = login(caseworker_a).post(
        reverse("web:case-member-add", args=[case.pk]), entered(**{"member-role": "principal"})
    )

    assert response.status_code == 200
    assert list(response.context["forms"]["member"].errors) == ["role"]
    assert counts() == before


def test_an_auditor_gets_403_and_nothing_is_written(login, caseworker_a, auditor_a):
    case = make_case(caseworker_a)
    before = counts()

    response = login(auditor_a).post(reverse("web:case-member-add", args=[case.pk]), entered())

    assert response.status_code == 403
    assert counts() == before


def test_a_caseworker_of_another_organisation_gets_404_and_nothing_is_written(
    login, caseworker_a, caseworker_b
):
    case = make_case(caseworker_a)
    before = counts()

    response = login(caseworker_b).post(reverse("web:case-member-add", args=[case.pk]), entered())

    assert response.status_code == 404
    assert counts() == before


def test_the_form_only_accepts_posts(login, caseworker_a):
    case = make_case(caseworker_a)

    response = login(caseworker_a).get(reverse("web:case-member-add", args=[case.pk]))

    assert response.status_code == 405


def test_a_child_born_before_the_parent_is_refused_beside_the_date_keeping_what_was_typed(
    login, caseworker_a
):
    """The principal of make_case is born on 17 May 1990; a "child" born in 1952 is a typing error."""
    case = make_case(caseworker_a)
    before = counts()

    response = login(caseworker_a).post(
        reverse("web:case-member-add", args=[case.pk]), entered(**{"member-date_of_birth": "01.03.1952"})
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "A child is born at least 12 years after the principal applicant (born 17 May 1990)" in page
    assert 'id="id_member-date_of_birth_error"' in page
    assert 'value="01.03.1952"' in page
    assert 'value="Илья"' in page
    assert counts() == before
