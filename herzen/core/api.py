"""The base of every JSON API class: the acting user's Actor, input parsing into our errors, pagination.

An API class handles one operation: it parses its input with its own serializer, calls one service or selector
with `actor=self.actor`, and renders the result with its own output serializer (see docs/api.md).

herzen.core sits below herzen.organisations and herzen.api, so it names what it needs from them by dotted path
in settings (HERZEN_ACTOR_RESOLVER, REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]) rather than importing them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, cast

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_noop
from django_countries import countries
from django_countries.serializer_fields import CountryField
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from herzen.core.actor import Actor
from herzen.core.exceptions import ApplicationError, Invalid

# The same words as herzen.core.changes.validate; translated when raised, in the request's language.
INVALID_MESSAGE = gettext_noop("Please correct the highlighted fields.")


ERROR_DESCRIPTIONS = {
    400: "The input is wrong: `fields` names each wrong field with its messages (`code` is `invalid`).",
    401: "No valid session or API token.",
    403: "Your role or organisation may not do this.",
    404: "No such record in your organisation (records of other organisations are reported the same way).",
    409: "The request clashes with the current state (a duplicate, an illegal change); see `message`.",
}


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error response."""

    code = serializers.CharField(help_text="Stable machine-readable code, e.g. invalid, not_found, conflict.")
    message = serializers.CharField(help_text="A sentence for a person.")
    # DRF moves declared fields off the class, so this does not shadow Serializer.fields at run time.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per input field; empty when the error concerns the whole request.",
    )

    class Meta:
        ref_name = "Error"


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the given error statuses; 401 and 403 apply to every operation and are always added."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status])
        for status in sorted({401, 403, *statuses})
    }


class CountryCodeField(CountryField):
    """A country as its ISO 3166-1 alpha-2 code (upper case) in and out."""

    def to_internal_value(self, data: Any) -> Any:
        # django-countries would also take {"code": ...} objects (and {} as no country); the API takes codes.
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


# Named once in the schema (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["CountryCodeEnum"]).
COUNTRY_CODES = sorted(code for code, _ in countries)


class CountryCodeFieldSchema(OpenApiSerializerFieldExtension):
    """In the schema, the codes the field accepts (not any two letters: "AA" is refused), and "" where blank
    is allowed, so that clients and schemathesis know exactly what is valid."""

    target_class = CountryCodeField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        codes = list(COUNTRY_CODES)
        if self.target.allow_blank:
            codes = ["", *codes]
        return {"type": "string", "enum": codes, "description": "ISO 3166-1 alpha-2 country code, e.g. GE."}


def resolve_actor(request: Request) -> Actor | None:
    """The Actor for an authenticated request, built by the function named in settings.HERZEN_ACTOR_RESOLVER."""
    resolver: Callable[[Request], Actor | None] = import_string(settings.HERZEN_ACTOR_RESOLVER)
    return resolver(request)


def error_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure flattened to `{field: [messages]}`.

    Nested fields are named with dots ("citizenships.0"); errors that belong to no field are "non_field_errors".
    """
    fields: dict[str, list[str]] = {}
    if isinstance(detail, Mapping):
        for name, value in detail.items():
            key = str(name)
            if key in (api_settings.NON_FIELD_ERRORS_KEY, "__all__"):
                key = "non_field_errors"
            for field, messages in error_fields(value, f"{prefix}.{key}" if prefix else key).items():
                fields.setdefault(field, []).extend(messages)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            fields[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:  # a list of nested serializers: one entry per item, empty where the item was valid
            for index, item in enumerate(detail):
                for field, messages in error_fields(
                    item, f"{prefix}.{index}" if prefix else str(index)
                ).items():
                    fields.setdefault(field, []).extend(messages)
    elif detail not in (None, ""):
        fields[prefix or "non_field_errors"] = [str(detail)]
    return fields


def _takes_text(field: serializers.Field) -> bool:
    return isinstance(field, serializers.CharField | serializers.UUIDField)


# What a boolean query parameter may be: the schema's `true` and `false`, as OpenAPI clients write them.
QUERY_BOOLEANS = ("true", "false")


def _wrong_type(field: serializers.Field, value: Any, *, query: bool) -> bool:
    if isinstance(field, serializers.BooleanField):
        # DRF takes 0, 1, "yes", "on"...: the schema promises a JSON boolean (in a query, true or false).
        return value not in QUERY_BOOLEANS if query else not isinstance(value, bool)
    if _takes_text(field):
        return not isinstance(value, str)
    if isinstance(field, serializers.ListField) and _takes_text(field.child):
        return isinstance(value, list) and not all(isinstance(item, str) for item in value)
    return False


def _refuse_wrong_types(serializer_class: type[serializers.Serializer], data: Any, *, query: bool) -> None:
    """DRF's CharField turns a JSON number into a string, its UUIDField a number into a UUID and its
    BooleanField 0, 1 or "yes" into a boolean; the schema promises strings and booleans, so refuse anything
    else (in lists of strings too)."""
    if not isinstance(data, Mapping):
        return
    wrong = {}
    for name, field in serializer_class().fields.items():
        value = data.get(name)
        if value is None or not _wrong_type(field, value, query=query):
            continue
        kind = (
            serializers.BooleanField if isinstance(field, serializers.BooleanField) else serializers.CharField
        )
        wrong[name] = [str(kind.default_error_messages["invalid"])]
    if wrong:
        raise Invalid(gettext(INVALID_MESSAGE), fields=wrong)


def parse_input(
    serializer_class: type[serializers.Serializer], data: Any, *, query: bool = False, **kwargs: Any
) -> dict[str, Any]:
    """Validate `data` with the serializer, raising Invalid with per-field messages when it is wrong.
    `query`: the data are a query string's parameters (booleans are written true or false there)."""
    _refuse_wrong_types(serializer_class, data, query=query)
    serializer = serializer_class(data=data, **kwargs)
    if not serializer.is_valid():
        raise Invalid(gettext(INVALID_MESSAGE), fields=error_fields(serializer.errors))
    return dict(serializer.validated_data)


# (Comments rather than docstrings on the two base classes: drf-spectacular would print a base class's
# docstring as the description of every operation.)
#
# ActorApi: an APIView that knows who is acting, in which organisation. The actor is resolved right after
# DRF's authentication and before the permission checks, so permission classes can read `view.actor`.
class ActorApi(APIView):
    # JSON in, JSON out, errors included: no browsable-API HTML, no form posts.
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]

    # Set for every request that passed authentication; IsOrganisationMember refuses the rest before the handler.
    actor: Actor
    # Service errors name model fields ("assigned_caseworker"); when the input calls the field something else
    # ("assigned_caseworker_id"), map it here so a client sees its own field names in every 400.
    error_field_names: ClassVar[Mapping[str, str]] = {}

    def perform_authentication(self, request: Request) -> None:
        super().perform_authentication(request)
        self.actor = resolve_actor(request) if request.user is not None else None  # type: ignore[assignment]

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, ApplicationError) and self.error_field_names:
            renamed: dict[str, list[str]] = {}
            for name, messages in exc.fields.items():
                renamed.setdefault(self.error_field_names.get(name, name), []).extend(messages)
            exc.fields = renamed
        return super().handle_exception(exc)


# ActorListApi: an ActorApi that returns one page of a list, in the project's pagination shape.
class ActorListApi(ActorApi):
    @property
    def pagination_class(self) -> type[Any]:
        # Read from the REST_FRAMEWORK setting (herzen.api.pagination.Pagination): core cannot import herzen.api.
        # DRF's settings object has already imported the class named by the dotted path.
        return cast("type[Any]", api_settings.DEFAULT_PAGINATION_CLASS)

    def paginated(
        self,
        items: Any,
        serializer_class: type[serializers.Serializer],
        *,
        shown: Callable[[list[Any]], object] | None = None,
        **context: Any,
    ) -> Response:
        """One page of `items`; `shown(page)` is called with the page's items before they are rendered
        (so an operation can record whose data the page shows: `audit.record_access`)."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, self.request, view=self)
        if shown is not None:
            shown(list(page or []))
        data = serializer_class(page, many=True, context={"request": self.request, **context}).data
        return paginator.get_paginated_response(data)  # type: ignore[no-any-return]


# --- Resources: one URL, several methods, one operation class per method -------------------------------------


class _MethodNotAllowedApi(ActorApi):
    """What a resource answers to a method it does not take: DRF's 405 in the project's error shape, with
    an `Allow` header naming the methods the resource does take."""

    resource_methods: ClassVar[tuple[str, ...]] = ()

    @property
    def allowed_methods(self) -> list[str]:
        return [*self.resource_methods, "OPTIONS"]


def resource(**operations: type[ActorApi]) -> Callable[..., Any]:
    """The view of one URL that serves several methods, each by its own operation class:
    `resource(get=PersonDetailApi, patch=PersonUpdateApi)`. This is the only way a URL takes more than one
    method, so each operation keeps its own input, output, permissions and schema.

    The schema generator sees one endpoint per method (`expand_resources`, a drf-spectacular preprocessing
    hook); any other method gets 405 with an `Allow` header."""
    views = {method.upper(): cls.as_view() for method, cls in operations.items()}
    if "GET" in views:
        views.setdefault("HEAD", views["GET"])
    taken = tuple(method for method in views if method != "HEAD")
    refuse = type(
        "MethodNotAllowedApi",
        (_MethodNotAllowedApi,),
        {"resource_methods": (*taken, *(("HEAD",) if "HEAD" in views else ()))},
    ).as_view()

    def view(request: Any, *args: Any, **kwargs: Any) -> Any:
        return views.get(request.method, refuse)(request, *args, **kwargs)

    # As on DRF's own views: the API authenticates by session (with DRF's CSRF check) or token.
    view.csrf_exempt = True  # type: ignore[attr-defined]
    # The API authenticates itself (401 in JSON), as DRF's views tell LoginRequiredMiddleware.
    view.login_required = False  # type: ignore[attr-defined]
    view.operations = {method: views[method] for method in taken}  # type: ignore[attr-defined]
    # What DRF's and drf-spectacular's URL walkers read of a view; expand_resources replaces it per method.
    view.cls = operations[next(iter(operations))]  # type: ignore[attr-defined]
    view.initkwargs = {}  # type: ignore[attr-defined]
    return view


def expand_resources(endpoints: list[tuple[str, str, str, Any]]) -> list[tuple[str, str, str, Any]]:
    """drf-spectacular preprocessing hook: a `resource(...)` URL becomes one endpoint per method it takes,
    each described by its own operation class."""
    expanded: list[tuple[str, str, str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for path, path_regex, method, callback in endpoints:
        operations = getattr(callback, "operations", None)
        if operations is None:
            expanded.append((path, path_regex, method, callback))
            continue
        for resource_method, operation in operations.items():
            if (path, resource_method) not in seen:
                seen.add((path, resource_method))
                expanded.append((path, path_regex, resource_method, operation))
    return expanded


def refuse_blank_text_in_schema(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook. DRF trims text, so a text of only spaces or line breaks is blank,
    and refused where blank text is (minLength 1); minLength counts the spaces, so also state it as a pattern:
    at least one character that is not whitespace."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        for prop in component.get("properties", {}).values():
            _require_a_visible_character(prop)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                _require_a_visible_character(parameter.get("schema", {}))
    return result


def _require_a_visible_character(schema: dict[str, Any]) -> None:
    if schema.get("type") == "array":
        _require_a_visible_character(schema.get("items", {}))
        return
    if schema.get("type") != "string" or schema.get("minLength", 0) < 1:
        return
    if any(key in schema for key in ("pattern", "enum", "format", "$ref")):
        return
    schema["pattern"] = r"\S"
