"""The case list: scoping, every filter, the name and reference search, htmx, pagination, languages, queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herzen.cases import services as case_services
from herzen.cases.tests.factories import make_case

URL = reverse("web:case-list")


def shown(response, *cases):
    """Which of `cases` the page lists as rows, by reference (the search box may echo a reference)."""
    listed = {row.case.reference for row in response.context["rows"]}
    content = response.content.decode()
    assert all(f">{reference}</a>" in content for reference in listed)
    return {case.reference for case in cases if case.reference in listed}


def test_lists_own_organisations_cases_only(login, caseworker_a, caseworker_b):
    case_a = make_case(caseworker_a)
    case_b = make_case(caseworker_b)

    response = login(caseworker_a).get(URL)

    assert response.status_code == 200
    assert shown(response, case_a, case_b) == {case_a.reference}


def test_row_shows_principal_household_size_country_deadline_caseworker_and_status(
    login, caseworker_a, make_case_with_stay, today
):
    case = make_case_with_stay(
        caseworker_a,
        surname="Щукина",
        country="KZ",
        days_left=10,
        assigned_caseworker_id=caseworker_a.user.pk,
    )

    page = login(caseworker_a).get(URL).content.decode()

    assert f">{case.reference}</a>" in page
    assert "Щукина Анна Сергеевна" in page
    assert "household of 1" in page
    assert "Kazakhstan" in page
    assert "10 days left" in page
    assert "row--urgent" in page
    assert str(caseworker_a.user) in page
    assert "Open" in page


def test_deadline_more_than_fourteen_days_away_is_not_highlighted(login, caseworker_a, make_case_with_stay):
    make_case_with_stay(caseworker_a, days_left=15)

    page = login(caseworker_a).get(URL).content.decode()

    assert "15 days left" in page
    assert "row--urgent" not in page


def test_status_filter(login, caseworker_a, supervisor_a):
    open_case = make_case(caseworker_a)
    held_case = make_case(caseworker_a)
    case_services.case_change_status(actor=supervisor_a, case_id=held_case.pk, status="on_hold")

    response = login(caseworker_a).get(URL, {"status": "on_hold"})

    assert shown(response, open_case, held_case) == {held_case.reference}


def test_country_filter_offers_and_applies_countries_present(login, caseworker_a, make_case_with_stay):
    in_georgia = make_case_with_stay(caseworker_a, surname="Грузинова", country="GE")
    in_turkey = make_case_with_stay(caseworker_a, surname="Турова", country="TR")

    response = login(caseworker_a).get(URL, {"country": "TR"})
    options = response.context["form"].fields["country"].choices

    assert shown(response, in_georgia, in_turkey) == {in_turkey.reference}
    assert [code for code, _name in options] == ["", "GE", "TR"]


def test_caseworker_filter_and_unassigned(login, caseworker_a, supervisor_a):
    mine = make_case(caseworker_a, assigned_caseworker_id=caseworker_a.user.pk)
    supervisors = make_case(caseworker_a, assigned_caseworker_id=supervisor_a.user.pk)
    nobodys = make_case(caseworker_a)
    client = login(caseworker_a)

    by_caseworker = client.get(URL, {"caseworker": str(caseworker_a.user.pk)})
    unassigned = client.get(URL, {"caseworker": "none"})

    assert shown(by_caseworker, mine, supervisors, nobodys) == {mine.reference}
    assert shown(unassigned, mine, supervisors, nobodys) == {nobodys.reference}


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        ("7", {"soon"}),
        ("14", {"soon", "fortnight"}),
        ("30", {"soon", "fortnight"}),
        ("45", {"soon", "fortnight", "later"}),
    ],
)
def test_deadline_within_days_filter(login, caseworker_a, make_case_with_stay, within, expected):
    cases = {
        "soon": make_case_with_stay(caseworker_a, surname="Скорова", days_left=5),
        "fortnight": make_case_with_stay(caseworker_a, surname="Двухнеделева", days_left=14),
        "later": make_case_with_stay(caseworker_a, surname="Позднева", days_left=40),
        "no_stay": make_case(caseworker_a),
    }

    response = login(caseworker_a).get(URL, {"within": within})

    assert shown(response, *cases.values()) == {cases[name].reference for name in expected}


def test_unreadable_filter_is_ignored_and_reported(login, caseworker_a):
    case = make_case(caseworker_a)

    response = login(caseworker_a).get(URL, {"within": "soon"})

    assert shown(response, case) == {case.reference}
    assert "Some filters could not be read" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["Щукина", "щукина", "Shchukina", "Schtschukina", "Ščukina", "Shchukina Anna"]
)
def test_search_finds_a_name_in_any_script_or_spelling(login, caseworker_a, make_case_with_stay, query):
    shchukina = make_case_with_stay(caseworker_a, surname="Щукина", given_name="Анна")
    ivanov = make_case_with_stay(caseworker_a, surname="Иванов", given_name="Пётр")

    response = login(caseworker_a).get(URL, {"q": query})

    assert shown(response, shchukina, ivanov) == {shchukina.reference}


def test_search_finds_a_reference_typed_in_lower_case_without_hyphens(login, caseworker_a):
    wanted = make_case(caseworker_a)
    other = make_case(caseworker_a)
    typed = wanted.reference.replace("-", "").lower()

    response = login(caseworker_a).get(URL, {"q": typed})

    assert shown(response, wanted, other) == {wanted.reference}


def test_search_does_not_reach_another_organisation(login, caseworker_a, caseworker_b):
    case_b = make_case(caseworker_b)

    by_name = login(caseworker_a).get(URL, {"q": "Shchukina"})
    by_reference = login(caseworker_a).get(URL, {"q": case_b.reference})

    assert shown(by_name, case_b) == set()
    assert shown(by_reference, case_b) == set()


def test_sort_orders(login, caseworker_a, make_case_with_stay):
    later = make_case_with_stay(caseworker_a, surname="Позднева", days_left=40)
    sooner = make_case_with_stay(caseworker_a, surname="Скорова", days_left=5)
    client = login(caseworker_a)

    def order(sort):
        rows = client.get(URL, {"sort": sort}).context["rows"]
        return [row.case.reference for row in rows]

    assert order("deadline") == [sooner.reference, later.reference]
    assert order("newest") == [sooner.reference, later.reference]
    assert order("oldest") == [later.reference, sooner.reference]
    assert order("reference") == sorted([sooner.reference, later.reference])


def test_htmx_request_gets_only_the_results_region(login, caseworker_a):
    case = make_case(caseworker_a)

    response = login(caseworker_a).get(URL, {"status": "open"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()

    assert response.status_code == 200
    assert response.templates[0].name == "web/cases/_results.html"
    assert "<html" not in content
    assert 'id="case-results"' not in content
    assert case.reference in content
    assert 'hx-swap-oob="true"' in content
    assert "HX-Request" in response["Vary"]


def test_full_page_carries_the_htmx_wiring_and_works_without_it(login, caseworker_a):
    case = make_case(caseworker_a)

    content = login(caseworker_a).get(URL).content.decode()

    assert "<html" in content
    assert 'hx-target="#case-results"' in content
    assert 'hx-push-url="true"' in content
    assert 'method="get"' in content
    assert case.reference in content


def test_pagination_shows_25_and_page_links_keep_the_filters(login, caseworker_a):
    cases = [make_case(caseworker_a) for _ in range(27)]

    first = login(caseworker_a).get(URL, {"status": "open", "sort": "reference"})
    second = login(caseworker_a).get(URL, {"status": "open", "sort": "reference", "page": "2"})

    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 2
    assert "?status=open&amp;sort=reference&amp;page=2" in first.content.decode()
    assert shown(second, *cases) == {c.reference for c in sorted(cases, key=lambda c: c.reference)[25:]}


def test_russian_page_is_in_russian(login, caseworker_a):
    make_case(caseworker_a)

    content = login(caseworker_a, language="ru").get(URL).content.decode()

    assert '<html lang="ru">' in content
    assert "<h1>Дела</h1>" in content
    assert "Открыто" in content  # the case status label
    assert "Поиск" in content


def test_english_page_is_in_english(login, caseworker_a):
    make_case(caseworker_a)

    content = login(caseworker_a, language="en").get(URL).content.decode()

    assert '<html lang="en">' in content
    assert "<h1>Cases</h1>" in content
    assert "Дела" not in content


def test_query_count_does_not_grow_with_the_number_of_cases(
    login, caseworker_a, supervisor_a, make_case_with_stay, django_assert_max_num_queries
):
    client = login(caseworker_a)
    make_case_with_stay(caseworker_a, surname="Первова", assigned_caseworker_id=caseworker_a.user.pk)
    client.get(URL)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(20):
        make_case_with_stay(
            caseworker_a,
            surname=f"Вторая{'а' * number}",
            country="TR",
            days_left=number + 1,
            assigned_caseworker_id=supervisor_a.user.pk,
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)

    assert len(response.context["rows"]) == 21


def test_deadline_shows_days_left_relative_to_today(login, caseworker_a, make_case_with_stay, today):
    make_case_with_stay(caseworker_a, days_left=1)

    page = login(caseworker_a).get(URL).content.decode()

    assert "1 day left" in page
    assert (today + timedelta(days=1)).strftime("%Y") in page
