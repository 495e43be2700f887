from datetime import date, timedelta

import pytest

from herzen.cases import services as case_services
from herzen.cases.selectors import CaseFilters, case_get, case_list
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import NotFound
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person

TODAY = date(2026, 11, 23)


@pytest.fixture
def shchukina_case(caseworker_a):
    anna = make_person(caseworker_a, surname="Щукина", given_name="Анна", patronymic="Сергеевна")
    return make_case(caseworker_a, household=make_household(caseworker_a, principal=anna))


@pytest.fixture
def petrov_case(caseworker_a):
    ivan = make_person(caseworker_a, surname="Петров", given_name="Иван", patronymic="Ильич", sex="M")
    return make_case(caseworker_a, household=make_household(caseworker_a, principal=ivan))


@pytest.mark.parametrize(
    "query",
    [
        "Щукина",
        "щукина",
        "Shchukina",
        "SHCHUKINA",
        "Schtschukina",
        "Ščukina",
        "Shchukina Anna",
        "Анна Щукина",
    ],
)
def test_a_name_in_any_script_or_spelling_finds_the_case(caseworker_a, shchukina_case, petrov_case, query):
    assert list(case_list(actor=caseworker_a, filters=CaseFilters(query=query))) == [shchukina_case]


def test_a_name_that_matches_nobody_finds_nothing(caseworker_a, shchukina_case):
    assert list(case_list(actor=caseworker_a, filters=CaseFilters(query="Smirnova"))) == []


def test_a_reference_number_typed_sloppily_finds_its_case(caseworker_a, shchukina_case, petrov_case):
    sloppy = shchukina_case.reference.replace("-", "").lower()

    assert list(case_list(actor=caseworker_a, filters=CaseFilters(query=sloppy))) == [shchukina_case]


def test_another_organisation_sees_none_of_it(caseworker_b, shchukina_case):
    assert list(case_list(actor=caseworker_b)) == []
    assert list(case_list(actor=caseworker_b, filters=CaseFilters(query="Щукина"))) == []
    with pytest.raises(NotFound):
        case_get(actor=caseworker_b, case_id=shchukina_case.pk)


def test_filters_by_status_and_caseworker(caseworker_a, supervisor_a, shchukina_case, petrov_case):
    case_services.case_assign(actor=supervisor_a, case_id=petrov_case.pk, caseworker_id=caseworker_a.user.pk)
    case_services.case_change_status(actor=supervisor_a, case_id=shchukina_case.pk, status="on_hold")

    on_hold = case_list(actor=caseworker_a, filters=CaseFilters(status="on_hold"))
    mine = case_list(actor=caseworker_a, filters=CaseFilters(caseworker_id=str(caseworker_a.user.pk)))
    unassigned = case_list(actor=caseworker_a, filters=CaseFilters(caseworker_id="none"))

    assert list(on_hold) == [shchukina_case]
    assert list(mine) == [petrov_case]
    assert list(unassigned) == [shchukina_case]


def test_filters_by_country_and_deadline_and_sorts_by_deadline(caseworker_a, shchukina_case, petrov_case):
    anna = shchukina_case.household.members.get().person
    ivan = petrov_case.household.members.get().person
    # Turkey: 60 days from 2026-10-01 -> last legal day 2026-11-29, six days after TODAY.
    people_services.stay_record(
        actor=caseworker_a,
        person_id=anna.pk,
        country="TR",
        entry_date=date(2026, 10, 1),
        legal_basis="visa_free",
    )
    people_services.stay_record(
        actor=caseworker_a,
        person_id=ivan.pk,
        country="GE",
        entry_date=date(2026, 10, 1),
        legal_basis="visa_free",
    )

    urgent = case_list(actor=caseworker_a, filters=CaseFilters(deadline_within_days=14), today=TODAY)
    in_georgia = case_list(actor=caseworker_a, filters=CaseFilters(country="ge"))
    by_deadline = case_list(actor=caseworker_a, filters=CaseFilters(sort="deadline"))

    assert list(urgent) == [shchukina_case]
    assert shchukina_case.household.members.get().person.stays.get().legal_deadline == TODAY + timedelta(
        days=6
    )
    assert list(in_georgia) == [petrov_case]
    assert list(by_deadline) == [shchukina_case, petrov_case]


def test_the_list_query_count_does_not_grow_with_the_number_of_cases(caseworker_a, django_assert_num_queries):
    for n in range(2):
        make_case(
            caseworker_a,
            household=make_household(
                caseworker_a, principal=make_person(caseworker_a, given_name=["Анна", "Вера"][n])
            ),
        )

    def render_rows():
        return [
            (c.reference, [m.person.full_name for m in c.household.ordered_members])
            for c in case_list(actor=caseworker_a)
        ]

    with django_assert_num_queries(2):
        assert len(render_rows()) == 2
    for name in ["Ольга", "Ирина", "Дарья", "Нина"]:
        make_case(
            caseworker_a,
            household=make_household(caseworker_a, principal=make_person(caseworker_a, given_name=name)),
        )
    with django_assert_num_queries(2):
        assert len(render_rows()) == 6
