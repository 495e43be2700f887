"""The new-case page: one form that records someone new and opens their case, or writes nothing."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.cases import services as case_services
from herzen.cases.models import Case
from herzen.core.exceptions import Invalid
from herzen.people.models import ContactPoint, Household, Person, Stay

URL = reverse("web:case-new")


def entered(**changes):
    """What a caseworker types for Anna Shchukina, who is in Georgia since a month ago."""
    return {
        "surname": "Щукина",
        "given_name": "Анна",
        "patronymic": "Сергеевна",
        "sex": "F",
        "date_of_birth": "17.05.1990",
        "citizenship": "RU",
        "second_citizenship": "",
        "contact_kind": "telegram",
        "contact_value": "@anna_sch",
        "stay_country": "GE",
        "stay_city": "Тбилиси",
        "stay_entry_date": "",
        "stay_legal_basis": "visa_free",
        "stay_authorised_until": "",
        **changes,
    }


def nothing_written():
    return not any(model.objects.exists() for model in (Person, Household, Case, AuditEvent))


def test_the_case_list_offers_a_new_case_to_those_who_may_open_one(login, caseworker_a, auditor_a):
    for_caseworker = login(caseworker_a).get(reverse("web:case-list")).content.decode()
    for_auditor = login(auditor_a).get(reverse("web:case-list")).content.decode()
    in_russian = login(caseworker_a, language="ru").get(reverse("web:case-list")).content.decode()

    assert f'href="{URL}"' in for_caseworker
    assert "New case" in for_caseworker
    assert f'href="{URL}"' not in for_auditor
    assert "Новое дело" in in_russian


def test_opening_a_case_records_everyone_and_lands_on_the_case_with_its_reference(login, caseworker_a, today):
    client = login(caseworker_a)

    response = client.post(URL, entered(stay_entry_date=(today - timedelta(days=30)).isoformat()))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:case-detail", args=[case.pk])
    person = Person.objects.get()
    assert (person.full_name, person.sex, person.date_of_birth) == (
        "Щукина Анна Сергеевна",
        "F",
        date(1990, 5, 17),
    )
    assert [c.code for c in person.citizenships] == ["RU"]
    assert ContactPoint.objects.get().value == "@anna_sch"
    stay = Stay.objects.get()
    assert (stay.country.code, stay.city, stay.entry_date) == ("GE", "Тбилиси", today - timedelta(days=30))
    assert case.household.members.get().person == person
    assert case.assigned_caseworker_id == caseworker_a.user.pk
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "case.open",
        "contact_point.add",
        "household.create",
        "person.create",
        "stay.record",
    ]
    page = client.get(response["Location"]).content.decode()
    assert f"Case {case.reference} was opened." in page
    assert "Щукина Анна Сергеевна" in page


@pytest.mark.parametrize("typed", ["17.05.1990", "17/05/1990", "1990-05-17", " 17.05.1990 "])
def test_a_date_of_birth_is_read_as_people_type_it(login, caseworker_a, typed):
    response = login(caseworker_a).post(URL, entered(date_of_birth=typed, stay_country="", stay_city=""))

    assert response.status_code == 302
    assert Person.objects.get().date_of_birth == date(1990, 5, 17)


def test_only_the_principal_is_needed(login, caseworker_a):
    response = login(caseworker_a).post(
        URL,
        entered(
            date_of_birth="", contact_kind="", contact_value="", stay_country="", stay_city="", patronymic=""
        ),
    )

    assert response.status_code == 302
    assert Person.objects.get().date_of_birth is None
    assert not ContactPoint.objects.exists()
    assert not Stay.objects.exists()


def test_a_stateless_person_with_a_second_citizenship(login, caseworker_a):
    stateless = login(caseworker_a).post(URL, entered(citizenship="none", stay_country="", stay_city=""))
    dual = login(caseworker_a).post(
        URL,
        entered(
            given_name="Мария",
            second_citizenship="IL",
            stay_country="",
            stay_city="",
            contact_kind="",
            contact_value="",
        ),
    )

    assert stateless.status_code == dual.status_code == 302
    by_name = {p.given_name: sorted(c.code for c in p.citizenships) for p in Person.objects.all()}
    assert by_name == {"Анна": [], "Мария": ["IL", "RU"]}


def test_a_new_case_is_listed_and_found_by_a_latin_spelling_of_the_name(login, caseworker_a):
    client = login(caseworker_a)
    client.post(URL, entered(stay_country="", stay_city=""))
    case = Case.objects.get()

    listed = client.get(reverse("web:case-list")).content.decode()
    by_passport_spelling = client.get(reverse("web:case-list"), {"q": "Shchukina"})
    by_german_spelling = client.get(reverse("web:case-list"), {"q": "Schtschukina Anna"})
    by_other_name = client.get(reverse("web:case-list"), {"q": "Petrova"})

    assert f">{case.reference}</a>" in listed
    assert [row.case for row in by_passport_spelling.context["rows"]] == [case]
    assert [row.case for row in by_german_spelling.context["rows"]] == [case]
    assert by_other_name.context["rows"] == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"surname": "Shchukina"}, "surname", "Write the name in Cyrillic, as in the Russian passport."),
        ({"date_of_birth": "17.05.2990"}, "date_of_birth", "A date of birth cannot be in the future."),
        ({"date_of_birth": "31.02.1990"}, "date_of_birth", "Enter the date as day.month.year"),
        ({"stay_entry_date": "2999-01-01"}, "stay_entry_date", "This date is in the future."),
        ({"stay_entry_date": ""}, "stay_entry_date", "Enter the date they entered the country."),
        ({"contact_value": ""}, "contact_value", "Enter the number or address"),
        (
            {"contact_kind": "email", "contact_value": "anna@"},
            "contact_value",
            "Enter a valid e-mail address.",
        ),
        ({"sex": ""}, "sex", "This field is required."),
    ],
)
def test_a_mistake_is_shown_beside_its_field_and_in_the_summary_keeping_every_value_and_writing_nothing(
    login, caseworker_a, today, changes, field, message
):
    data = entered(**{"stay_entry_date": (today - timedelta(days=3)).isoformat(), **changes})

    response = login(caseworker_a).post(URL, data)
    page = response.content.decode()

    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert f'href="#id_{field}"' in page
    assert f'id="id_{field}_error"' in page
    assert message in page
    form = response.context["form"]
    assert list(form.errors) == [field]
    for name, value in data.items():
        assert str(form[name].value() or "") == value, name
    assert f'value="{data["surname"]}"' in page
    assert 'value="Тбилиси"' in page
    assert nothing_written()


def test_a_latin_surname_and_a_future_entry_are_both_reported_in_one_round(login, caseworker_a, today):
    response = login(caseworker_a).post(
        URL, entered(surname="Shchukina", stay_entry_date=(today + timedelta(days=30)).isoformat())
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"surname", "stay_entry_date"}
    assert nothing_written()


def test_a_services_field_error_is_shown_beside_the_field_it_concerns(login, caseworker_a):
    refusal = Invalid(
        "Please correct the highlighted fields.", fields={"stay.entry_date": ["Overlaps another stay."]}
    )

    with mock.patch.object(case_services, "case_open_for_new_household", side_effect=refusal):
        response = login(caseworker_a).post(URL, entered(stay_entry_date="2020-01-01"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"stay_entry_date": ["Overlaps another stay."]}
    assert 'id="id_stay_entry_date_error"' in response.content.decode()


def test_an_auditor_gets_403_for_the_page_and_the_post_and_nothing_is_written(login, auditor_a):
    client = login(auditor_a)

    page = client.get(URL)
    post = client.post(URL, entered(stay_country="", stay_city=""))

    assert page.status_code == post.status_code == 403
    assert nothing_written()


def test_fields_needed_once_their_optional_group_is_filled_in_are_not_marked_optional(login, caseworker_a):
    page = login(caseworker_a).get(URL).content.decode()

    assert '<label for="id_stay_country">Country</label>' in page
    assert '<label for="id_stay_entry_date">Entry date</label>' in page
    assert '<label for="id_stay_city">City <span class="optional">(optional)</span></label>' in page
    assert (
        '<label for="id_patronymic">Patronymic (Cyrillic) <span class="optional">(optional)</span></label>'
        in page
    )


def test_a_caseworker_holds_their_new_case_and_is_not_offered_a_choice(login, caseworker_a):
    page = login(caseworker_a).get(URL)

    assert "assigned_caseworker" not in page.context["form"].fields
    assert "The case will be assigned to you." in page.content.decode()


def test_a_supervisor_chooses_the_caseworker(login, supervisor_a, caseworker_a, auditor_a):
    client = login(supervisor_a)
    choices = [
        value for value, _label in client.get(URL).context["form"].fields["assigned_caseworker"].choices
    ]

    response = client.post(
        URL, entered(stay_country="", stay_city="", assigned_caseworker=str(caseworker_a.user.pk))
    )

    assert str(caseworker_a.user.pk) in choices
    assert str(auditor_a.user.pk) not in choices
    assert response.status_code == 302
    assert Case.objects.get().assigned_caseworker_id == caseworker_a.user.pk


def test_the_russian_page(login, caseworker_a):
    page = login(caseworker_a, language="ru").get(URL).content.decode()

    assert "Новое дело" in page
    assert "Открыть дело" in page
    assert "Фамилия (кириллицей)" in page
    assert "Россия" in page


def test_an_entry_before_the_date_of_birth_is_refused_beside_the_entry_date(login, caseworker_a):
    response = login(caseworker_a).post(URL, entered(stay_entry_date="1985-01-01"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "stay_entry_date": ["The entry date is before the date of birth (17 May 1990)."]
    }
    assert 'value="Сергеевна"' in response.content.decode()
    assert nothing_written()
