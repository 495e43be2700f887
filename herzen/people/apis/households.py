"""JSON API of households: who an exile travels and applies with."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, CountryCodeField, error_responses, parse_input
from herzen.people import selectors, services
from herzen.people.apis.persons import PersonSummarySerializer
from herzen.people.choices import HouseholdRole
from herzen.people.models import Household

TAG = "households"


# The roles a member other than the principal can have (ENUM_NAME_OVERRIDES in settings names this set).
MEMBER_ROLES = [(value, label) for value, label in HouseholdRole.choices if value != HouseholdRole.PRINCIPAL]


# --- Representations ------------------------------------------------------------------------------------------


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


# What a household representation shows: its members' names and birth dates, where they are, the deadline.
HOUSEHOLD_SHOWS = ["household", "identity", "stays"]


def household_targets(household: Household, members: Any) -> list[Any]:
    return [household, *(member.person for member in members)]


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


# --- Operations -----------------------------------------------------------------------------------------------


class HouseholdCreateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        principal_id = serializers.UUIDField(help_text="The person the household's applications centre on.")

        class Meta:
            ref_name = "HouseholdCreate"

    @extend_schema(
        operation_id="household_create",
        tags=[TAG],
        summary="Create a household",
        request=InputSerializer,
        responses={201: HouseholdSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        household = services.household_create(actor=self.actor, **data)
        members = selectors.household_members(actor=self.actor, household=household)
        audit.record_access(
            actor=self.actor,
            target=household_targets(household, members),
            categories=HOUSEHOLD_SHOWS,
            via=request,
        )
        return Response(household_representation(household, members), status=status.HTTP_201_CREATED)


class HouseholdDetailApi(ActorApi):
    @extend_schema(
        operation_id="household_get",
        tags=[TAG],
        summary="A household and its members",
        responses={200: HouseholdSerializer, **error_responses(404)},
    )
    def get(self, request: Request, household_id: str) -> Response:
        household = selectors.household_get(actor=self.actor, household_id=household_id)
        members = selectors.household_members(actor=self.actor, household=household)
        audit.record_access(
            actor=self.actor,
            target=household_targets(household, members),
            categories=HOUSEHOLD_SHOWS,
            via=request,
        )
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
        tags=[TAG],
        summary="Add a member to a household",
        request=InputSerializer,
        responses={201: HouseholdMemberSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, household_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        member = services.household_member_add(actor=self.actor, household_id=household_id, **data)
        audit.record_access(actor=self.actor, target=member.person, categories=HOUSEHOLD_SHOWS, via=request)
        return Response(HouseholdMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class HouseholdMemberUpdateApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        role = serializers.ChoiceField(
            choices=[
                (value, label) for value, label in HouseholdRole.choices if value != HouseholdRole.PRINCIPAL
            ],
            help_text="Spouse or partner, child or other dependant; a child is born at least 12 years after "
            "the principal.",
        )

        class Meta:
            ref_name = "HouseholdMemberUpdate"

    @extend_schema(
        operation_id="household_member_update",
        tags=[TAG],
        summary="Correct a member's role in the household",
        request=InputSerializer,
        responses={200: HouseholdMemberSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, household_id: str, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        member = services.household_member_update(
            actor=self.actor, household_id=household_id, person_id=person_id, **data
        )
        audit.record_access(actor=self.actor, target=member.person, categories=HOUSEHOLD_SHOWS, via=request)
        return Response(HouseholdMemberSerializer(member).data)


class HouseholdMemberRemoveApi(ActorApi):
    @extend_schema(
        operation_id="household_member_remove",
        tags=[TAG],
        summary="Remove a member from a household",
        description="The person record stays; the principal cannot be removed (409).",
        responses={204: None, **error_responses(404, 409)},
    )
    def delete(self, request: Request, household_id: str, person_id: str) -> Response:
        services.household_member_remove(actor=self.actor, household_id=household_id, person_id=person_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
