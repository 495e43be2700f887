"""JSON API of risk factors: the typed dangers a person faces, recorded and corrected as in the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.people import selectors, services
from herzen.people.choices import CriminalStage, RiskFactorKind, Vulnerability, WantedScope

TAG = "risk factors"


class RiskFactorSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=RiskFactorKind.choices)
    criminal_article = serializers.CharField()
    criminal_stage = serializers.ChoiceField(choices=[("", ""), *CriminalStage.choices])
    wanted_scope = serializers.ChoiceField(choices=[("", ""), *WantedScope.choices])
    vulnerability = serializers.ChoiceField(choices=[("", ""), *Vulnerability.choices])
    country = CountryCodeField(allow_blank=True)
    occurred_on = serializers.DateField(allow_null=True)
    narrative = serializers.CharField()
    is_current = serializers.BooleanField()

    class Meta:
        ref_name = "RiskFactor"


class RiskFactorInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RiskFactorKind.choices)
    criminal_article = serializers.CharField(
        max_length=16, required=False, allow_blank=True, help_text="For example 207.3 or 280.3."
    )
    criminal_stage = serializers.ChoiceField(
        choices=CriminalStage.choices,
        required=False,
        allow_blank=True,
        help_text="Required for a criminal case.",
    )
    wanted_scope = serializers.ChoiceField(
        choices=WantedScope.choices, required=False, allow_blank=True, help_text="Required for a wanted list."
    )
    vulnerability = serializers.ChoiceField(
        choices=Vulnerability.choices,
        required=False,
        allow_blank=True,
        help_text="Required for a vulnerability.",
    )
    country = CountryCodeField(required=False, allow_blank=True)
    occurred_on = serializers.DateField(
        required=False, allow_null=True, help_text="Required for a mobilisation summons (the posting date)."
    )
    narrative = serializers.CharField(max_length=20_000, required=False, allow_blank=True)

    class Meta:
        ref_name = "RiskFactorRecord"


class RiskFactorChange(RiskFactorInput):
    is_current = serializers.BooleanField(
        required=False, help_text="False keeps a past danger on record without raising the priority."
    )

    class Meta:
        ref_name = "RiskFactorChange"


class RiskFactorListApi(ActorListApi):
    @extend_schema(
        operation_id="risk_factor_list",
        tags=[TAG],
        summary="A person's risk factors, current and past",
        responses={200: RiskFactorSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(actor=self.actor, person_id=person_id)
        factors = selectors.risk_factor_list(actor=self.actor, person=person)
        audit.record_access(actor=self.actor, target=person, categories=["risk"], via=request)
        return self.paginated(factors, RiskFactorSerializer)


class RiskFactorRecordApi(ActorApi):
    @extend_schema(
        operation_id="risk_factor_record",
        tags=[TAG],
        summary="Record a danger a person faces",
        description="Which detail a kind needs (a stage, a posting date, a list, a vulnerability) is checked "
        "as in the pages: a 400 names the missing field.",
        request=RiskFactorInput,
        responses={201: RiskFactorSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(RiskFactorInput, request.data)
        factor = services.risk_factor_record(actor=self.actor, person_id=person_id, **data)
        audit.record_access(actor=self.actor, target=factor.person, categories=["risk"], via=request)
        return Response(RiskFactorSerializer(factor).data, status=status.HTTP_201_CREATED)


class RiskFactorUpdateApi(ActorApi):
    @extend_schema(
        operation_id="risk_factor_update",
        tags=[TAG],
        summary="Correct a risk factor, or mark it as past",
        description="Send only the fields to change.",
        request=RiskFactorChange,
        responses={200: RiskFactorSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, risk_factor_id: str) -> Response:
        changes = parse_input(RiskFactorChange, request.data, partial=True)
        factor = services.risk_factor_update(actor=self.actor, risk_factor_id=risk_factor_id, **changes)
        audit.record_access(actor=self.actor, target=factor.person, categories=["risk"], via=request)
        return Response(RiskFactorSerializer(factor).data)
