"""“Who has seen this file”: supervisors and auditors see the reads of a person's record; caseworkers do not."""

import pytest

from herzen.audit.models import AccessEvent
from herzen.audit.selectors import access_history
from herzen.core.exceptions import PermissionDenied
from herzen.people.tests.factories import make_person


def test_a_supervisor_sees_who_opened_the_person_page(login, caseworker_a, supervisor_a):
    person = make_person(caseworker_a)
    login(caseworker_a).get(f"/persons/{person.pk}/")

    page = login(supervisor_a).get(f"/persons/{person.pk}/").content.decode()

    assert "Who has seen this file" in page
    assert str(caseworker_a.user) in page
    assert "person page" in page


def test_an_auditor_sees_it_and_a_caseworker_does_not(login, caseworker_a, auditor_a):
    person = make_person(caseworker_a)

    assert "Who has seen this file" in login(auditor_a).get(f"/persons/{person.pk}/").content.decode()
    assert "Who has seen this file" not in login(caseworker_a).get(f"/persons/{person.pk}/").content.decode()
    with pytest.raises(PermissionDenied):
        access_history(actor=caseworker_a, target=person)


def test_opening_the_page_is_recorded_without_personal_data(login, caseworker_a):
    person = make_person(caseworker_a, surname="Щукина")

    login(caseworker_a).get(f"/persons/{person.pk}/", REMOTE_ADDR="203.0.113.9")

    event = AccessEvent.objects.get(target_id=str(person.pk), actor_user=caseworker_a.user)
    assert event.via == "web:person-detail"
    assert event.organisation == caseworker_a.organisation
    assert {"identity", "contact", "documents", "stays"} <= set(event.categories)
    dumped = str(list(AccessEvent.objects.values()))
    assert "Щукина" not in dumped
    assert "203.0.113.9" not in dumped


def test_another_organisations_reads_are_not_shown(login, caseworker_a, supervisor_a, caseworker_b):
    person = make_person(caseworker_a)
    login(caseworker_a).get(f"/persons/{person.pk}/")
    assert login(caseworker_b).get(f"/persons/{person.pk}/").status_code == 404

    readers = {event.actor_user for event in access_history(actor=supervisor_a, target=person)}

    assert readers == {caseworker_a.user}
