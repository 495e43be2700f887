"""Every error, from our services or from DRF, comes out as {code, message, fields}."""

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions as drf

from herzen.api.errors import exception_handler
from herzen.core import exceptions as ours


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (ours.NotFound(), 404, "not_found"),
        (ours.PermissionDenied("No."), 403, "permission_denied"),
        (ours.Conflict("Taken.", fields={"value": ["Already recorded."]}), 409, "conflict"),
        (ours.Invalid("Wrong.", fields={"surname": ["Cyrillic, please."]}), 400, "invalid"),
        (drf.ValidationError({"surname": ["Required."]}), 400, "invalid"),
        (drf.NotAuthenticated(), 401, "not_authenticated"),
        (drf.AuthenticationFailed(), 401, "authentication_failed"),
        (drf.PermissionDenied(), 403, "permission_denied"),
        (drf.NotFound(), 404, "not_found"),
        (Http404(), 404, "not_found"),
        (DjangoPermissionDenied(), 403, "permission_denied"),
        (drf.MethodNotAllowed("DELETE"), 405, "method_not_allowed"),
        (drf.Throttled(wait=30), 429, "throttled"),
        (drf.ParseError(), 400, "parse_error"),
        (drf.UnsupportedMediaType("text/csv"), 415, "unsupported_media_type"),
    ],
)
def test_each_error_maps_to_its_status_and_the_one_shape(exc, status, code):
    response = exception_handler(exc, {})

    assert response.status_code == status
    assert set(response.data) == {"code", "message", "fields"}
    assert response.data["code"] == code
    assert isinstance(response.data["message"], str)
    assert response.data["message"]
    assert isinstance(response.data["fields"], dict)


def test_service_field_errors_are_kept():
    response = exception_handler(ours.Conflict("Taken.", fields={"value": ["Already recorded."]}), {})

    assert response.data == {
        "code": "conflict",
        "message": "Taken.",
        "fields": {"value": ["Already recorded."]},
    }


def test_nested_serializer_errors_are_flattened_to_dotted_field_names():
    exc = drf.ValidationError(
        {
            "citizenships": {1: ["Not a country."]},
            "non_field_errors": ["Dates clash."],
            "members": [{}, {"role": ["Unknown role."]}],
        }
    )

    response = exception_handler(exc, {})

    assert response.data["fields"] == {
        "citizenships.1": ["Not a country."],
        "non_field_errors": ["Dates clash."],
        "members.1.role": ["Unknown role."],
    }


def test_throttling_says_when_to_come_back():
    response = exception_handler(drf.Throttled(wait=30), {})

    assert response["Retry-After"] == "30"


def test_unexpected_exceptions_are_left_to_django():
    assert exception_handler(RuntimeError("boom"), {}) is None


def test_an_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nowhere/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": response.json()["message"], "fields": {}}


def test_a_malformed_id_in_the_path_is_a_json_404(api_as, caseworker_a):
    response = api_as(caseworker_a).get("/api/v1/cases/not-a-uuid/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_wrong_method_is_a_json_405(api_as, caseworker_a):
    response = api_as(caseworker_a).delete("/api/v1/cases/")

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_malformed_json_is_a_json_400(api_as, caseworker_a):
    response = api_as(caseworker_a).post(
        "/api/v1/persons/", data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["fields"] == {}
