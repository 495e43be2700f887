"""The case list counts its matches only up to a cap ("more than N"), and every page stays reachable."""

import pytest
from django.urls import reverse

from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.web.views import cases as case_views
from herzen.web.views.cases import CappedPaginator

URL = reverse("web:case-list")


@pytest.fixture
def three_cases(caseworker_a):
    return [make_case(caseworker_a) for _ in range(3)]


def test_a_count_beyond_the_cap_is_a_lower_bound(three_cases, caseworker_a):
    cases = Case.objects.for_actor(caseworker_a).order_by("reference")
    first = CappedPaginator(cases, 1, cap=1, page=1)
    assert (first.count, first.is_capped, first.counted_up_to) == (2, True, 1)
    assert first.get_page(1).has_next()


def test_the_requested_page_is_counted_to_so_later_pages_stay_reachable(three_cases, caseworker_a):
    cases = Case.objects.for_actor(caseworker_a).order_by("reference")
    third = CappedPaginator(cases, 1, cap=1, page="3")
    page = third.get_page("3")
    assert page.number == 3
    assert not third.is_capped
    assert not page.has_next()
    assert CappedPaginator(cases, 1, cap=1, page="2").get_page("2").has_next()


def test_a_page_that_is_no_number_counts_from_the_first(three_cases, caseworker_a):
    cases = Case.objects.for_actor(caseworker_a).order_by("reference")
    assert CappedPaginator(cases, 1, cap=1, page="last").get_page("last").number == 1


def test_the_page_says_more_than_the_cap_without_a_page_total(three_cases, caseworker_a, login, monkeypatch):
    monkeypatch.setattr(case_views, "CASE_COUNT_CAP", 2)
    monkeypatch.setattr(case_views, "CASES_PER_PAGE", 1)

    content = login(caseworker_a).get(URL).content.decode()
    assert "More than 2 cases found" in content
    assert "page 1 of" not in content
    assert "page 1" in content

    russian = login(caseworker_a, language="ru").get(URL).content.decode()
    assert "Найдено более 2 дел" in russian


def test_below_the_cap_the_count_is_exact(three_cases, caseworker_a, login):
    content = login(caseworker_a).get(URL).content.decode()
    assert "3 cases found" in content
    assert "More than" not in content
