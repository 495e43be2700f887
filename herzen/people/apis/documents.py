"""JSON API of identity documents: passports that expire, get seized or are refused renewal."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.people import selectors, services
from herzen.people.apis.inputs import ordered_dates
from herzen.people.choices import DocumentStatus, DocumentType

TAG = "documents"


# --- Representations ------------------------------------------------------------------------------------------


class DocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    document_type = serializers.ChoiceField(choices=DocumentType.choices)
    number = serializers.CharField(help_text="Upper case, without spaces or dashes.")
    issuing_country = CountryCodeField()
    issuer = serializers.CharField()
    issue_date = serializers.DateField(allow_null=True)
    expiry_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(
        choices=DocumentStatus.choices,
        source="current_status",
        help_text="As of today: a document recorded as valid whose expiry date is past is `expired`.",
    )
    retains_legacy_spelling = serializers.BooleanField()

    class Meta:
        ref_name = "IdentityDocument"


# --- Operations -----------------------------------------------------------------------------------------------


class DocumentListApi(ActorListApi):
    @extend_schema(
        operation_id="document_list",
        tags=[TAG],
        summary="A person's identity documents",
        responses={200: DocumentSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        documents = selectors.document_list(actor=self.actor, person=person)
        audit.record_access(actor=self.actor, target=person, categories=["documents"], via=request)
        return self.paginated(documents, DocumentSerializer)


class DocumentAddApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        document_type = serializers.ChoiceField(choices=DocumentType.choices)
        number = serializers.CharField(max_length=64)
        issuing_country = CountryCodeField(default="RU")
        issuer = serializers.CharField(max_length=200, required=False, allow_blank=True)
        issue_date = serializers.DateField(
            required=False, allow_null=True, help_text="Not before the person's date of birth."
        )
        expiry_date = serializers.DateField(
            required=False, allow_null=True, help_text="Not before the issue date."
        )
        status = serializers.ChoiceField(
            choices=DocumentStatus.choices,
            default=DocumentStatus.VALID,
            help_text="Valid and expired follow the expiry date when it is given.",
        )
        retains_legacy_spelling = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "IdentityDocumentAdd"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            ordered_dates(data, "issue_date", "expiry_date", "Must not be before the issue date.")
            return data

    @extend_schema(
        operation_id="document_add",
        tags=[TAG],
        summary="Record an identity document",
        request=InputSerializer,
        responses={201: DocumentSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        document = services.document_add(actor=self.actor, person_id=person_id, **data)
        audit.record_access(actor=self.actor, target=document.person, categories=["documents"], via=request)
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
            ordered_dates(data, "issue_date", "expiry_date", "Must not be before the issue date.")
            return data

    @extend_schema(
        operation_id="document_update",
        tags=[TAG],
        summary="Change some fields of a document",
        description='Send only the fields to change, e.g. `{"status": "seized"}`.',
        request=InputSerializer,
        responses={200: DocumentSerializer, **error_responses(400, 404)},
    )
    def patch(self, request: Request, document_id: str) -> Response:
        changes = parse_input(self.InputSerializer, request.data)
        document = services.document_update(actor=self.actor, document_id=document_id, **changes)
        audit.record_access(actor=self.actor, target=document.person, categories=["documents"], via=request)
        return Response(DocumentSerializer(document).data)
