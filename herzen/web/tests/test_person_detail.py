"""The person page: what it shows, and its six forms."""

from datetime import date, timedelta

from django.urls import reverse

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.people import services as people_services
from herzen.people.models import ContactPoint, EntryRefusal, IdentityDocument, NameVariant, Stay
from herzen.people.tests.factories import make_household, make_person


def url(person):
    return reverse("web:person-detail", args=[person.pk])


def test_shows_the_person_record(login, caseworker_a, today):
    person = make_person(
        caseworker_a, profession="журналистка", citizenships=["RU", "IL"], languages=["ru", "en"]
    )
    make_household(caseworker_a, person)
    document = people_services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="751234567",
        expiry_date=today + timedelta(days=900),
    )
    people_services.name_variant_add(
        actor=caseworker_a,
        person_id=person.pk,
        surname="Shchukina",
        given_name="Anna",
        scheme="icao_9303",
        source_document_id=document.pk,
    )
    people_services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="telegram", value="@anna_s", is_preferred=True
    )
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="KZ",
        entry_date=today - timedelta(days=10),
        legal_basis="visa_free",
    )
    people_services.entry_refusal_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        refused_on=today - timedelta(days=20),
        border_point="Upper Lars",
    )

    page = login(caseworker_a).get(url(person)).content.decode()

    assert "Щукина Анна Сергеевна" in page
    assert "Female" in page
    assert "Israel" in page
    assert "Russia" in page
    assert "English" in page
    assert "Russian" in page
    assert "журналистка" in page
    assert "@anna_s" in page
    assert "preferred" in page
    assert "ICAO Doc 9303" in page
    assert "International passport 751234567" in page
    assert "Shchukina Anna Sergeevna" in page  # the expected ICAO spelling
    assert "Schtschukina" in page  # the expected German-style spelling
    assert "Kazakhstan" in page
    assert "at most 90 days in any 180-day period" in page
    assert "Upper Lars" in page
    assert "Person record created" in page
    assert "Stay recorded" in page


def test_caseworker_sees_every_form_and_the_exit_form_only_with_an_open_stay(login, caseworker_a, today):
    person = make_person(caseworker_a)
    client = login(caseworker_a)

    without_stay = client.get(url(person)).context["forms"]
    people_services.stay_record(
        actor=caseworker_a, person_id=person.pk, country="GE", entry_date=today, legal_basis="visa_free"
    )
    with_stay = client.get(url(person)).context["forms"]

    assert set(without_stay) == {"variant", "document", "stay", "refusal", "contact", "risk", "sharing"}
    assert set(with_stay) == {
        "variant",
        "document",
        "stay",
        "exit",
        "registration",
        "refusal",
        "contact",
        "risk",
        "sharing",
    }


def test_recording_a_stay(login, caseworker_a, today):
    person = make_person(caseworker_a)
    entry = today - timedelta(days=3)

    response = login(caseworker_a).post(
        reverse("web:person-stay-record", args=[person.pk]),
        {
            "stay-country": "TR",
            "stay-city": "Istanbul",
            "stay-entry_date": entry.isoformat(),
            "stay-legal_basis": "visa_free",
        },
    )

    assert response.status_code == 302
    stay = Stay.objects.get(person=person)
    assert (stay.country.code, stay.city, stay.entry_date, stay.exit_date) == ("TR", "Istanbul", entry, None)
    assert stay.legal_deadline == entry + timedelta(days=59)
    assert AuditEvent.objects.filter(action="stay.record").count() == 1


def test_stay_with_exit_before_entry_keeps_the_values_and_writes_nothing(login, caseworker_a):
    person = make_person(caseworker_a)
    events_before = AuditEvent.objects.count()

    response = login(caseworker_a).post(
        reverse("web:person-stay-record", args=[person.pk]),
        {
            "stay-country": "AM",
            "stay-city": "Ереван",
            "stay-entry_date": "2024-03-10",
            "stay-exit_date": "2024-03-01",
            "stay-legal_basis": "visa_free",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert 'href="#id_stay-exit_date"' in page
    assert 'id="id_stay-exit_date_error"' in page
    assert "The exit date cannot be before the entry date." in page
    assert 'value="Ереван"' in page
    assert 'value="2024-03-10"' in page
    assert 'value="2024-03-01"' in page
    assert '<option value="AM" selected>' in page
    assert not Stay.objects.exists()
    assert AuditEvent.objects.count() == events_before


def test_overlapping_stay_shows_the_services_conflict_beside_the_field(login, caseworker_a, today):
    person = make_person(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=30),
        exit_date=today - timedelta(days=10),
        legal_basis="visa_free",
    )

    response = login(caseworker_a).post(
        reverse("web:person-stay-record", args=[person.pk]),
        {
            "stay-country": "AM",
            "stay-entry_date": (today - timedelta(days=20)).isoformat(),
            "stay-exit_date": (today - timedelta(days=15)).isoformat(),
            "stay-legal_basis": "visa_free",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="id_stay-entry_date_error"' in page
    assert "This stay overlaps another stay of the same person." in page
    assert Stay.objects.count() == 1


def test_second_open_stay_is_refused_beside_the_exit_date(login, caseworker_a, today):
    person = make_person(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=30),
        legal_basis="visa_free",
    )

    response = login(caseworker_a).post(
        reverse("web:person-stay-record", args=[person.pk]),
        {
            "stay-country": "AM",
            "stay-entry_date": (today - timedelta(days=5)).isoformat(),
            "stay-legal_basis": "visa_free",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="id_stay-exit_date_error"' in page
    assert "Record that exit first" in page
    assert Stay.objects.count() == 1


def test_recording_the_exit_from_the_open_stay(login, caseworker_a, today):
    person = make_person(caseworker_a)
    stay = people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=30),
        legal_basis="visa_free",
    )

    response = login(caseworker_a).post(
        reverse("web:person-stay-exit", args=[person.pk]), {"exit-exit_date": today.isoformat()}
    )

    assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.exit_date == today
    assert AuditEvent.objects.filter(action="stay.update", target_id=str(stay.pk)).count() == 1


def test_exit_before_entry_is_an_error_beside_the_field_and_writes_nothing(login, caseworker_a, today):
    person = make_person(caseworker_a)
    entry = today - timedelta(days=30)
    stay = people_services.stay_record(
        actor=caseworker_a, person_id=person.pk, country="GE", entry_date=entry, legal_basis="visa_free"
    )
    events_before = AuditEvent.objects.count()
    typed = (entry - timedelta(days=1)).isoformat()

    response = login(caseworker_a).post(
        reverse("web:person-stay-exit", args=[person.pk]), {"exit-exit_date": typed}
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert 'href="#id_exit-exit_date"' in page
    assert 'id="id_exit-exit_date_error"' in page
    assert f'value="{typed}"' in page
    stay.refresh_from_db()
    assert stay.exit_date is None
    assert AuditEvent.objects.count() == events_before


def test_exit_without_an_open_stay_writes_nothing(login, caseworker_a):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-stay-exit", args=[person.pk]), {"exit-exit_date": "2025-01-01"}
    )

    assert response.status_code == 302
    assert not Stay.objects.exists()


def test_adding_a_name_variant(login, caseworker_a):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-name-variant-add", args=[person.pk]),
        {
            "variant-surname": "Schtschukina",
            "variant-given_name": "Anna",
            "variant-scheme": "german",
            "variant-valid_from": "2023-01-01",
        },
    )

    assert response.status_code == 302
    variant = NameVariant.objects.get(person=person)
    assert (variant.surname, variant.scheme, variant.script) == ("Schtschukina", "german", "latin")
    assert AuditEvent.objects.filter(action="name_variant.add").count() == 1


def test_name_variant_validity_ending_before_it_starts_is_refused(login, caseworker_a):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-name-variant-add", args=[person.pk]),
        {
            "variant-surname": "Shchukina",
            "variant-given_name": "Anna",
            "variant-scheme": "icao_9303",
            "variant-valid_from": "2023-01-01",
            "variant-valid_until": "2022-01-01",
        },
    )

    assert response.status_code == 200
    assert 'href="#id_variant-valid_until"' in response.content.decode()
    assert not NameVariant.objects.exists()


def test_adding_an_identity_document(login, caseworker_a):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-document-add", args=[person.pk]),
        {
            "document-document_type": "internal_passport",
            "document-number": "45 06 123456",
            "document-issuing_country": "RU",
            "document-status": "seized",
            "document-issue_date": "2015-06-01",
        },
    )

    assert response.status_code == 302
    document = IdentityDocument.objects.get(person=person)
    assert (document.number, document.status) == ("4506123456", "seized")
    assert AuditEvent.objects.filter(action="document.add").count() == 1


def test_recording_an_entry_refusal(login, caseworker_a, today):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-entry-refusal-record", args=[person.pk]),
        {
            "refusal-country": "GE",
            "refusal-refused_on": today.isoformat(),
            "refusal-border_point": "Upper Lars",
        },
    )

    assert response.status_code == 302
    assert EntryRefusal.objects.get(person=person).border_point == "Upper Lars"
    assert AuditEvent.objects.filter(action="entry_refusal.record").count() == 1


def test_adding_a_contact_point_and_a_duplicate(login, caseworker_a):
    person = make_person(caseworker_a)
    client = login(caseworker_a)
    data = {"contact-kind": "email", "contact-value": "Anna@Example.org", "contact-is_preferred": "on"}

    first = client.post(reverse("web:person-contact-add", args=[person.pk]), data)
    second = client.post(reverse("web:person-contact-add", args=[person.pk]), data)

    assert first.status_code == 302
    assert ContactPoint.objects.get(person=person).value == "anna@example.org"
    assert second.status_code == 200
    assert 'id="id_contact-value_error"' in second.content.decode()
    assert ContactPoint.objects.count() == 1
    assert AuditEvent.objects.filter(action="contact_point.add").count() == 1


def test_malformed_email_is_refused(login, caseworker_a):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-contact-add", args=[person.pk]),
        {"contact-kind": "email", "contact-value": "not an address"},
    )

    assert response.status_code == 200
    assert 'value="not an address"' in response.content.decode()
    assert not ContactPoint.objects.exists()


def test_russian_person_page(login, caseworker_a):
    person = make_person(caseworker_a)

    page = login(caseworker_a, language="ru").get(url(person)).content.decode()

    assert "Документы, удостоверяющие личность" in page
    assert "Пребывания" in page
    assert "Женский" in page


def test_a_services_conflict_is_shown_in_the_readers_language(login, caseworker_a, today):
    person = make_person(caseworker_a)
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2026, 10, 1),
        exit_date=date(2026, 10, 20),
        legal_basis="visa_free",
    )

    response = login(caseworker_a, language="ru").post(
        reverse("web:person-stay-record", args=[person.pk]),
        {
            "stay-country": "AM",
            "stay-entry_date": "2026-10-10",
            "stay-exit_date": "2026-10-15",
            "stay-legal_basis": "visa_free",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "Это пребывание пересекается с другим пребыванием того же человека." in page
    assert "Пересекается с пребыванием, начавшимся 1 октября 2026." in page
    assert "overlaps" not in page
    assert Stay.objects.count() == 1


def test_a_duplicate_contact_point_is_refused_in_russian(login, caseworker_a):
    person = make_person(caseworker_a)
    people_services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="telegram", value="@anna_s"
    )

    response = login(caseworker_a, language="ru").post(
        reverse("web:person-contact-add", args=[person.pk]),
        {"contact-kind": "telegram", "contact-value": "@anna_s"},
    )
    form = response.context["forms"]["contact"]

    assert response.status_code == 200
    assert form.errors["value"] == ["Уже записано."]
    assert form.non_field_errors() == ["Этот контакт уже записан."]


def test_the_person_page_lists_possible_duplicates_without_merging(client, caseworker_a):
    from datetime import date

    from herzen.people.models import Person
    from herzen.people.tests.factories import make_person

    anna = make_person(caseworker_a, surname="Щукина", given_name="Анна", date_of_birth=date(1990, 5, 17))
    twin_record = make_person(caseworker_a, surname="Щукина", given_name="Анна", date_of_birth=None)
    login_with_mfa(client, caseworker_a.user)

    page = client.get(f"/persons/{anna.pk}/").content.decode()

    assert 'id="duplicates"' in page
    assert f"/persons/{twin_record.pk}/" in page
    assert Person.objects.count() == 2
