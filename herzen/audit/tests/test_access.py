from types import SimpleNamespace

import pytest
from django.test import Client

from herzen import audit
from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit import chain
from herzen.audit.models import AccessEvent
from herzen.audit.tests.conftest import sequence_all
from herzen.core.actor import Role
from herzen.organisations.tests.factories import MembershipFactory, UserFactory
from herzen.people.tests.factories import make_person


def test_record_access_writes_one_chained_event_per_record(caseworker_a):
    anna, ilya = make_person(caseworker_a), make_person(caseworker_a, given_name="Илья")

    events = audit.record_access(
        actor=caseworker_a, target=[anna, ilya, anna], categories=["stays", "identity"]
    )

    assert [e.target_id for e in events] == [str(anna.pk), str(ilya.pk)]
    assert all(e.categories == ["identity", "stays"] for e in events)
    assert chain.current_head("access").sequence == 0  # inserted, not yet placed: no lock was taken
    sequence_all()
    assert chain.verify_chain("access").problem is None
    assert chain.current_head("access").sequence == 2


def test_unknown_or_missing_categories_are_refused(caseworker_a):
    anna = make_person(caseworker_a)
    with pytest.raises(ValueError, match="favourite_colour"):
        audit.record_access(actor=caseworker_a, target=anna, categories=["favourite_colour"])
    with pytest.raises(ValueError, match="at least one"):
        audit.record_access(actor=caseworker_a, target=anna, categories=[])
    assert not AccessEvent.objects.exists()


def test_via_keeps_the_url_name_never_the_path_or_query(caseworker_a):
    anna = make_person(caseworker_a)
    request = SimpleNamespace(
        resolver_match=SimpleNamespace(view_name="api:person-list"), path="/api/v1/persons/?q=Щукина"
    )

    (event,) = audit.record_access(actor=caseworker_a, target=anna, categories=["identity"], via=request)

    assert event.via == "api:person-list"


def test_the_access_log_admin_is_scoped_to_the_organisation(org_a, caseworker_a, caseworker_b):
    audit.record_access(actor=caseworker_a, target=make_person(caseworker_a), categories=["identity"])
    theirs = audit.record_access(
        actor=caseworker_b, target=make_person(caseworker_b), categories=["identity"]
    )
    admin_user = UserFactory(username="admin-a", is_staff=True)
    MembershipFactory(user=admin_user, organisation=org_a, role=Role.ORGANISATION_ADMIN)
    client = Client()
    login_with_mfa(client, admin_user)

    response = client.get("/admin/audit/accessevent/")

    assert response.status_code == 200
    shown = {event.pk for event in response.context["cl"].result_list}
    assert shown == set(AccessEvent.objects.filter(organisation=org_a).values_list("pk", flat=True))
    assert theirs[0].pk not in shown
