from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from herzen.api.pagination import Pagination


def page_size(query: str) -> int | None:
    return Pagination().get_page_size(Request(APIRequestFactory().get(f"/api/v1/cases/{query}")))


def test_the_page_size_defaults_to_the_setting_and_is_capped_at_200():
    assert page_size("") == 50
    assert page_size("?page_size=10") == 10
    assert page_size("?page_size=500") == 200


def test_a_list_answers_in_the_pagination_shape(api_as, caseworker_a):
    response = api_as(caseworker_a).get("/api/v1/cases/?page_size=1")

    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}
