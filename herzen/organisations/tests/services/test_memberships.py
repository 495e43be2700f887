import pytest

from herzen.audit.models import AuditEvent
from herzen.core.actor import Actor, Role
from herzen.core.exceptions import Conflict, NotFound, PermissionDenied
from herzen.organisations import services
from herzen.organisations.models import Membership
from herzen.organisations.tests.factories import UserFactory


@pytest.fixture
def operator(db):
    return Actor(user=UserFactory(username="operator", is_superuser=True), organisation=None)


def test_only_the_operator_creates_organisations(operator, caseworker_a):
    organisation = services.organisation_create(
        actor=operator, name="Ковчег Ереван", kind="ngo", country="am"
    )

    assert organisation.country == "AM"
    assert AuditEvent.objects.filter(action="organisation.create").count() == 1
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=caseworker_a, name="Другая", kind="ngo", country="GE")


def test_an_authority_needs_its_sub_kind(operator):
    from herzen.core.exceptions import Invalid

    with pytest.raises(Invalid):
        services.organisation_create(actor=operator, name="AA", kind="authority", country="DE")
    authority = services.organisation_create(
        actor=operator, name="AA", kind="authority", country="DE", authority_kind="foreign_ministry"
    )
    assert authority.is_authority


def test_an_organisation_admin_grants_and_revokes_roles_in_their_own_organisation(org_a, org_b, make_actor):
    admin = make_actor(org_a, Role.ORGANISATION_ADMIN)
    newcomer = UserFactory(username="newcomer")

    membership = services.membership_grant(
        actor=admin, organisation=org_a, user=newcomer, role=Role.CASEWORKER
    )
    with pytest.raises(Conflict):
        services.membership_grant(actor=admin, organisation=org_a, user=newcomer, role=Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        services.membership_grant(actor=admin, organisation=org_b, user=newcomer, role=Role.CASEWORKER)
    services.membership_revoke(actor=admin, membership_id=membership.pk)

    assert not Membership.objects.filter(user=newcomer).exists()
    assert [e.action for e in AuditEvent.objects.order_by("id")] == ["membership.grant", "membership.revoke"]


def test_another_organisations_admin_cannot_revoke(org_a, org_b, make_actor):
    caseworker = make_actor(org_a, Role.CASEWORKER)
    foreign_admin = make_actor(org_b, Role.ORGANISATION_ADMIN)
    membership = Membership.objects.get(user=caseworker.user)

    with pytest.raises(NotFound):
        services.membership_revoke(actor=foreign_admin, membership_id=membership.pk)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_operator_revokes_in_any_organisation(operator, org_a, make_actor):
    caseworker = make_actor(org_a, Role.CASEWORKER)

    services.membership_revoke(actor=operator, membership_id=Membership.objects.get(user=caseworker.user).pk)

    assert not Membership.objects.filter(user=caseworker.user).exists()
