"""The Django admin: scoped to the organisations a user administers, read-mostly, writes through services."""

import pytest
from django.test import Client

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.organisations.models import Membership
from herzen.organisations.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def org_admin_a(org_a):
    user = UserFactory(username="admin-a", is_staff=True)
    MembershipFactory(user=user, organisation=org_a, role=Role.ORGANISATION_ADMIN)
    return user


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login_with_mfa(client, user)
    return client


def test_an_org_admin_sees_only_their_organisations_memberships(org_admin_a, caseworker_a, caseworker_b):
    response = _client(org_admin_a).get("/admin/organisations/membership/")

    assert response.status_code == 200
    shown = set(response.context["cl"].queryset.values_list("user__username", flat=True))
    assert shown == {"admin-a", caseworker_a.user.username}
    assert caseworker_b.user.username not in response.content.decode()


def test_an_org_admin_cannot_open_another_organisations_membership(org_admin_a, caseworker_b):
    membership = Membership.objects.get(user=caseworker_b.user)

    response = _client(org_admin_a).get(f"/admin/organisations/membership/{membership.pk}/change/")

    assert response.status_code == 302  # the admin's "does not exist" redirect, as for a missing id
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_caseworker_who_is_not_staff_cannot_enter_the_admin(caseworker_a):
    response = _client(caseworker_a.user).get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_org_admin_role_sees_no_models(org_a, caseworker_a):
    caseworker_a.user.is_staff = True
    caseworker_a.user.save()

    response = _client(caseworker_a.user).get("/admin/people/person/")

    assert response.status_code == 403


def test_a_membership_added_through_the_admin_is_granted_by_the_service(org_a, org_admin_a):
    newcomer = UserFactory(username="newcomer")

    response = _client(org_admin_a).post(
        "/admin/organisations/membership/add/",
        {"user": newcomer.pk, "organisation": org_a.pk, "role": Role.CASEWORKER},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=newcomer, organisation=org_a, role=Role.CASEWORKER)
    event = AuditEvent.objects.get(action="membership.grant", target_id=str(membership.pk))
    assert event.actor_user == org_admin_a
    assert event.organisation == org_a


def test_an_org_admin_cannot_grant_a_role_in_another_organisation(org_admin_a, org_b):
    newcomer = UserFactory(username="newcomer")

    response = _client(org_admin_a).post(
        "/admin/organisations/membership/add/",
        {"user": newcomer.pk, "organisation": org_b.pk, "role": Role.CASEWORKER},
    )

    assert response.status_code == 200  # the form comes back with an error
    assert not Membership.objects.filter(user=newcomer).exists()
    assert not AuditEvent.objects.filter(action="membership.grant").exists()


def test_revoking_through_the_admin_goes_through_the_service(org_admin_a, caseworker_a):
    membership = Membership.objects.get(user=caseworker_a.user)

    response = _client(org_admin_a).post(
        f"/admin/organisations/membership/{membership.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoke", target_id=str(membership.pk)).exists()


def test_cases_and_people_are_read_only_and_scoped(org_admin_a, caseworker_a, caseworker_b):
    own = make_case(caseworker_a)
    other = make_case(caseworker_b)
    client = _client(org_admin_a)

    listed = client.get("/admin/cases/case/")
    assert set(listed.context["cl"].queryset) == {own}
    assert client.get(f"/admin/cases/case/{other.pk}/change/").status_code == 302
    assert client.get("/admin/people/person/add/").status_code == 403
    view = client.get(f"/admin/cases/case/{own.pk}/change/")
    assert view.status_code == 200
    assert b'name="_save"' not in view.content


def test_the_audit_trail_cannot_be_changed_or_deleted_even_by_the_operator(caseworker_a):
    make_case(caseworker_a)
    operator = UserFactory(username="root", is_staff=True, is_superuser=True)
    event = AuditEvent.objects.first()
    client = _client(operator)

    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "x"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk, action=event.action).exists()


def test_every_admin_page_renders_for_the_operator_and_an_org_admin(org_admin_a, caseworker_a):
    from django.contrib import admin

    from herzen.people import services
    from herzen.people.tests.factories import make_person

    case = make_case(caseworker_a)
    person = make_person(caseworker_a, surname="Петров", given_name="Пётр", patronymic="Петрович", sex="M")
    document = services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number="75 1234567"
    )
    services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=case.opened_at.date(),
        legal_basis="visa_free",
        document_id=document.pk,
    )
    operator = UserFactory(username="root", is_staff=True, is_superuser=True)
    herzen_models = [
        m
        for m in admin.site._registry
        if m._meta.app_label in {"organisations", "accounts", "people", "cases", "audit"}
    ]
    assert len(herzen_models) >= 10
    for user in (operator, org_admin_a):
        client = _client(user)
        assert client.get("/admin/").status_code == 200
        for model in herzen_models:
            base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            listed = client.get(base)
            assert listed.status_code == 200, (user, base)
            first = listed.context["cl"].queryset.first()
            if first is not None:
                assert client.get(f"{base}{first.pk}/change/").status_code == 200, (user, base)
    assert _client(org_admin_a).get("/admin/organisations/membership/add/").status_code == 200
