"""JSON API of grants: read one with its explanation, decide one (four eyes: never by its proposer).

The same services and selectors as the grant page; another organisation's id answers 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.aid import services
from herzen.aid.explain import grant_steps
from herzen.aid.models import GrantStatus
from herzen.aid.selectors import grant_get
from herzen.core.api import ActorApi, error_responses, parse_input

TAG = "aid"
CATEGORIES = ["identity"]


class TrancheSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    due_on = serializers.DateField()
    amount = serializers.IntegerField(min_value=1, help_text="Whole minor units of the programme's currency.")

    class Meta:
        ref_name = "AidTranche"


class GrantSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    programme_id = serializers.UUIDField()
    case_id = serializers.UUIDField()
    payee_id = serializers.UUIDField()
    currency = serializers.CharField(source="programme.currency", help_text="ISO 4217 code.")
    total = serializers.IntegerField(min_value=1, help_text="Whole minor units of the programme's currency.")
    status = serializers.ChoiceField(choices=GrantStatus.choices)
    explanation = serializers.SerializerMethodField(
        help_text="How the rules computed the amount, step by step."
    )
    tranches = TrancheSerializer(many=True, source="tranches.all")
    proposed_by = serializers.CharField(source="proposed_by.username")
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)

    class Meta:
        ref_name = "AidGrant"

    def get_explanation(self, grant: object) -> list[str]:
        return grant_steps(grant)


class GrantApi(ActorApi):
    @extend_schema(
        operation_id="aid_grant_get",
        tags=[TAG],
        summary="A grant to a household, with its explanation and tranches",
        responses={200: GrantSerializer, **error_responses(404)},
    )
    def get(self, request: Request, grant_id: str) -> Response:
        grant = grant_get(actor=self.actor, grant_id=grant_id)
        audit.record_access(actor=self.actor, target=grant.payee, categories=CATEGORIES, via=request)
        return Response(GrantSerializer(grant).data)


class GrantDecisionApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(
            choices=[("approve", "approve"), ("reject", "reject")],
            help_text="Approve (commit the money) or reject. Never by the person who proposed the grant; from "
            "the programme's threshold on, only a supervisor or organisation admin.",
        )

        class Meta:
            ref_name = "AidGrantDecision"

    @extend_schema(
        operation_id="aid_grant_decide",
        tags=[TAG],
        summary="Decide a proposed grant (four eyes)",
        request=InputSerializer,
        responses={200: GrantSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, grant_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        grant = services.grant_decide(
            actor=self.actor, grant_id=grant_id, approve=data["decision"] == "approve"
        )
        audit.record_access(actor=self.actor, target=grant.payee, categories=CATEGORIES, via=request)
        return Response(GrantSerializer(grant).data)
