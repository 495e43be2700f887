"""JSON API of stays: where a person is, and the legal-stay deadline each open stay runs against."""

from typing import Any, get_args

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.domain.risk import DeadlineKind
from herzen.people import selectors, services
from herzen.people.apis.inputs import ordered_dates
from herzen.people.choices import LegalBasis

TAG = "stays"
DEADLINE_KINDS = list(get_args(DeadlineKind))  # ENUM_NAME_OVERRIDES in settings names this choice set


# --- Representations ------------------------------------------------------------------------------------------


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
    registered_on = serializers.DateField(allow_null=True, help_text="When the stay was last registered.")
    address_changed_on = serializers.DateField(allow_null=True, help_text="When the person last moved.")
    registration_deadline = serializers.DateField(
        allow_null=True,
        help_text="When the transit country's registration is due (open stays; null once done or if none).",
    )

    class Meta:
        ref_name = "Stay"


class StayDeadlineSerializer(serializers.Serializer):
    last_legal_day = serializers.DateField(allow_null=True)
    kind = serializers.ChoiceField(choices=DEADLINE_KINDS)
    explanation = serializers.CharField(help_text="How the deadline was reached, in words.")
    days_used_in_window = serializers.IntegerField(allow_null=True)

    class Meta:
        ref_name = "StayDeadline"


# --- Operations -----------------------------------------------------------------------------------------------


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
        registration_deadline = serializers.DateField(
            source="stay.registration_deadline",
            allow_null=True,
            help_text="When the transit country's registration is due (earliest reading where sources conflict).",
        )
        deadline = StayDeadlineSerializer(
            allow_null=True, help_text="Computed for open stays; null once left."
        )
        days_left = serializers.SerializerMethodField()

        class Meta:
            ref_name = "StayWithDeadline"

        @extend_schema_field(
            {
                "type": "integer",
                "nullable": True,
                "description": "Days from today to the last legal day (negative once it has passed); null "
                "for a stay that has ended or has no computable deadline.",
            }
        )
        def get_days_left(self, item: selectors.StayWithDeadline) -> int | None:
            return item.days_left(self.context["today"])

    @extend_schema(
        operation_id="stay_list",
        tags=[TAG],
        summary="A person's stays with their deadlines",
        description="Each open stay carries the last legal day, its kind and how it was reached.",
        responses={200: OutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        stays = selectors.stays_with_deadlines(actor=self.actor, person=person)
        audit.record_access(actor=self.actor, target=person, categories=["stays"], via=request)
        return self.paginated(stays, self.OutputSerializer, today=timezone.localdate())


class StayAddApi(ActorApi):
    error_field_names = {"document": "document_id"}

    class InputSerializer(serializers.Serializer):
        country = CountryCodeField()
        city = serializers.CharField(max_length=100, required=False, allow_blank=True)
        entry_date = serializers.DateField(help_text="Not before the person's date of birth.")
        exit_date = serializers.DateField(required=False, allow_null=True)
        legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
        authorised_until = serializers.DateField(
            required=False, allow_null=True, help_text="Last valid day of the visa or permit."
        )
        document_id = serializers.UUIDField(required=False, allow_null=True, help_text="The document used.")
        registered_on = serializers.DateField(
            required=False,
            allow_null=True,
            help_text="When the host or the person registered the stay (not before the entry).",
        )
        address_changed_on = serializers.DateField(
            required=False, allow_null=True, help_text="When the person last moved to a new address."
        )

        class Meta:
            ref_name = "StayAdd"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            ordered_dates(data, "entry_date", "exit_date", "Must not be before the entry date.")
            ordered_dates(data, "entry_date", "authorised_until", "Must not be before the entry date.")
            return data

    @extend_schema(
        operation_id="stay_record",
        tags=[TAG],
        summary="Record a stay in a country",
        request=InputSerializer,
        responses={201: StaySerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        stay = services.stay_record(actor=self.actor, person_id=person_id, **data)
        audit.record_access(actor=self.actor, target=stay.person, categories=["stays"], via=request)
        return Response(StaySerializer(stay).data, status=status.HTTP_201_CREATED)


class StayUpdateApi(ActorApi):
    error_field_names = StayAddApi.error_field_names

    @extend_schema(
        operation_id="stay_update",
        tags=[TAG],
        summary="Correct a stay, or record that the person left",
        description=(
            'Send only the fields to change, e.g. `{"exit_date": "2025-03-01"}` when the person left. The same '
            "checks as when it was recorded: dates in order, not before the person's birth, no overlap."
        ),
        request=StayAddApi.InputSerializer,
        responses={200: StaySerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, stay_id: str) -> Response:
        changes = parse_input(StayAddApi.InputSerializer, request.data, partial=True)
        stay = services.stay_update(actor=self.actor, stay_id=stay_id, **changes)
        audit.record_access(actor=self.actor, target=stay.person, categories=["stays"], via=request)
        return Response(StaySerializer(stay).data)


# --- Entry refusals -------------------------------------------------------------------------------------------


class EntryRefusalSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    country = CountryCodeField()
    refused_on = serializers.DateField()
    border_point = serializers.CharField()
    reason_given = serializers.CharField()

    class Meta:
        ref_name = "EntryRefusal"


class EntryRefusalListApi(ActorListApi):
    @extend_schema(
        operation_id="entry_refusal_list",
        tags=[TAG],
        summary="A person's refusals at borders",
        responses={200: EntryRefusalSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        refusals = selectors.entry_refusal_list(actor=self.actor, person=person)
        audit.record_access(actor=self.actor, target=person, categories=["stays"], via=request)
        return self.paginated(refusals, EntryRefusalSerializer)


class EntryRefusalRecordApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        country = CountryCodeField()
        refused_on = serializers.DateField(help_text="Not before the person's date of birth.")
        border_point = serializers.CharField(max_length=200, required=False, allow_blank=True)
        reason_given = serializers.CharField(max_length=5000, required=False, allow_blank=True)

        class Meta:
            ref_name = "EntryRefusalRecord"

    @extend_schema(
        operation_id="entry_refusal_record",
        tags=[TAG],
        summary="Record a refusal at a border",
        request=InputSerializer,
        responses={201: EntryRefusalSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        refusal = services.entry_refusal_record(actor=self.actor, person_id=person_id, **data)
        audit.record_access(actor=self.actor, target=refusal.person, categories=["stays"], via=request)
        return Response(EntryRefusalSerializer(refusal).data, status=status.HTTP_201_CREATED)
