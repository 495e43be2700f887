"""The person page shows the registration due in the transit country and records when it was done."""

from datetime import timedelta

from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.people import services as people_services
from herzen.people.models import Stay
from herzen.people.tests.factories import make_person


def test_registration_due_is_shown_and_recording_it_clears_it(login, caseworker_a, today):
    # given a person in Uzbekistan for 10 days, not yet registered (due by day 15)
    person = make_person(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="UZ",
        entry_date=today - timedelta(days=10),
        legal_basis="visa_free",
    )
    client = login(caseworker_a)

    # when
    page = client.get(reverse("web:person-detail", args=[person.pk])).content.decode()

    # then the page says who registers by when, and how it was counted
    assert "Registration due by" in page
    assert "must register the stay by" in page
    assert "day 15" in page

    # when the registration is recorded
    response = client.post(
        reverse("web:person-stay-registration", args=[person.pk]),
        {"registration-registered_on": today.isoformat()},
    )

    # then it is stored and audited, and nothing is due
    assert response.status_code == 302
    stay = Stay.objects.get(person=person)
    assert stay.registered_on == today
    assert stay.registration_deadline is None
    assert AuditEvent.objects.filter(action="stay.update").count() == 1


def test_a_registration_date_before_the_entry_is_refused_keeping_the_input(login, caseworker_a, today):
    # given
    person = make_person(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a, person_id=person.pk, country="KZ", entry_date=today, legal_basis="visa_free"
    )

    # when
    response = login(caseworker_a).post(
        reverse("web:person-stay-registration", args=[person.pk]),
        {"registration-registered_on": (today - timedelta(days=3)).isoformat()},
    )

    # then
    assert response.status_code == 200
    assert 'id="id_registration-registered_on_error"' in response.content.decode()
    assert Stay.objects.get(person=person).registered_on is None


def test_the_registration_panel_is_in_russian(login, caseworker_a, today):
    # given
    person = make_person(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KG",
        entry_date=today - timedelta(days=1),
        legal_basis="visa_free",
    )
    client = login(caseworker_a, language="ru")

    # when
    page = client.get(reverse("web:person-detail", args=[person.pk])).content.decode()

    # then
    assert "Регистрация до" in page
    assert "Источники расходятся" in page


def test_an_empty_registration_form_is_refused_and_wipes_nothing(login, caseworker_a, today):
    # given a stay registered two days after entry
    person = make_person(caseworker_a)
    stay = people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="RS",
        entry_date=today - timedelta(days=5),
        legal_basis="visa_free",
        registered_on=today - timedelta(days=3),
    )

    # when
    response = login(caseworker_a).post(reverse("web:person-stay-registration", args=[person.pk]), {})

    # then
    assert response.status_code == 200
    assert Stay.objects.get(pk=stay.pk).registered_on == today - timedelta(days=3)
