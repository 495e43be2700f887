"""organisation_staff_list: the active staff holding any of the given roles, each once, in one organisation."""

from herzen.core.actor import Role
from herzen.organisations.selectors import organisation_staff_list
from herzen.organisations.tests.factories import MembershipFactory


def test_lists_the_holders_of_any_of_the_roles_each_once(org_a, make_actor):
    caseworker = make_actor(org_a, Role.CASEWORKER)
    supervisor = make_actor(org_a, Role.SUPERVISOR)
    MembershipFactory(user=supervisor.user, organisation=org_a, role=Role.CASEWORKER)  # holds both roles
    auditor = make_actor(org_a, Role.AUDITOR)

    staff = list(organisation_staff_list(actor=auditor, roles=[Role.CASEWORKER, Role.SUPERVISOR]))

    assert sorted(user.pk for user in staff) == sorted([caseworker.user.pk, supervisor.user.pk])


def test_without_roles_lists_everyone_and_with_no_roles_no_one(org_a, make_actor):
    caseworker = make_actor(org_a, Role.CASEWORKER)
    auditor = make_actor(org_a, Role.AUDITOR)

    everyone = {user.pk for user in organisation_staff_list(actor=caseworker)}

    assert everyone == {caseworker.user.pk, auditor.user.pk}
    assert list(organisation_staff_list(actor=caseworker, roles=[])) == []


def test_inactive_users_are_left_out(org_a, make_actor):
    caseworker = make_actor(org_a, Role.CASEWORKER)
    leaver = make_actor(org_a, Role.CASEWORKER)
    leaver.user.is_active = False
    leaver.user.save(update_fields=["is_active"])

    assert list(organisation_staff_list(actor=caseworker, roles=[Role.CASEWORKER])) == [caseworker.user]


def test_another_organisations_staff_are_not_listed(org_a, org_b, make_actor):
    make_actor(org_a, Role.CASEWORKER)
    outsider = make_actor(org_b, Role.CASEWORKER)

    assert list(organisation_staff_list(actor=outsider, roles=[Role.CASEWORKER])) == [outsider.user]
