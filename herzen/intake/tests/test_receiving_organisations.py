"""Which organisations an applicant may choose: those that accept intake in the applicant's country."""

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.actor import Role
from herzen.core.exceptions import PermissionDenied
from herzen.intake.selectors import organisations_accepting_intake
from herzen.organisations.services import organisation_set_intake_countries


def test_an_organisation_admin_sets_where_it_accepts_applications(org_a, org_b, make_actor):
    admin = make_actor(org_a, Role.ORGANISATION_ADMIN)
    organisation_set_intake_countries(actor=admin, organisation_id=org_a.pk, intake_countries=["ge", "AM"])
    assert organisations_accepting_intake("GE") == [org_a]
    assert organisations_accepting_intake("AM") == [org_a]
    assert organisations_accepting_intake("KZ") == []
    event = AuditEvent.objects.get(action="organisation.set_intake_countries")
    assert event.changed_fields == ["intake_countries"]


def test_a_caseworker_cannot_open_the_organisation_to_applications(org_a, make_actor):
    with pytest.raises(PermissionDenied):
        organisation_set_intake_countries(
            actor=make_actor(org_a, Role.CASEWORKER), organisation_id=org_a.pk, intake_countries=["GE"]
        )
