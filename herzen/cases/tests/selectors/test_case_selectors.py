"""case_get, the household filter of case_list and case_country_choices, each scoped to the organisation."""

from datetime import date

import pytest

from herzen.cases import services as case_services
from herzen.cases.selectors import CaseFilters, case_country_choices, case_get, case_list
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import NotFound
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person


def _case_in(actor, country, *, surname="Щукина"):
    person = make_person(actor, surname=surname)
    if country:
        people_services.stay_record(
            actor=actor,
            person_id=person.pk,
            country=country,
            entry_date=date(2026, 10, 1),
            legal_basis="visa_free",
        )
    return make_case(actor, household=make_household(actor, principal=person))


def test_case_get_joins_the_household_and_the_caseworker(
    caseworker_a, supervisor_a, django_assert_num_queries
):
    case = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)

    fetched = case_get(actor=supervisor_a, case_id=case.pk)

    with django_assert_num_queries(0):
        assert fetched.household.pk == case.household_id
        assert fetched.assigned_caseworker == caseworker_a.user


def test_case_get_of_another_organisation_is_not_found(caseworker_b, caseworker_a):
    case = make_case(caseworker_a)

    with pytest.raises(NotFound):
        case_get(actor=caseworker_b, case_id=case.pk)


def test_the_household_filter_lists_that_households_cases_only(caseworker_a, supervisor_a, caseworker_b):
    household = make_household(caseworker_a)
    closed = make_case(caseworker_a, household=household)
    case_services.case_change_status(actor=supervisor_a, case_id=closed.pk, status="closed")
    current = make_case(caseworker_a, household=household)
    make_case(caseworker_a)  # another household's

    found = case_list(actor=caseworker_a, filters=CaseFilters(household_id=household.pk))

    assert set(found) == {closed, current}
    assert list(case_list(actor=caseworker_b, filters=CaseFilters(household_id=household.pk))) == []


def test_country_choices_are_the_distinct_current_countries_of_the_organisations_cases(
    caseworker_a, caseworker_b
):
    _case_in(caseworker_a, "GE")
    _case_in(caseworker_a, "GE", surname="Петрова")
    _case_in(caseworker_a, "KZ", surname="Иванова")
    _case_in(caseworker_a, "", surname="Смирнова")  # where they are is not known
    _case_in(caseworker_b, "TR")

    assert case_country_choices(actor=caseworker_a) == ["GE", "KZ"]
    assert case_country_choices(actor=caseworker_b) == ["TR"]
