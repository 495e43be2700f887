"""JSON API of a person's contact points: add one, correct it, remove it."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, error_responses, parse_input
from herzen.people import services
from herzen.people.apis.persons import ContactPointSerializer
from herzen.people.choices import ContactKind

TAG = "persons"


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
        tags=[TAG],
        summary="Add a contact point",
        request=InputSerializer,
        responses={201: ContactPointSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        contact = services.contact_point_add(actor=self.actor, person_id=person_id, **data)
        audit.record_access(actor=self.actor, target=contact.person, categories=["contact"], via=request)
        return Response(ContactPointSerializer(contact).data, status=status.HTTP_201_CREATED)


class ContactPointUpdateApi(ActorApi):
    @extend_schema(
        operation_id="contact_point_update",
        tags=[TAG],
        summary="Correct a contact point",
        description="Send only the fields to change; the same checks as when it was added.",
        request=ContactPointAddApi.InputSerializer,
        responses={200: ContactPointSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, contact_point_id: str) -> Response:
        changes = parse_input(ContactPointAddApi.InputSerializer, request.data, partial=True)
        contact = services.contact_point_update(
            actor=self.actor, contact_point_id=contact_point_id, **changes
        )
        audit.record_access(actor=self.actor, target=contact.person, categories=["contact"], via=request)
        return Response(ContactPointSerializer(contact).data)


class ContactPointRemoveApi(ActorApi):
    @extend_schema(
        operation_id="contact_point_remove",
        tags=[TAG],
        summary="Remove a contact point",
        responses={204: None, **error_responses(404)},
    )
    def delete(self, request: Request, contact_point_id: str) -> Response:
        services.contact_point_remove(actor=self.actor, contact_point_id=contact_point_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
