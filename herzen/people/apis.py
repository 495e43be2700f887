"""JSON API of the person record: persons, households, identity documents and stays.

One class per operation. Reads are GET; every write is a POST to its own path ending in a verb
(`.../create/`, `.../update/`, `.../add/`, `.../exit/`), so each URL maps to exactly one service or selector.
Records of another organisation answer 404, exactly like records that do not exist.
"""

from typing import Any, get_args

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.domain.risk import DeadlineKind
from herzen.people import selectors, services
from herzen.people.choices import (
    ContactKind,
    DocumentStatus,
    DocumentType,
    HouseholdRole,
    LegalBasis,
    NameScheme,
    Script,
    Sex,
)
from herzen.people.models import Household, HouseholdMember, Person
from herzen.people.validators import validate_cyrillic_name, validate_language_codes

PERSONS = "persons"
HOUSEHOLDS = "households"
DOCUMENTS = "documents"
STAYS = "stays"
DEADLINE_KINDS = list(get_args(DeadlineKind))  # ENUM_NAME_OVERRIDES in settings names this choice set


def _cyrillic_name(*, required: bool = True, allow_blank: bool = False) -> serializers.CharField:
    return serializers.CharField(
        max_length=100,
        required=required,
        allow_blank=allow_blank,
        validators=[validate_cyrillic_name],
        help_text="In Cyrillic, as in the passport.",
    )


def _ordered_dates(data: dict[str, Any], first: str, last: str, message: str) -> None:
    """A 400 on `last` when both dates are given and `last` comes before `first`."""
    if data.get(first) and data.get(last) and data[last] < data[first]:
        raise serializers.ValidationError({last: [message]})


# --- Shared representations -----------------------------------------------------------------------------------


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


class HouseholdMemberSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    role = serializers.ChoiceField(choices=HouseholdRole.choices)
    person = PersonSummarySerializer()
    date_of_birth = serializers.DateField(source="person.date_of_birth", allow_null=True)

    class Meta:
        ref_name = "HouseholdMember"


class HouseholdSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    current_country = CountryCodeField(
        allow_blank=True, help_text="Where the principal (or any member) is now."
    )
    earliest_stay_deadline = serializers.DateField(
        allow_null=True, help_text="The earliest last legal day of any member."
    )
    members = HouseholdMemberSerializer(many=True)

    class Meta:
        ref_name = "Household"


def household_representation(household: Household, members: Any) -> dict[str, Any]:
    data: dict[str, Any] = HouseholdSerializer(
        {
            "id": household.pk,
            "current_country": household.current_country,
            "earliest_stay_deadline": household.earliest_stay_deadline,
            "members": members,
        }
    ).data
    return data


class DocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    document_type = serializers.ChoiceField(choices=DocumentType.choices)
    number = serializers.CharField(help_text="Upper case, without spaces or dashes.")
    issuing_country = CountryCodeField()
    issuer = serializers.CharField()
    issue_date = serializers.DateField(allow_null=True)
    expiry_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=DocumentStatus.choices)
    retains_legacy_spelling = serializers.BooleanField()

    class Meta:
        ref_name = "IdentityDocument"


class StaySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    country = CountryCodeField()
    city = serializers.CharField()
    entry_date = serializers.DateField()
    exit_date = serializers.DateField(allow_null=True)
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
    authorised_until = serializers.DateField(
        allow_null=True, help_text="Last valid day of the visa or permit."
    )
    document_id = serializers.UUIDField(allow_null=True)
    legal_deadline = serializers.DateField(allow_null=True, help_text="Last legal day (open stays only).")

    class Meta:
        ref_name = "Stay"


class StayDeadlineSerializer(serializers.Serializer):
    last_legal_day = serializers.DateField(allow_null=True)
    kind = serializers.ChoiceField(choices=DEADLINE_KINDS)
    explanation = serializers.CharField(help_text="How the deadline was reached, in words.")
    days_used_in_window = serializers.IntegerField(allow_null=True)

    class Meta:
        ref_name = "StayDeadline"


# --- Persons --------------------------------------------------------------------------------------------------


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
        tags=[PERSONS],
        summary="List or search persons",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request) -> Response:
        filters = parse_input(self.FilterSerializer, request.query_params)
        persons = selectors.person_list(actor=self.actor, name_query=filters.get("q", ""))
        return self.paginated(persons, self.OutputSerializer)


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
            child=serializers.CharField(max_length=8),
            required=False,
            validators=[validate_language_codes],
            help_text="Default: ru.",
        )
        profession = serializers.CharField(max_length=200, required=False, allow_blank=True)

        class Meta:
            ref_name = "PersonCreate"

    @extend_schema(
        operation_id="person_create",
        tags=[PERSONS],
        summary="Create a person",
        request=InputSerializer,
        responses={201: PersonSerializer, **error_responses(400)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        person = services.person_create(actor=self.actor, **data)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailApi(ActorApi):
    @extend_schema(
        operation_id="person_get",
        tags=[PERSONS],
        summary="A person with names and contacts",
        responses={200: PersonSerializer, **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
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
            child=serializers.CharField(max_length=8), required=False, validators=[validate_language_codes]
        )
        profession = serializers.CharField(max_length=200, required=False, allow_blank=True)

        class Meta:
            ref_name = "PersonUpdate"

    @extend_schema(
        operation_id="person_update",
        tags=[PERSONS],
        summary="Change some fields of a person",
        description="Send only the fields to change; the others keep their values.",
        request=InputSerializer,
        responses={200: PersonSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        changes = parse_input(self.InputSerializer, request.data)
        person = services.person_update(actor=self.actor, person_id=person_id, **changes)
        return Response(PersonSerializer(person).data)


class NameVariantAddApi(ActorApi):
    error_field_names = {"source_document": "source_document_id"}

    class InputSerializer(serializers.Serializer):
        surname = serializers.CharField(max_length=100)
        given_name = serializers.CharField(max_length=100)
        patronymic = serializers.CharField(max_length=100, required=False, allow_blank=True)
        scheme = serializers.ChoiceField(
            choices=NameScheme.choices,
            default=NameScheme.OTHER,
            help_text="The transliteration scheme that produced this spelling.",
        )
        source_document_id = serializers.UUIDField(required=False, allow_null=True)
        valid_from = serializers.DateField(required=False, allow_null=True)
        valid_until = serializers.DateField(required=False, allow_null=True)

        class Meta:
            ref_name = "NameVariantAdd"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            _ordered_dates(data, "valid_from", "valid_until", "Must not be before valid_from.")
            return data

    @extend_schema(
        operation_id="name_variant_add",
        tags=[PERSONS],
        summary="Record another spelling of a name",
        description="A spelling in any script, e.g. as printed in a passport of a given year.",
        request=InputSerializer,
        responses={201: NameVariantSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        variant = services.name_variant_add(actor=self.actor, person_id=person_id, **data)
        return Response(NameVariantSerializer(variant).data, status=status.HTTP_201_CREATED)


class ContactPointAddApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=ContactKind.choices)
        value = serializers.CharField(max_length=200)
        is_preferred = serializers.BooleanField(
            default=False, help_text="Replaces the person's current preferred channel."
        )

        class Meta:
            ref_name = "ContactPointAdd"

    @extend_schema(
        operation_id="contact_point_add",
        tags=[PERSONS],
        summary="Add a contact point",
        request=InputSerializer,
        responses={201: ContactPointSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        contact = services.contact_point_add(actor=self.actor, person_id=person_id, **data)
        return Response(ContactPointSerializer(contact).data, status=status.HTTP_201_CREATED)


# --- Households -----------------------------------------------------------------------------------------------


class HouseholdCreateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        principal_id = serializers.UUIDField(help_text="The person the household's applications centre on.")

        class Meta:
            ref_name = "HouseholdCreate"

    @extend_schema(
        operation_id="household_create",
        tags=[HOUSEHOLDS],
        summary="Create a household",
        request=InputSerializer,
        responses={201: HouseholdSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        household = services.household_create(actor=self.actor, **data)
        members = selectors.household_members(actor=self.actor, household=household)
        return Response(household_representation(household, members), status=status.HTTP_201_CREATED)


class HouseholdDetailApi(ActorApi):
    @extend_schema(
        operation_id="household_get",
        tags=[HOUSEHOLDS],
        summary="A household and its members",
        responses={200: HouseholdSerializer, **error_responses(404)},
    )
    def get(self, request: Request, household_id: str) -> Response:
        household = selectors.household_get(actor=self.actor, household_id=household_id)
        members = selectors.household_members(actor=self.actor, household=household)
        return Response(household_representation(household, members))


class HouseholdMemberAddApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        person_id = serializers.UUIDField()
        role = serializers.ChoiceField(
            choices=HouseholdRole.choices,
            help_text="Any role but principal, which is named when the household is made.",
        )

        class Meta:
            ref_name = "HouseholdMemberAdd"

    @extend_schema(
        operation_id="household_member_add",
        tags=[HOUSEHOLDS],
        summary="Add a member to a household",
        request=InputSerializer,
        responses={201: HouseholdMemberSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, household_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        member = services.household_member_add(actor=self.actor, household_id=household_id, **data)
        return Response(HouseholdMemberSerializer(member).data, status=status.HTTP_201_CREATED)


# --- Identity documents ---------------------------------------------------------------------------------------


class DocumentListApi(ActorListApi):
    @extend_schema(
        operation_id="document_list",
        tags=[DOCUMENTS],
        summary="A person's identity documents",
        responses={200: DocumentSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        documents = selectors.document_list(actor=self.actor, person=person)
        return self.paginated(documents, DocumentSerializer)


class DocumentAddApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        document_type = serializers.ChoiceField(choices=DocumentType.choices)
        number = serializers.CharField(max_length=64)
        issuing_country = CountryCodeField(default="RU")
        issuer = serializers.CharField(max_length=200, required=False, allow_blank=True)
        issue_date = serializers.DateField(required=False, allow_null=True)
        expiry_date = serializers.DateField(required=False, allow_null=True)
        status = serializers.ChoiceField(choices=DocumentStatus.choices, default=DocumentStatus.VALID)
        retains_legacy_spelling = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "IdentityDocumentAdd"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            _ordered_dates(data, "issue_date", "expiry_date", "Must not be before the issue date.")
            return data

    @extend_schema(
        operation_id="document_add",
        tags=[DOCUMENTS],
        summary="Record an identity document",
        request=InputSerializer,
        responses={201: DocumentSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        document = services.document_add(actor=self.actor, person_id=person_id, **data)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentUpdateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        document_type = serializers.ChoiceField(choices=DocumentType.choices, required=False)
        number = serializers.CharField(max_length=64, required=False)
        issuing_country = CountryCodeField(required=False)
        issuer = serializers.CharField(max_length=200, required=False, allow_blank=True)
        issue_date = serializers.DateField(required=False, allow_null=True)
        expiry_date = serializers.DateField(required=False, allow_null=True)
        status = serializers.ChoiceField(choices=DocumentStatus.choices, required=False)
        retains_legacy_spelling = serializers.BooleanField(required=False)

        class Meta:
            ref_name = "IdentityDocumentUpdate"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            _ordered_dates(data, "issue_date", "expiry_date", "Must not be before the issue date.")
            return data

    @extend_schema(
        operation_id="document_update",
        tags=[DOCUMENTS],
        summary="Change some fields of a document",
        description='Send only the fields to change, e.g. `{"status": "seized"}`.',
        request=InputSerializer,
        responses={200: DocumentSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, document_id: str) -> Response:
        changes = parse_input(self.InputSerializer, request.data)
        document = services.document_update(actor=self.actor, document_id=document_id, **changes)
        return Response(DocumentSerializer(document).data)


# --- Stays ----------------------------------------------------------------------------------------------------


class StayListApi(ActorListApi):
    class OutputSerializer(serializers.Serializer):
        id = serializers.UUIDField(source="stay.id")
        country = CountryCodeField(source="stay.country")
        city = serializers.CharField(source="stay.city")
        entry_date = serializers.DateField(source="stay.entry_date")
        exit_date = serializers.DateField(source="stay.exit_date", allow_null=True)
        legal_basis = serializers.ChoiceField(source="stay.legal_basis", choices=LegalBasis.choices)
        authorised_until = serializers.DateField(source="stay.authorised_until", allow_null=True)
        document_id = serializers.UUIDField(source="stay.document_id", allow_null=True)
        deadline = StayDeadlineSerializer(
            allow_null=True, help_text="Computed for open stays; null once left."
        )
        days_left = serializers.SerializerMethodField()

        class Meta:
            ref_name = "StayWithDeadline"

        @extend_schema_field(OpenApiTypes.INT)
        def get_days_left(self, item: selectors.StayWithDeadline) -> int | None:
            return item.days_left(self.context["today"])

    @extend_schema(
        operation_id="stay_list",
        tags=[STAYS],
        summary="A person's stays with their deadlines",
        description="Each open stay carries the last legal day, its kind and how it was reached.",
        responses={200: OutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        stays = selectors.stays_with_deadlines(actor=self.actor, person=person)
        return self.paginated(stays, self.OutputSerializer, today=timezone.localdate())


class StayAddApi(ActorApi):
    error_field_names = {"document": "document_id"}

    class InputSerializer(serializers.Serializer):
        country = CountryCodeField()
        city = serializers.CharField(max_length=100, required=False, allow_blank=True)
        entry_date = serializers.DateField()
        exit_date = serializers.DateField(required=False, allow_null=True)
        legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
        authorised_until = serializers.DateField(
            required=False, allow_null=True, help_text="Last valid day of the visa or permit."
        )
        document_id = serializers.UUIDField(required=False, allow_null=True, help_text="The document used.")

        class Meta:
            ref_name = "StayAdd"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            _ordered_dates(data, "entry_date", "exit_date", "Must not be before the entry date.")
            _ordered_dates(data, "entry_date", "authorised_until", "Must not be before the entry date.")
            return data

    @extend_schema(
        operation_id="stay_record",
        tags=[STAYS],
        summary="Record a stay in a country",
        request=InputSerializer,
        responses={201: StaySerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        stay = services.stay_record(actor=self.actor, person_id=person_id, **data)
        return Response(StaySerializer(stay).data, status=status.HTTP_201_CREATED)


class StayExitApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        exit_date = serializers.DateField()

        class Meta:
            ref_name = "StayExit"

    @extend_schema(
        operation_id="stay_record_exit",
        tags=[STAYS],
        summary="Record that a person left a country",
        request=InputSerializer,
        responses={200: StaySerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, stay_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        stay = services.stay_record_exit(actor=self.actor, stay_id=stay_id, **data)
        return Response(StaySerializer(stay).data)
