"""JSON API of the programme's two declarations: list a person's, record one (staff channel), withdraw one.

Collection and item in the REST shape the API is moving to: GET and POST on the person's declarations, and
the withdrawal as an explicit sub-resource (a state change, never a DELETE: a declaration is kept)."""

from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.people import selectors, services
from herzen.people.declaration_texts import DeclarationChannel, DeclarationKind

TAG = "declarations"


class DeclarationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=DeclarationKind.choices)
    channel = serializers.ChoiceField(choices=DeclarationChannel.choices)
    wording = serializers.CharField(help_text="The exact words the person affirmed, in `language`.")
    wording_version = serializers.CharField()
    language = serializers.CharField(help_text="The language the wording was shown in.")
    declared_at = serializers.DateTimeField()
    recorded_by = serializers.CharField(source="recorded_by.username")
    withdrawn_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "Declaration"


class DeclarationListApi(ActorListApi):
    @extend_schema(
        operation_id="declaration_list",
        tags=[TAG],
        summary="A person's programme declarations, standing and withdrawn",
        responses={200: DeclarationSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        declarations = selectors.person_declarations(actor=self.actor, person=person)
        audit.record_access(actor=self.actor, target=person, categories=["declarations"], via=request)
        return self.paginated(declarations, DeclarationSerializer)


class DeclarationRecordApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=DeclarationKind.choices)
        language = serializers.CharField(
            max_length=8,
            required=False,
            help_text="The language the wording was shown in; by default the request's language.",
        )

        class Meta:
            ref_name = "DeclarationRecord"

    @extend_schema(
        operation_id="declaration_record",
        tags=[TAG],
        summary="Record that the person affirmed a declaration to staff, in its current wording",
        request=InputSerializer,
        responses={201: DeclarationSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        declaration = services.declaration_record(
            actor=self.actor,
            person_id=person_id,
            kind=data["kind"],
            channel=DeclarationChannel.STAFF,
            language=data.get("language") or translation.get_language() or "en",
        )
        audit.record_access(
            actor=self.actor, target=declaration.person, categories=["declarations"], via=request
        )
        return Response(DeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED)


class DeclarationWithdrawApi(ActorApi):
    @extend_schema(
        operation_id="declaration_withdraw",
        tags=[TAG],
        summary="Withdraw a declaration (it stays on record, marked withdrawn)",
        request=None,
        responses={200: DeclarationSerializer, **error_responses(404, 409)},
    )
    def post(self, request: Request, declaration_id: str) -> Response:
        declaration = services.declaration_withdraw(actor=self.actor, declaration_id=declaration_id)
        audit.record_access(
            actor=self.actor, target=declaration.person, categories=["declarations"], via=request
        )
        return Response(DeclarationSerializer(declaration).data)
