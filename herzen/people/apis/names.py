"""JSON API of the spellings of a person's name: add one, correct it, remove it."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, error_responses, parse_input
from herzen.people import services
from herzen.people.apis.inputs import ordered_dates
from herzen.people.apis.persons import NameVariantSerializer
from herzen.people.choices import NameScheme

TAG = "persons"


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
            ordered_dates(data, "valid_from", "valid_until", "Must not be before valid_from.")
            return data

    @extend_schema(
        operation_id="name_variant_add",
        tags=[TAG],
        summary="Record another spelling of a name",
        description="A spelling in any script, e.g. as printed in a passport of a given year.",
        request=InputSerializer,
        responses={201: NameVariantSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        variant = services.name_variant_add(actor=self.actor, person_id=person_id, **data)
        audit.record_access(actor=self.actor, target=variant.person, categories=["identity"], via=request)
        return Response(NameVariantSerializer(variant).data, status=status.HTTP_201_CREATED)


class NameVariantUpdateApi(ActorApi):
    error_field_names = NameVariantAddApi.error_field_names

    @extend_schema(
        operation_id="name_variant_update",
        tags=[TAG],
        summary="Correct a spelling of a name",
        description="Send only the fields to change; the same checks as when it was added.",
        request=NameVariantAddApi.InputSerializer,
        responses={200: NameVariantSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, variant_id: str) -> Response:
        changes = parse_input(NameVariantAddApi.InputSerializer, request.data, partial=True)
        variant = services.name_variant_update(actor=self.actor, variant_id=variant_id, **changes)
        audit.record_access(actor=self.actor, target=variant.person, categories=["identity"], via=request)
        return Response(NameVariantSerializer(variant).data)


class NameVariantRemoveApi(ActorApi):
    @extend_schema(
        operation_id="name_variant_remove",
        tags=[TAG],
        summary="Remove a spelling recorded by mistake",
        responses={204: None, **error_responses(404, 409)},
    )
    def delete(self, request: Request, variant_id: str) -> Response:
        services.name_variant_remove(actor=self.actor, variant_id=variant_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
