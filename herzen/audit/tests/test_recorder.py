from unittest import mock

import pytest
from django.db import transaction

from herzen import audit
from herzen.audit.models import AppendOnlyError, AuditEvent
from herzen.audit.recorder import AuditOutsideTransaction
from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Actor, Role
from herzen.organisations.tests.factories import OrganisationFactory, UserFactory
from herzen.people import services as people_services
from herzen.people.models import Person
from herzen.people.tests.factories import make_household, make_person


def test_record_refuses_to_run_outside_a_transaction(transactional_db):
    organisation = OrganisationFactory()
    user = UserFactory()
    actor = Actor(user=user, organisation=organisation, roles=frozenset({Role.CASEWORKER}))

    with pytest.raises(AuditOutsideTransaction):
        audit.record(actor=actor, action="organisation.touch", target=organisation)
    assert AuditEvent.objects.count() == 0


def test_record_stores_field_names_never_values(caseworker_a):
    person = make_person(caseworker_a, surname="Иванова")

    people_services.person_update(actor=caseworker_a, person_id=person.pk, profession="журналистка")

    event = AuditEvent.objects.get(action="person.update", target_id=str(person.pk))
    assert event.changed_fields == ["profession"]
    assert event.actor_user == caseworker_a.user
    assert event.organisation == caseworker_a.organisation
    dumped = str(list(AuditEvent.objects.values()))
    assert "журналистка" not in dumped
    assert "Иванова" not in dumped


def test_a_failing_audit_write_rolls_the_change_back(caseworker_a):
    household = make_household(caseworker_a)
    cases_before = Case.objects.count()

    with (
        mock.patch.object(AuditEvent.objects, "bulk_create", side_effect=RuntimeError("audit store down")),
        pytest.raises(RuntimeError, match="audit store down"),
    ):
        make_case(caseworker_a, household=household)

    assert Case.objects.count() == cases_before


def test_a_failing_audit_write_rolls_back_a_person_update(caseworker_a):
    person = make_person(caseworker_a, profession="учитель")

    with (
        mock.patch.object(AuditEvent.objects, "bulk_create", side_effect=RuntimeError("audit store down")),
        pytest.raises(RuntimeError),
    ):
        people_services.person_update(actor=caseworker_a, person_id=person.pk, profession="врач")

    assert Person.objects.get(pk=person.pk).profession == "учитель"


def test_audit_events_cannot_be_changed_or_deleted(caseworker_a):
    make_person(caseworker_a)
    event = AuditEvent.objects.latest("id")

    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "person.create"


def test_history_shows_a_records_own_events_and_its_childrens(caseworker_a, caseworker_b):
    from herzen.audit.selectors import audit_history

    person = make_person(caseworker_a)
    with transaction.atomic():
        people_services.contact_point_add(
            actor=caseworker_a, person_id=person.pk, kind="telegram", value="@anna_s", is_preferred=True
        )

    actions = [e.action for e in audit_history(actor=caseworker_a, target=person)]
    assert actions == ["contact_point.add", "person.create"]
    assert list(audit_history(actor=caseworker_b, target=person)) == []
