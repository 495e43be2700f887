"""JSON API of persons: the record itself, the spellings of a name and the contact points."""

from typing import Any

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.people import selectors, services
from herzen.people.choices import ContactKind, HouseholdRole, NameScheme, Script, Sex
from herzen.people.models import HouseholdMember, Person
from herzen.people.validators import validate_cyrillic_name, validate_language_codes

TAG = "persons"
# What PersonSerializer shows: names and birth date, contact points, household membership.
PERSON_SHOWS = ["identity", "contact", "household"]


# Cyrillic letters (the Cyrillic and Cyrillic Supplement blocks, without their signs and combining marks),
# separated by spaces, hyphens or apostrophes (which stand for soft and hard signs): a subset of what
# validate_cyrillic_name accepts, so the schema tells clients exactly which names pass.
_CYRILLIC_LETTER = "\u0400-\u0481\u048a-\u052f"
_NAME_SEPARATOR = " '\u2019\u02bc\u02b9\u02ba\u2010-"
_CYRILLIC_NAME = f"[{_NAME_SEPARATOR}]*[{_CYRILLIC_LETTER}][{_CYRILLIC_LETTER}{_NAME_SEPARATOR}]*"


@extend_schema_field({"type": "string", "enum": sorted(code for code in LANG_INFO if len(code) <= 8)})
class _LanguageCodeField(serializers.CharField):
    """A language code (validated with the whole list by validate_language_codes); the schema lists them."""


def _cyrillic_name(*, required: bool = True, allow_blank: bool = False) -> serializers.CharField:
    return serializers.RegexField(
        f"^(?:{_CYRILLIC_NAME})?$" if allow_blank else f"^{_CYRILLIC_NAME}$",
        max_length=100,
        required=required,
        allow_blank=allow_blank,
        validators=[validate_cyrillic_name],
        error_messages={"invalid": _("Write the name in Cyrillic, as in the Russian passport.")},
        help_text="In Cyrillic, as in the passport.",
    )


# --- Representations ------------------------------------------------------------------------------------------


class NameVariantSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    surname = serializers.CharField()
    given_name = serializers.CharField()
    patronymic = serializers.CharField()
    script = serializers.ChoiceField(choices=Script.choices)
    scheme = serializers.ChoiceField(choices=NameScheme.choices)
    source_document_id = serializers.UUIDField(allow_null=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "NameVariant"


class ContactPointSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    value = serializers.CharField()
    is_preferred = serializers.BooleanField()

    class Meta:
        ref_name = "ContactPoint"


class PersonHouseholdSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="household_id")
    role = serializers.ChoiceField(choices=HouseholdRole.choices)

    class Meta:
        ref_name = "PersonHousehold"


class PersonSerializer(serializers.Serializer):
    """A person with every spelling of their name and their contact points."""

    id = serializers.UUIDField()
    surname = serializers.CharField()
    given_name = serializers.CharField()
    patronymic = serializers.CharField()
    full_name = serializers.CharField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    date_of_birth = serializers.DateField(allow_null=True)
    citizenships = serializers.ListField(child=CountryCodeField())
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639-1 codes.")
    profession = serializers.CharField()
    household = serializers.SerializerMethodField()
    name_variants = NameVariantSerializer(many=True)
    contact_points = ContactPointSerializer(many=True)

    class Meta:
        ref_name = "Person"

    @extend_schema_field(PersonHouseholdSerializer(allow_null=True))
    def get_household(self, person: Person) -> dict[str, Any] | None:
        try:
            membership = person.household_membership
        except HouseholdMember.DoesNotExist:
            return None
        return PersonHouseholdSerializer(membership).data


class PersonSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    full_name = serializers.CharField()

    class Meta:
        ref_name = "PersonSummary"


# --- Operations -----------------------------------------------------------------------------------------------


class PersonListApi(ActorListApi):
    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            help_text="A name in any script or spelling: Щукина, Shchukina, Ščukina…",
        )

        class Meta:
            ref_name = "PersonFilter"

    class OutputSerializer(serializers.Serializer):
        id = serializers.UUIDField()
        surname = serializers.CharField()
        given_name = serializers.CharField()
        patronymic = serializers.CharField()
        full_name = serializers.CharField()
        sex = serializers.ChoiceField(choices=Sex.choices)
        date_of_birth = serializers.DateField(allow_null=True)

        class Meta:
            ref_name = "PersonListItem"

    @extend_schema(
        operation_id="person_list",
        tags=[TAG],
        summary="List or search persons",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = parse_input(
            self.FilterSerializer, request.query_params.dict(), query=True
        )  # a plain dict: "?status=" is refused, not ignored
        persons = selectors.person_list(actor=self.actor, name_query=filters.get("q", ""))
        return self.paginated(
            persons,
            self.OutputSerializer,
            shown=lambda page: audit.record_access(
                actor=self.actor, target=page, categories=["identity"], via=request
            ),
        )


class PersonCreateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        surname = _cyrillic_name()
        given_name = _cyrillic_name()
        patronymic = _cyrillic_name(required=False, allow_blank=True)
        sex = serializers.ChoiceField(choices=Sex.choices, help_text="As printed in the passport.")
        date_of_birth = serializers.DateField(required=False, allow_null=True)
        citizenships = serializers.ListField(
            child=CountryCodeField(), required=False, help_text="Default: RU."
        )
        languages = serializers.ListField(
            child=_LanguageCodeField(max_length=8),
            required=False,
            validators=[validate_language_codes],
            help_text="Default: ru.",
        )
        profession = serializers.CharField(max_length=200, required=False, allow_blank=True)

        class Meta:
            ref_name = "PersonCreate"

    @extend_schema(
        operation_id="person_create",
        tags=[TAG],
        summary="Create a person",
        request=InputSerializer,
        responses={201: PersonSerializer, **error_responses(400)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        person = services.person_create(actor=self.actor, **data)
        audit.record_access(actor=self.actor, target=person, categories=PERSON_SHOWS, via=request)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailApi(ActorApi):
    @extend_schema(
        operation_id="person_get",
        tags=[TAG],
        summary="A person with names and contacts",
        responses={200: PersonSerializer, **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_detail(actor=self.actor, person_id=person_id)
        audit.record_access(actor=self.actor, target=person, categories=PERSON_SHOWS, via=request)
        return Response(PersonSerializer(person).data)


class PersonUpdateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        surname = _cyrillic_name(required=False)
        given_name = _cyrillic_name(required=False)
        patronymic = _cyrillic_name(required=False, allow_blank=True)
        sex = serializers.ChoiceField(choices=Sex.choices, required=False)
        date_of_birth = serializers.DateField(required=False, allow_null=True)
        citizenships = serializers.ListField(child=CountryCodeField(), required=False)
        languages = serializers.ListField(
            child=_LanguageCodeField(max_length=8), required=False, validators=[validate_language_codes]
        )
        profession = serializers.CharField(max_length=200, required=False, allow_blank=True)

        class Meta:
            ref_name = "PersonUpdate"

    @extend_schema(
        operation_id="person_update",
        tags=[TAG],
        summary="Change some fields of a person",
        description="Send only the fields to change; the others keep their values.",
        request=InputSerializer,
        responses={200: PersonSerializer, **error_responses(400, 404)},
    )
    def patch(self, request: Request, person_id: str) -> Response:
        changes = parse_input(self.InputSerializer, request.data)
        person = services.person_update(actor=self.actor, person_id=person_id, **changes)
        audit.record_access(actor=self.actor, target=person, categories=PERSON_SHOWS, via=request)
        return Response(PersonSerializer(person).data)
