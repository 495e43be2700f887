"""Staff correct the person record in pages of their own: the service writes (audited, same checks as when the
record was added), a refused form keeps what was typed and names the field, and only writers may."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.people import services as people_services
from herzen.people.models import ContactPoint, HouseholdMember, IdentityDocument, NameVariant, Person, Stay
from herzen.people.tests.factories import make_household, make_person


@pytest.fixture
def record(caseworker_a, today):
    """A principal with a child, a passport, a spelling, a phone and a stay."""
    person = make_person(caseworker_a, date_of_birth=date(1990, 5, 17))
    child = make_person(caseworker_a, given_name="Вера", date_of_birth=date(2015, 1, 1))
    household = make_household(caseworker_a, person, others=[(child, "child")])
    document = people_services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="751234567",
        issue_date=date(2015, 1, 1),
        expiry_date=today + timedelta(days=900),
    )
    variant = people_services.name_variant_add(
        actor=caseworker_a, person_id=person.pk, surname="Shchukina", given_name="Anna", scheme="icao_9303"
    )
    contact = people_services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="phone", value="+995555000111"
    )
    stay = people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=30),
        legal_basis="visa_free",
    )
    return {
        "person": person,
        "child": child,
        "household": household,
        "document": document,
        "variant": variant,
        "contact": contact,
        "stay": stay,
    }


def detail(person):
    return reverse("web:person-detail", args=[person.pk])


def last_event():
    return AuditEvent.objects.order_by("-occurred_at", "-id").first()


def test_the_person_page_links_to_every_correction(login, caseworker_a, record):
    person = record["person"]

    page = login(caseworker_a).get(detail(person)).content.decode()

    for name, args in (
        ("web:person-edit", [person.pk]),
        ("web:person-name-variant-edit", [person.pk, record["variant"].pk]),
        ("web:person-document-edit", [person.pk, record["document"].pk]),
        ("web:person-contact-edit", [person.pk, record["contact"].pk]),
        ("web:person-stay-edit", [person.pk, record["stay"].pk]),
    ):
        assert reverse(name, args=args) in page, name
    child_page = login(caseworker_a).get(detail(record["child"])).content.decode()
    assert reverse("web:person-role-edit", args=[record["child"].pk]) in child_page


def test_the_case_page_links_to_each_members_corrections(login, caseworker_a, record):
    from herzen.cases.tests.factories import make_case

    case = make_case(caseworker_a, household=record["household"])

    page = login(caseworker_a).get(reverse("web:case-detail", args=[case.pk])).content.decode()

    assert reverse("web:person-edit", args=[record["child"].pk]) in page
    assert reverse("web:person-role-edit", args=[record["child"].pk]) in page
    assert reverse("web:person-document-edit", args=[record["person"].pk, record["document"].pk]) in page


def test_auditors_see_no_links_and_are_refused(login, caseworker_a, auditor_a, record):
    person = record["person"]
    client = login(auditor_a)

    page = client.get(detail(person)).content.decode()
    response = client.post(reverse("web:person-edit", args=[person.pk]), {"surname": "Иванова"})

    assert reverse("web:person-edit", args=[person.pk]) not in page
    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).surname == "Щукина"


def test_correcting_a_name_and_date_of_birth(login, caseworker_a, record):
    person = record["person"]
    url = reverse("web:person-edit", args=[person.pk])
    client = login(caseworker_a)

    form = client.get(url)
    response = client.post(
        url,
        {
            "surname": "Щукина",
            "given_name": "Анна",
            "patronymic": "Петровна",
            "sex": "F",
            "date_of_birth": "18.05.1990",
            "citizenships": ["RU", "IL"],
            "languages": "ru, he",
            "profession": "журналистка",
        },
    )

    assert form.status_code == 200
    assert "17.05.1990" in form.content.decode()
    assert response.status_code == 302
    person = Person.objects.get(pk=person.pk)
    assert (person.patronymic, person.date_of_birth, person.languages) == (
        "Петровна",
        date(1990, 5, 18),
        ["ru", "he"],
    )
    assert sorted(c.code for c in person.citizenships) == ["IL", "RU"]
    event = last_event()
    assert event.action == "person.update"
    assert set(event.changed_fields) == {
        "patronymic",
        "date_of_birth",
        "citizenships",
        "languages",
        "profession",
    }


def test_a_date_of_birth_after_the_childs_is_refused_beside_the_field_and_keeps_what_was_typed(
    login, caseworker_a, record
):
    person = record["person"]

    response = login(caseworker_a).post(
        reverse("web:person-edit", args=[person.pk]),
        {"surname": "Щукина", "given_name": "Аннушка", "sex": "F", "date_of_birth": "01.01.2010"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "A child of this household was born on 1 January 2015" in page
    assert 'value="Аннушка"' in page
    assert 'value="01.01.2010"' in page
    assert Person.objects.get(pk=person.pk).date_of_birth == date(1990, 5, 17)


def test_a_date_of_birth_after_an_entry_is_refused(login, caseworker_a, record, today):
    person = record["person"]
    too_late = (today - timedelta(days=10)).strftime("%d.%m.%Y")

    response = login(caseworker_a).post(
        reverse("web:person-edit", args=[person.pk]),
        {"surname": "Щукина", "given_name": "Анна", "sex": "F", "date_of_birth": too_late},
    )

    assert response.status_code == 200
    assert "Born after the entry into Georgia" in response.content.decode()


def test_correcting_a_spelling(login, caseworker_a, record):
    person, variant = record["person"], record["variant"]

    response = login(caseworker_a).post(
        reverse("web:person-name-variant-edit", args=[person.pk, variant.pk]),
        {"surname": "Shchukina", "given_name": "Annа", "scheme": "gost_52535", "valid_from": "2010-01-01"},
    )

    assert response.status_code == 302
    variant = NameVariant.objects.get(pk=variant.pk)
    assert (variant.scheme, variant.valid_from) == ("gost_52535", date(2010, 1, 1))
    assert last_event().action == "name_variant.update"


def test_correcting_an_expiry_date_in_the_past_makes_the_document_expired(login, caseworker_a, record, today):
    person, document = record["person"], record["document"]
    url = reverse("web:person-document-edit", args=[person.pk, document.pk])
    client = login(caseworker_a)

    response = client.post(
        url,
        {
            "document_type": "international_passport",
            "number": "75 1234567",
            "issuing_country": "RU",
            "issue_date": "2015-01-01",
            "expiry_date": str(today - timedelta(days=1)),
            "status": "valid",
        },
    )

    assert response.status_code == 302
    assert IdentityDocument.objects.get(pk=document.pk).status == "expired"
    assert set(last_event().changed_fields) == {"expiry_date", "status"}
    assert "Expired" in client.get(detail(person)).content.decode()


def test_a_document_issued_before_birth_is_refused_beside_the_issue_date(login, caseworker_a, record):
    person, document = record["person"], record["document"]

    response = login(caseworker_a).post(
        reverse("web:person-document-edit", args=[person.pk, document.pk]),
        {
            "document_type": "international_passport",
            "number": "75 7654321",
            "issuing_country": "RU",
            "issue_date": "1980-01-01",
            "status": "valid",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The issue date is before the date of birth (17 May 1990)." in page
    assert 'value="75 7654321"' in page
    assert IdentityDocument.objects.get(pk=document.pk).number == "751234567"


def test_correcting_a_contact_point(login, caseworker_a, record):
    person, contact = record["person"], record["contact"]

    response = login(caseworker_a).post(
        reverse("web:person-contact-edit", args=[person.pk, contact.pk]),
        {"kind": "signal", "value": "+995555000999", "is_preferred": "on"},
    )

    assert response.status_code == 302
    contact = ContactPoint.objects.get(pk=contact.pk)
    assert (contact.kind, contact.value, contact.is_preferred) == ("signal", "+995555000999", True)
    assert last_event().action == "contact_point.update"


def test_correcting_a_stay_before_birth_is_refused_and_an_exit_is_recorded(
    login, caseworker_a, record, today
):
    person, stay = record["person"], record["stay"]
    url = reverse("web:person-stay-edit", args=[person.pk, stay.pk])
    client = login(caseworker_a)

    refused = client.post(url, {"country": "GE", "entry_date": "1985-01-01", "legal_basis": "visa_free"})
    exited = client.post(
        url,
        {
            "country": "GE",
            "entry_date": str(stay.entry_date),
            "exit_date": str(today),
            "legal_basis": "visa_free",
        },
    )

    assert refused.status_code == 200
    assert "The entry date is before the date of birth (17 May 1990)." in refused.content.decode()
    assert exited.status_code == 302
    assert Stay.objects.get(pk=stay.pk).exit_date == today
    assert last_event().action == "stay.update"


def test_correcting_a_role_to_child_is_checked_against_the_dates(login, caseworker_a, record):
    spouse = make_person(caseworker_a, given_name="Илья", sex="M", date_of_birth=date(1988, 1, 1))
    people_services.household_member_add(
        actor=caseworker_a, household_id=record["household"].pk, person_id=spouse.pk, role="spouse_partner"
    )
    url = reverse("web:person-role-edit", args=[spouse.pk])
    client = login(caseworker_a)

    refused = client.post(url, {"role": "child"})
    changed = client.post(url, {"role": "other_dependant"})

    assert refused.status_code == 200
    assert "A child is born at least 12 years after the principal applicant" in refused.content.decode()
    assert changed.status_code == 302
    assert HouseholdMember.objects.get(person=spouse).role == "other_dependant"
    assert last_event().action == "household.member_update"


def test_removing_a_spelling_asks_first_then_removes_it_audited(login, caseworker_a, record):
    person, variant = record["person"], record["variant"]
    client = login(caseworker_a)
    edit_page = client.get(
        reverse("web:person-name-variant-edit", args=[person.pk, variant.pk])
    ).content.decode()
    url = reverse("web:person-name-variant-remove", args=[person.pk, variant.pk])
    assert url in edit_page

    asked = client.get(url)
    assert asked.status_code == 200
    assert NameVariant.objects.filter(pk=variant.pk).exists()

    removed = client.post(url)

    assert removed.status_code == 302
    assert not NameVariant.objects.filter(pk=variant.pk).exists()
    assert last_event().action == "name_variant.remove"


def test_removing_a_contact_point(login, caseworker_a, record):
    person, contact = record["person"], record["contact"]

    response = login(caseworker_a).post(reverse("web:person-contact-remove", args=[person.pk, contact.pk]))

    assert response.status_code == 302
    assert not ContactPoint.objects.filter(pk=contact.pk).exists()
    assert last_event().action == "contact_point.remove"


def test_a_child_leaves_the_household_but_the_principal_cannot(login, caseworker_a, record):
    client = login(caseworker_a)

    refused = client.post(reverse("web:person-household-remove", args=[record["person"].pk]))
    removed = client.post(reverse("web:person-household-remove", args=[record["child"].pk]))

    assert refused.status_code == 409
    assert "The principal cannot be removed from their household." in refused.content.decode()
    assert HouseholdMember.objects.filter(person=record["person"]).exists()
    assert removed.status_code == 302
    assert not HouseholdMember.objects.filter(person=record["child"]).exists()
    assert last_event().action == "household.member_remove"


def test_an_auditor_cannot_remove_and_another_organisation_sees_nothing(
    login, auditor_a, caseworker_b, record
):
    person, contact = record["person"], record["contact"]
    url = reverse("web:person-contact-remove", args=[person.pk, contact.pk])

    assert login(auditor_a).post(url).status_code == 403
    assert login(caseworker_b).post(url).status_code == 404
    assert ContactPoint.objects.filter(pk=contact.pk).exists()
