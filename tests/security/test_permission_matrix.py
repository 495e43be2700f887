"""Every URL pattern is in the permission matrix (tests/security/matrix.py), and answers every kind of
visitor exactly as the matrix says: strangers are sent away, roles get what their role allows, and another
organisation's staff cannot tell that the owning organisation's records exist."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.matrix import MATRIX
from tests.security.world import ROLES, build_world


def _patterns(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            key = prefix + str(pattern.pattern)  # the route, for an unnamed pattern
            if pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            operations = getattr(pattern.callback, "operations", None)  # herzen.core.api.resource
            if operations is None:
                yield key
            else:
                yield from (f"{key} {method}" for method in operations)


def test_every_url_pattern_is_in_the_matrix():
    patterns = list(_patterns())
    assert len(patterns) == len(set(patterns)), "two patterns share a key; name one of them"

    missing = sorted(set(patterns) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(patterns))

    assert missing == [], f"URL patterns without a row in tests/security/matrix.py: {missing}"
    assert stale == [], f"rows in tests/security/matrix.py for patterns that no longer exist: {stale}"


def test_every_row_names_every_visitor():
    incomplete = {
        key: sorted(set(ROLES) - set(row.expected))
        for key, row in MATRIX.items()
        if not row.shadowed_by and set(row.expected) != set(ROLES)
    }
    assert incomplete == {}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for all rows (requests with empty bodies change nothing that matters to another row), and
    rolled back at the end. Applicants' files go to a throw-away directory, unscanned (no ClamAV in tests)."""
    private_media = override_settings(
        HERZEN_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"), HERZEN_CLAMAV_COMMAND=""
    )
    with private_media, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _request(client, row, path, world_ids, n=0):
    if row.method == "GET":
        return client.get(path)
    if row.method == "DELETE":
        with transaction.atomic():  # each visitor finds the record still there
            response = client.delete(path)
            transaction.set_rollback(True)
        return response
    if path.startswith("/api/"):

        def fill(value):
            if isinstance(value, list):
                return [fill(item) for item in value]
            return value.format(**world_ids, n=n) if isinstance(value, str) else value

        body = {name: fill(value) for name, value in row.body.items()}
        send = {"PATCH": client.patch, "PUT": client.put}.get(row.method, client.post)
        return send(path, body, content_type="application/json")
    return client.post(path)


@pytest.mark.parametrize("key", sorted(key for key, row in MATRIX.items() if not row.shadowed_by))
def test_each_visitor_gets_the_expected_status(key, world, db):
    row = MATRIX[key]
    path = row.path.format(**world.ids)

    clients = world.clients()
    actual = {
        role: _request(clients[role], row, path, world.ids, n).status_code for n, role in enumerate(ROLES)
    }

    assert actual == row.expected, f"{row.method} {path}"


def test_another_organisations_records_are_not_found_anywhere_outside_the_admin():
    """A row may not expect anything but 404 when another organisation's staff name one of the owning
    organisation's records in a page or API URL (the admin answers "missing" with its own redirect)."""
    wrong = {
        key: {role: row.expected[role] for role in ("other_caseworker", "other_admin")}
        for key, row in MATRIX.items()
        if "{" in row.path
        and not row.path.startswith("/admin/")
        and not row.shadowed_by
        and row.expected["other_caseworker"] != 404
    }
    assert wrong == {}
