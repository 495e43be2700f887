"""Every page and API operation that can be read (GET) has a query-count test, or a stated reason why it
needs none. The URLs are read from the URLconf and the operations' kinds from the OpenAPI schema, so a new
list page or endpoint fails here until it is counted.

To add a URL: write its query-count test in this folder (decorated with `@counts("<namespace>:<name>")`),
or, if it shows no list (a form, a file, one record), add it to NOT_LISTS with the reason. An API operation
that answers a list (a page of results or an array) can never be put in NOT_LISTS.
"""

import inspect
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from herzen.core.api import ActorListApi
from tests.performance import (  # noqa: F401 (importing them registers their tests)
    test_aid_api_lists,
    test_aid_lists,
    test_api_lists,
    test_detail_pages,
    test_documents,
    test_exports,
    test_list_pages,
    test_resettlement_pages,
)
from tests.performance.registry import COVERED

# Our own namespaces; allauth's login and MFA pages, the admin and set_language show no lists of records.
NAMESPACES = ("web", "api", "intake")

NOT_LISTS = {
    "web:home": "redirects to the case list or the application list",
    "web:duplicate-pair": "two persons side by side, each read with the person page's prefetching selector",
    "web:case-new": "a form (its caseworker choice is one query of the organisation's staff)",
    "web:evidence-file": "one file",
    "web:application-evidence-file": "one file (read through the application's evidence, counted with the application page)",
    "web:referrals": "forms only; the authority choice is one query",
    "web:case-resettlement-needs": "a form for one case's needs",
    "api:case-resettlement-needs": "one case's needs",
    "web:resettlement-offer": "a form for one offer (its promised places are one aggregate query)",
    "web:application-start": "a form for one case",
    "web:person-risk-edit": "a form for one risk factor",
    "web:person-edit": "a form for one person",
    "web:person-role-edit": "a form for one member's role",
    "web:person-name-variant-edit": "a form for one spelling (the person's documents are prefetched)",
    "web:person-document-edit": "a form for one document",
    "web:person-contact-edit": "a form for one contact point",
    "web:person-stay-edit": "a form for one stay (the person's documents are prefetched)",
    "web:person-household-remove": "a confirmation for one member",
    "web:person-name-variant-remove": "a confirmation for one spelling",
    "web:person-contact-remove": "a confirmation for one contact point",
    "api:case": "one case (its priority contributions are stored on the case)",
    "web:person-declarations": "one person's declarations: at most two standing, each withdrawal one more row",
    "api:evidence-file": "one file",
    "api:job": "one job",
    "api:job-file": "one job's file",
    "api:sealed-document": "one sealed document",
    "api:sealed-document-pdf": "one file",
    "api:seal-trust-list": "one signed file (its issuers are read in one query with their organisations)",
    "api:seal-status-list": "one signed file (one query of the revoked or suspended indexes)",
    "api:evidence": "one item, read by the same query as the evidence list (counted there)",
    "api:schema": "the schema",
    "api:docs": "the docs page",
    # The applicant's own pages: one draft, its steps and uploads, never a list of other records.
    "intake:start": "the applicant's own draft",
    "intake:link": "the applicant's link",
    "intake:lost-link": "a form",
    "intake:language": "a form",
    "intake:overview": "the applicant's own draft",
    "intake:check": "the applicant's own draft",
    "web:staff-welcome": "a one-time link that redirects",
    "web:staff-welcome-password": "a form for one invitation",
    "web:organisation-staff": "the organisation's memberships and open invitations, each read by one query",
    "api:aid-grant": "one grant and its tranches",
    "api:aid-programme": "one programme: its accounts and one grouped query of its months",
    "api:aid-payout": "one payout",
    "api:aid-payment-file-content": "one file",
    "web:aid-programme-report": "a file of sums per month, one grouped query",
    "web:aid-grant-detail": "one grant, its tranches (two or three per grant) and their payouts, one query each",
    "web:aid-grant-new": "a form: the running programmes and one case's household members, one query each",
    "web:aid-payout-new": "a form for one tranche",
    "web:aid-payment-file": "one bank file, written from its payouts read in one query",
    "web:aid-status-report": "a form; after an import, the uploaded report's lines (each updates its own payout)",
    "web:rules-register": "the encoded rules, read from the code's data, no database rows",
    "web:rules-register-export": "the encoded rules, read from the code's data, no database rows",
    # Statistics (issue 21): bounded by design, ceilings in herzen/statistics/tests/test_pages.py.
    "web:statistics": "one release's tables (one JSON row) and the newest 24 releases, one query",
    "web:statistics-download": "one release's tables as a file",
    "web:statistics-releases": "the newest 50 releases, one query with their users",
    "web:statistics-release": "one release",
    "web:statistics-dashboard": "three aggregates (GROUP BY) over the organisation's rows, at most 20 rows each",
    "intake:status": "the applicant's own draft",
    "intake:step": "one step of the applicant's own draft",
    "web:job-detail": "one job",
    "web:job-result": "one file",
    # Bounded by design (one query each, with select_related): the newest 100 notices, the newest 200 failures.
    "web:inbox": "the actor's newest 100 notices, one query",
    "web:jobs-failed": "the newest 200 failed jobs, one query",
    "web:document-detail": "one document",
    "web:document-pdf": "one file",
    "web:verifier": "the public verifier page: no database rows but the operator's key",
    "web:verifier-worker": "a script",
    "web:trust-list": "every seal key with its organisation, one query (select_related)",
    "web:operator-key": "one key file",
    "web:status-list": "the status indexes of revoked or suspended documents, one query (values_list)",
}


def url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[tuple[str, object]]:
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else namespace
            yield from url_patterns(pattern, inner or pattern.namespace or "")
        elif isinstance(pattern, URLPattern) and pattern.name and namespace in NAMESPACES:
            yield f"{namespace}:{pattern.name}", pattern.callback


def answers_get(callback: object) -> bool:
    """Whether a view answers GET: an API resource with a GET operation, an API class with a `get`, a function
    without require_POST and friends."""
    operations = getattr(callback, "operations", None)  # herzen.core.api.resource
    if operations is not None:
        return "GET" in operations
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        return hasattr(view_class, "get")
    methods = inspect.getclosurevars(callback).nonlocals.get("request_method_list")  # type: ignore[arg-type]
    return methods is None or "GET" in methods


def readable_urls() -> dict[str, object]:
    return {
        name: callback
        for name, callback in url_patterns()
        if answers_get(callback) and name != "api:unknown"  # the JSON 404 of any other path
    }


def api_list_urls() -> set[str]:
    """The URL names of the API operations whose answer is, by the schema, a list: an array, or a page with
    `results`."""
    view_names = {}
    for name, callback in url_patterns():
        # A resource (herzen.core.api.resource) serves each method by a view of its own.
        for view in getattr(callback, "operations", {"": callback}).values():
            view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
            if view_class is not None:
                view_names[view_class] = name
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    components = schema["components"]["schemas"]

    def resolve(body: dict) -> dict:
        while "$ref" in body:
            body = components[body["$ref"].rsplit("/", 1)[1]]
        return body

    listing = set()
    for path, _, method, view in generator.endpoints:
        if method != "GET" or path not in schema["paths"]:  # the docs page is left out of the schema
            continue
        answer = schema["paths"][path]["get"]["responses"].get("200", {})
        body = resolve(answer.get("content", {}).get("application/json", {}).get("schema", {}))
        if body.get("type") == "array" or "results" in body.get("properties", {}):
            view_class = getattr(view, "cls", None) or type(view)  # a view function, or a view itself
            listing.add(view_names.get(view_class, path))  # a path in the message if no URL name is known
    return listing


def test_every_readable_url_is_counted_or_says_why_not():
    readable = set(readable_urls())

    uncounted = readable - set(COVERED) - set(NOT_LISTS)
    assert not uncounted, f"Write a query-count test for these (or say in NOT_LISTS why none): {uncounted}"
    assert not set(COVERED) & set(NOT_LISTS), "counted and exempted at once"
    known = {name for name, _ in url_patterns()}
    assert set(COVERED) <= known, f"counted, but no such URL: {set(COVERED) - known}"
    assert set(NOT_LISTS) <= readable, f"stale NOT_LISTS entries: {set(NOT_LISTS) - readable}"


def test_every_api_list_operation_is_counted():
    lists = api_list_urls()
    paginated = {
        name for name, callback in readable_urls().items() if issubclass_safe(callback, ActorListApi)
    }

    assert paginated <= lists  # the schema sees every paginated operation (a check of this test itself)
    assert lists, "the schema should list some list operations"
    assert not lists & set(NOT_LISTS), f"API lists cannot be exempted: {lists & set(NOT_LISTS)}"
    assert lists <= set(COVERED), f"API list operations without a query-count test: {lists - set(COVERED)}"


def issubclass_safe(callback: object, base: type) -> bool:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, base)
