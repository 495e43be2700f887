"""JSON API of resettlement offers (issue 17): list the offers an organisation can match to, publish one.

The same services and selectors as the offers page. Offers describe homes, host places, sponsorships and jobs,
not persons, so reading them logs no access."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.resettlement import selectors, services
from herzen.resettlement.models import OfferKind

TAG = "resettlement"


class OfferSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organisation_id = serializers.UUIDField(help_text="The organisation that publishes the offer.")
    kind = serializers.ChoiceField(choices=OfferKind.choices)
    title = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    region = serializers.CharField()
    town = serializers.CharField()
    capacity_persons = serializers.IntegerField(
        min_value=1, help_text="Places in persons (a job: positions)."
    )
    child_beds = serializers.IntegerField(min_value=0)
    accessible = serializers.BooleanField()
    pets_allowed = serializers.BooleanField()
    smoking_allowed = serializers.BooleanField()
    local_languages = serializers.ListField(child=serializers.CharField())
    required_languages = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    available_from = serializers.DateField(allow_null=True)
    available_to = serializers.DateField(allow_null=True)
    published = serializers.BooleanField()
    is_open = serializers.BooleanField()

    class Meta:
        ref_name = "ResettlementOffer"


class OfferListApi(ActorListApi):
    @extend_schema(
        operation_id="resettlement_offer_list",
        tags=[TAG],
        summary="Offers the organisation can match households to: its own and those published to everyone",
        responses={200: OfferSerializer(many=True), **error_responses(404)},  # 404: a page past the end
    )
    def get(self, request: Request) -> Response:
        return self.paginated(
            selectors.offer_list(actor=self.actor).order_by("country", "town", "id"), OfferSerializer
        )


class OfferCreateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=OfferKind.choices)
        title = serializers.CharField(max_length=200)
        country = serializers.RegexField(r"^[A-Za-z]{2}$", help_text="ISO 3166-1 alpha-2 code, e.g. DE.")
        region = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        town = serializers.CharField(max_length=100)
        capacity_persons = serializers.IntegerField(min_value=1, max_value=10_000)
        child_beds = serializers.IntegerField(min_value=0, max_value=10_000, required=False, default=0)
        accessible = serializers.BooleanField(required=False, default=False)
        pets_allowed = serializers.BooleanField(required=False, default=True)
        smoking_allowed = serializers.BooleanField(required=False, default=True)
        local_languages = serializers.ListField(
            child=serializers.CharField(max_length=10, allow_blank=True),
            required=False,
            default=list,
            max_length=20,
        )
        required_languages = serializers.ListField(
            child=serializers.CharField(max_length=10, allow_blank=True),
            required=False,
            default=list,
            max_length=20,
        )
        skills = serializers.ListField(
            child=serializers.CharField(max_length=100, allow_blank=True),
            required=False,
            default=list,
            max_length=50,
        )
        available_from = serializers.DateField(required=False, allow_null=True, default=None)
        available_to = serializers.DateField(
            required=False, allow_null=True, default=None, help_text="On or after available_from."
        )
        published = serializers.BooleanField(required=False, default=True)

        class Meta:
            ref_name = "ResettlementOfferCreate"

    @extend_schema(
        operation_id="resettlement_offer_create",
        tags=[TAG],
        summary="Publish an offer of housing, a host place, a sponsorship or a job",
        request=InputSerializer,
        responses={201: OfferSerializer, **error_responses(400, 403)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        offer = services.offer_create(actor=self.actor, **data)
        return Response(OfferSerializer(offer).data, status=status.HTTP_201_CREATED)
