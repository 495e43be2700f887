"""The OpenAPI schema and its docs page: generated without warnings, served only to signed-in users,
and the docs page loads nothing from another host."""

import re

from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_schema_is_openapi_3_and_lists_every_operation(api_as, caseworker_a):
    response = api_as(caseworker_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "case_list",
        "case_open",
        "case_get",
        "case_assign",
        "case_change_status",
        "case_notes",
        "case_note_add",
        "person_list",
        "person_create",
        "person_get",
        "person_update",
        "name_variant_add",
        "contact_point_add",
        "household_create",
        "household_get",
        "household_member_add",
        "document_list",
        "document_add",
        "document_update",
        "stay_list",
        "stay_record",
        "stay_update",
        "name_variant_update",
        "name_variant_remove",
        "contact_point_update",
        "contact_point_remove",
        "entry_refusal_list",
        "entry_refusal_record",
        "risk_factor_list",
        "risk_factor_record",
        "risk_factor_update",
        "household_member_update",
        "household_member_remove",
    } <= operations
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "fields", "message"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_schema_generates_without_warnings(db, tmp_path):
    # --fail-on-warn turns any warning (an unresolvable type, an enum name collision) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3")


def test_the_schema_and_docs_are_not_shown_to_strangers(db):
    schema = APIClient().get("/api/schema/")
    docs = APIClient().get("/api/docs/")

    assert schema.status_code == 401
    assert docs.status_code == 302
    assert docs["Location"].startswith("/login/?next=/api/docs/")


def test_the_docs_page_loads_only_our_own_static_files(api_as, caseworker_a):
    response = api_as(caseworker_a).get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert references, "expected the page to load Swagger UI's files"
    # Our static files, and the start-up script from this same view (no inline script under the CSP).
    assert all(ref.startswith(("/static/", "/api/docs/?script")) for ref in references), references
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE)
    assert "<style" not in html
    assert not re.search(r"<script>|<script(?![^>]*\bsrc=)[^>]*>", html)
    script = api_as(caseworker_a).get("/api/docs/?script=").content.decode()
    assert not re.search(r"https?://", script)
    # Swagger UI's default validator badge would load an image from validator.swagger.io.
    assert '"validatorUrl": null' in script


def test_the_api_speaks_rest_collections_items_and_sub_collections(api_as, caseworker_a):
    """No URL ends in a verb: collections take GET and POST, items GET, PATCH and DELETE, and a state change
    is a POST to a sub-collection named for the event."""
    schema = api_as(caseworker_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    verbs = ("/create/", "/update/", "/add/", "/exit/", "/start/", "/transition/", "/assign/", "/open/")
    assert [path for path in schema["paths"] if path.endswith(verbs)] == []
    methods = {path: set(ops) - {"parameters"} for path, ops in schema["paths"].items()}
    assert methods["/api/v1/persons/"] == {"get", "post"}
    assert methods["/api/v1/persons/{person_id}/"] == {"get", "patch"}
    assert methods["/api/v1/documents/{document_id}/"] == {"patch"}
    assert methods["/api/v1/name-variants/{variant_id}/"] == {"patch", "delete"}
    assert methods["/api/v1/applications/{application_id}/transitions/"] == {"post"}


def test_a_method_a_resource_does_not_take_gets_405_naming_the_ones_it_does(api_as, caseworker_a):
    response = api_as(caseworker_a).delete("/api/v1/persons/")

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert {method.strip() for method in response["Allow"].split(",")} == {"GET", "HEAD", "POST", "OPTIONS"}


def _schema(api_as, actor):
    return api_as(actor).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_days_left_is_declared_nullable_as_it_is_answered(api_as, caseworker_a):
    schema = _schema(api_as, caseworker_a)

    days_left = schema["components"]["schemas"]["StayWithDeadline"]["properties"]["days_left"]
    assert days_left["type"] == "integer"
    assert days_left["nullable"] is True
    assert "null" in days_left["description"]


def test_every_paginated_list_documents_its_page_size_bounds_and_the_400(api_as, caseworker_a):
    schema = _schema(api_as, caseworker_a)

    paginated = [
        operation
        for path in schema["paths"].values()
        for operation in path.values()
        if any(p["name"] == "page_size" for p in operation.get("parameters", []))
    ]
    assert len(paginated) >= 8
    for operation in paginated:
        page_size = next(p for p in operation["parameters"] if p["name"] == "page_size")
        assert page_size["schema"]["minimum"] == 1
        assert "400" in page_size["description"]
        assert "200" in page_size["description"]
        assert "400" in operation["responses"], operation["operationId"]


def test_page_size_zero_gets_the_documented_400(api_as, caseworker_a):
    response = api_as(caseworker_a).get("/api/v1/persons/?page_size=0")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["page_size"]


def test_required_text_refuses_whitespace_only_and_the_schema_says_so(api_as, caseworker_a):
    schema = _schema(api_as, caseworker_a)
    note = schema["components"]["schemas"]["CaseNoteAddRequest"]["properties"]["body"]
    assert note["pattern"] == r"\S"


def test_booleans_are_strict_in_bodies_and_queries(api_as, caseworker_a):
    from herzen.people.tests.factories import make_person

    person = make_person(caseworker_a)
    client = api_as(caseworker_a)

    for wrong in (1, 0, "yes", "true", None):
        response = client.post(
            f"/api/v1/persons/{person.pk}/contact-points/",
            {"kind": "phone", "value": "+995555000111", "is_preferred": wrong},
            format="json",
        )
        if wrong is None:  # null is not a boolean either: DRF refuses it (no allow_null)
            assert response.status_code == 400
            continue
        assert response.status_code == 400, wrong
        assert list(response.json()["fields"]) == ["is_preferred"]
    assert not person.contact_points.exists()
    assert client.get("/api/v1/applications/?active=1").status_code == 400
    assert client.get("/api/v1/applications/?active=true").status_code == 200
