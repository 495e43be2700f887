"""JSON API of cases.

One class per operation, joined per URL by `herzen.core.api.resource` in `herzen.api.urls`: `GET /cases/`
lists and `POST /cases/` opens one; a state change is a POST to a sub-collection named for it
(`/cases/<id>/assignments/`, `/status-changes/`, `/priority-refreshes/`); `GET .../notes/` lists the notes and
`POST .../notes/` adds one. Cases of another organisation answer 404, exactly like cases that do not exist.
"""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.cases import selectors, services
from herzen.cases.models import Case, CaseStatus, PriorityBand
from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.people.apis.households import HouseholdMemberSerializer
from herzen.people.apis.persons import PersonSummarySerializer
from herzen.people.choices import HouseholdRole
from herzen.people.selectors import household_members

CASES = "cases"
CASEWORKER_HELP = (
    "A user id of your organisation's caseworkers or supervisors; null leaves the case unassigned."
)


class StaffSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    class Meta:
        ref_name = "Staff"

    def get_name(self, user: Any) -> str:
        return str(user.get_full_name() or user.username)


class PriorityContributionSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="A risk-factor kind, `extradition_exposure` or `stay_deadline`.")
    rule = serializers.CharField(help_text="The weight that applied, e.g. `criminal_case.stage`.")
    value = serializers.CharField(help_text="The fact it applied to, e.g. `accused`.")
    points = serializers.IntegerField()
    reference = serializers.CharField(help_text="The risk factor's id, when the line comes from one.")
    subject = serializers.CharField(help_text="The person's id, when the line concerns one person.")

    class Meta:
        ref_name = "PriorityContribution"


class PriorityDeadlineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["stay_limit", "registration", "summons_deemed_served", "summons_further_restrictions"]
    )
    on = serializers.DateField()
    reference = serializers.CharField()
    subject = serializers.CharField()

    class Meta:
        ref_name = "PriorityDeadline"


class PrioritySerializer(serializers.Serializer):
    """How urgent the household's case is, and why: the contributions add up to the score."""

    score = serializers.IntegerField(source="priority_score")
    band = serializers.ChoiceField(source="priority_band", choices=PriorityBand.choices)
    next_deadline = serializers.DateField(source="priority_next_deadline", allow_null=True)
    computed_at = serializers.DateTimeField(source="priority_refreshed_at", allow_null=True)
    weights_version = serializers.SerializerMethodField()
    contributions = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    class Meta:
        ref_name = "Priority"

    def get_weights_version(self, case: Case) -> str:
        return str(case.priority_explanation.get("weights_version", ""))

    @extend_schema_field(PriorityContributionSerializer(many=True))
    def get_contributions(self, case: Case) -> list[dict[str, Any]]:
        return list(case.priority_explanation.get("contributions", []))

    @extend_schema_field(PriorityDeadlineSerializer(many=True))
    def get_deadlines(self, case: Case) -> list[dict[str, Any]]:
        return list(case.priority_explanation.get("deadlines", []))


class CaseSerializer(serializers.Serializer):
    """A case with its household's members, as every case operation returns it."""

    id = serializers.UUIDField()
    reference = serializers.CharField(
        help_text="e.g. K7QM-4F9X-TB3; unique and safe to read out on the phone."
    )
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    assigned_caseworker = StaffSerializer(allow_null=True)
    household_id = serializers.UUIDField()
    current_country = CountryCodeField(source="household.current_country", allow_blank=True)
    earliest_stay_deadline = serializers.DateField(source="household.earliest_stay_deadline", allow_null=True)
    members = HouseholdMemberSerializer(many=True)
    priority = PrioritySerializer()

    class Meta:
        ref_name = "Case"


# What a case representation shows: the case, its household and, of each member, name, birth date and stay.
CASE_SHOWS = ["case", "household", "identity", "stays"]


def case_targets(case: Case, members: Any) -> list[Any]:
    """The records a case representation shows, for `audit.record_access`: the case and each member."""
    return [case, *(member.person for member in members)]


def case_representation(case: Case, members: Any) -> dict[str, Any]:
    data: dict[str, Any] = CaseSerializer(
        {
            **{
                name: getattr(case, name)
                for name in (
                    "id",
                    "reference",
                    "status",
                    "opened_at",
                    "closed_at",
                    "assigned_caseworker",
                    "household_id",
                    "household",
                )
            },
            "members": members,
            "priority": case,
        }
    ).data
    return data


class CaseListApi(ActorListApi):
    def record_list(self, page: list[Case], request: Request) -> None:
        """Each listed case shows its principal's name and deadline."""
        principals = [
            member.person
            for case in page
            for member in case.household.ordered_members  # type: ignore[attr-defined]
            if member.role == HouseholdRole.PRINCIPAL
        ]
        audit.record_access(
            actor=self.actor,
            target=[*page, *principals],
            categories=["case", "identity", "stays"],
            via=request,
        )

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
        country = CountryCodeField(required=False, help_text="Where the household is now (ISO code).")
        caseworker = serializers.RegexField(
            r"^(none|\d+)$",
            required=False,
            help_text="A caseworker's user id, or `none` for unassigned cases.",
        )
        deadline_within_days = serializers.IntegerField(
            min_value=0,
            max_value=3650,
            required=False,
            help_text="Legal-stay deadline or registration due on or before today + N.",
        )
        due_within_days = serializers.IntegerField(
            min_value=0,
            max_value=3650,
            required=False,
            help_text=(
                "The next deadline of any kind (stay, registration, summons) on or before today + N; "
                "7 = due this week."
            ),
        )
        band = serializers.ChoiceField(choices=PriorityBand.choices, required=False)
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            help_text="A reference number, or a member's name in any script or spelling.",
        )
        sort = serializers.ChoiceField(choices=sorted(selectors.SORTS), default=selectors.DEFAULT_SORT)

        class Meta:
            ref_name = "CaseFilter"

    class OutputSerializer(serializers.Serializer):
        id = serializers.UUIDField()
        reference = serializers.CharField()
        status = serializers.ChoiceField(choices=CaseStatus.choices)
        opened_at = serializers.DateTimeField()
        principal = serializers.SerializerMethodField()
        current_country = CountryCodeField(source="household.current_country", allow_blank=True)
        earliest_stay_deadline = serializers.DateField(
            source="household.earliest_stay_deadline", allow_null=True
        )
        assigned_caseworker = StaffSerializer(allow_null=True)
        priority_score = serializers.IntegerField()
        priority_band = serializers.ChoiceField(choices=PriorityBand.choices)
        priority_next_deadline = serializers.DateField(allow_null=True)

        class Meta:
            ref_name = "CaseListItem"

        @extend_schema_field(PersonSummarySerializer(allow_null=True))
        def get_principal(self, case: Case) -> dict[str, Any] | None:
            # case_list prefetches the members into `ordered_members`: no query per case.
            for member in case.household.ordered_members:  # type: ignore[attr-defined]
                if member.role == HouseholdRole.PRINCIPAL:
                    return PersonSummarySerializer(member.person).data
            return None

    @extend_schema(
        operation_id="case_list",
        tags=[CASES],
        summary="List, filter and search cases",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        data = parse_input(
            self.FilterSerializer, request.query_params.dict(), query=True
        )  # a plain dict: "?status=" is refused, not ignored
        filters = selectors.CaseFilters(
            status=data.get("status", ""),
            country=data.get("country", ""),
            caseworker_id=data.get("caseworker", ""),
            deadline_within_days=data.get("deadline_within_days"),
            due_within_days=data.get("due_within_days"),
            band=data.get("band", ""),
            query=data.get("q", ""),
            sort=data["sort"],
        )
        cases = selectors.case_list(actor=self.actor, filters=filters)
        return self.paginated(
            cases, self.OutputSerializer, shown=lambda page: self.record_list(page, request)
        )


class CaseOpenApi(ActorApi):
    error_field_names = {"assigned_caseworker": "assigned_caseworker_id", "household": "household_id"}

    class InputSerializer(serializers.Serializer):
        household_id = serializers.UUIDField()
        assigned_caseworker_id = serializers.IntegerField(
            required=False, allow_null=True, help_text=CASEWORKER_HELP
        )

        class Meta:
            ref_name = "CaseOpen"

    @extend_schema(
        operation_id="case_open",
        tags=[CASES],
        summary="Open a case for a household",
        request=InputSerializer,
        responses={201: CaseSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        case = services.case_open(actor=self.actor, **data)
        members = household_members(actor=self.actor, household=case.household)
        audit.record_access(
            actor=self.actor, target=case_targets(case, members), categories=CASE_SHOWS, via=request
        )
        return Response(case_representation(case, members), status=status.HTTP_201_CREATED)


class CaseDetailApi(ActorApi):
    @extend_schema(
        operation_id="case_get",
        tags=[CASES],
        summary="A case and its household",
        responses={200: CaseSerializer, **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        case = selectors.case_get(actor=self.actor, case_id=case_id)
        members = household_members(actor=self.actor, household=case.household)
        audit.record_access(
            actor=self.actor, target=case_targets(case, members), categories=CASE_SHOWS, via=request
        )
        return Response(case_representation(case, members))


class CaseAssignApi(ActorApi):
    error_field_names = {"assigned_caseworker": "caseworker_id"}

    class InputSerializer(serializers.Serializer):
        caseworker_id = serializers.IntegerField(allow_null=True, help_text=CASEWORKER_HELP)

        class Meta:
            ref_name = "CaseAssign"

    @extend_schema(
        operation_id="case_assign",
        tags=[CASES],
        summary="Assign a case to a caseworker",
        description="Supervisors only.",
        request=InputSerializer,
        responses={200: CaseSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        case = services.case_assign(actor=self.actor, case_id=case_id, **data)
        members = household_members(actor=self.actor, household=case.household)
        audit.record_access(
            actor=self.actor, target=case_targets(case, members), categories=CASE_SHOWS, via=request
        )
        return Response(case_representation(case, members))


class CasePriorityRefreshApi(ActorApi):
    @extend_schema(
        operation_id="case_priority_refresh",
        tags=[CASES],
        summary="Recalculate a case's priority as of today",
        description=(
            "The priority follows every change to the household's risk factors and stays by itself; it also "
            "moves with time alone (a stay clock running out, a summons deemed served). Caseworkers and "
            "supervisors."
        ),
        request=None,
        responses={200: CaseSerializer, **error_responses(404)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        case = services.case_priority_refresh(actor=self.actor, case_id=case_id)
        members = household_members(actor=self.actor, household=case.household)
        audit.record_access(
            actor=self.actor, target=case_targets(case, members), categories=CASE_SHOWS, via=request
        )
        return Response(case_representation(case, members))


class CaseStatusChangeApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=CaseStatus.choices)

        class Meta:
            ref_name = "CaseStatusChange"

    @extend_schema(
        operation_id="case_change_status",
        tags=[CASES],
        summary="Put a case on hold, close or reopen it",
        description="The assigned caseworker or a supervisor.",
        request=InputSerializer,
        responses={200: CaseSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        case = services.case_change_status(actor=self.actor, case_id=case_id, **data)
        members = household_members(actor=self.actor, household=case.household)
        audit.record_access(
            actor=self.actor, target=case_targets(case, members), categories=CASE_SHOWS, via=request
        )
        return Response(case_representation(case, members))


class CaseNoteSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    body = serializers.CharField()
    author = StaffSerializer()
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "CaseNote"


class CaseNoteListApi(ActorListApi):
    @extend_schema(
        operation_id="case_notes",
        tags=[CASES],
        summary="A case's notes, newest first",
        description="Add a note with `POST /api/v1/cases/{case_id}/notes/`.",
        responses={200: CaseNoteSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        case = selectors.case_get(actor=self.actor, case_id=case_id)
        notes = selectors.case_notes(actor=self.actor, case=case)
        audit.record_access(actor=self.actor, target=case, categories=["notes"], via=request)
        return self.paginated(notes, CaseNoteSerializer)


class CaseNoteAddApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        body = serializers.CharField(max_length=20_000)

        class Meta:
            ref_name = "CaseNoteAdd"

    @extend_schema(
        operation_id="case_note_add",
        tags=[CASES],
        summary="Add a note to a case",
        description="List the notes with `GET /api/v1/cases/{case_id}/notes/`.",
        request=InputSerializer,
        responses={201: CaseNoteSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        note = services.case_note_add(actor=self.actor, case_id=case_id, **data)
        audit.record_access(actor=self.actor, target=note.case, categories=["notes"], via=request)
        return Response(CaseNoteSerializer(note).data, status=status.HTTP_201_CREATED)
