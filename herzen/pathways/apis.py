"""JSON API of pathways, policy regimes and applications. One class per operation.

Reads are GET; `POST /applications/` starts one and `POST /applications/<id>/transitions/` makes one move
of its pathway's machine, under exactly the rules of the pages (the same services). An NGO reads its own
applications; an authority reads those referred to it. Anything else answers 404.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.domain.workflow import SHIPPED, FactKind, OutcomeKind
from herzen.pathways import selectors, services
from herzen.pathways.models import Application, PolicyRegimeStatus

PATHWAYS_TAG = "pathways"
APPLICATIONS_TAG = "applications"
PATHWAY_CODES = [p.code for p in SHIPPED]


class StateSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="English; the pages show it translated.")
    terminal = serializers.BooleanField()
    pending = serializers.BooleanField(help_text="Suspended by policy when its regime is suspended.")
    waiting_on_authority = serializers.BooleanField()

    class Meta:
        ref_name = "PathwayState"


class FactSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=[k.value for k in FactKind])
    required = serializers.BooleanField()

    class Meta:
        ref_name = "TransitionFact"


class TransitionSerializer(serializers.Serializer):
    source = serializers.CharField()
    name = serializers.CharField()
    target = serializers.CharField()
    actors = serializers.ListField(
        child=serializers.CharField(),
        help_text="Actor kinds: ngo:caseworker, ngo:supervisor, authority:<authority kind>, policy.",
    )
    decision = serializers.BooleanField(help_text="Recorded only by an authority, with the decision facts.")
    facts = FactSerializer(many=True, source="all_facts")
    refers_to = serializers.CharField(allow_null=True, help_text="The authority kind the move hands it to.")

    class Meta:
        ref_name = "PathwayTransition"


class PolicyRegimeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    pathway = serializers.ChoiceField(choices=PATHWAY_CODES)
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=PolicyRegimeStatus.choices)
    quota = serializers.IntegerField(allow_null=True, help_text="People a year; null: no quota.")
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    rule_set = serializers.JSONField(help_text="Screening rules as data (evaluated by herzen.domain.rules).")
    rule_set_version = serializers.CharField()

    class Meta:
        ref_name = "PolicyRegime"


class PathwaySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    destination_country = serializers.CharField(
        help_text="ISO code; empty when the route exists in many countries."
    )
    legal_basis = serializers.CharField()
    outcome = serializers.ChoiceField(choices=[o.value for o in OutcomeKind])
    deciding_authorities = serializers.ListField(child=serializers.CharField())
    evidence_checklist = serializers.ListField(child=serializers.CharField())
    annual_quota = serializers.IntegerField(allow_null=True)
    initial_state = serializers.CharField()
    states = StateSerializer(many=True)
    transitions = TransitionSerializer(many=True)
    open_regime = PolicyRegimeSerializer(allow_null=True)

    class Meta:
        ref_name = "Pathway"


def pathway_representation(row: selectors.PathwayRow) -> dict[str, Any]:
    pathway = row.pathway
    data = {
        name: getattr(pathway, name)
        for name in (
            "code",
            "name",
            "destination_country",
            "legal_basis",
            "annual_quota",
            "initial_state",
            "states",
        )
    }
    data.update(
        outcome=pathway.outcome.value,
        deciding_authorities=sorted(pathway.deciding_authorities),
        evidence_checklist=list(pathway.evidence_checklist),
        transitions=[
            {
                "source": t.source,
                "name": t.name,
                "target": t.target,
                "actors": sorted(t.actors),
                "decision": t.decision,
                "all_facts": [
                    {"name": f.name, "kind": f.kind.value, "required": f.required} for f in t.all_facts
                ],
                "refers_to": t.refers_to,
            }
            for t in pathway.transitions
        ],
        open_regime=row.open_regime,
    )
    result: dict[str, Any] = PathwaySerializer(data).data
    return result


class PathwayListApi(ActorApi):
    @extend_schema(
        operation_id="pathway_list",
        tags=[PATHWAYS_TAG],
        summary="Every pathway with its stage machine and the regime open today",
        responses={200: PathwaySerializer(many=True), **error_responses()},
    )
    def get(self, request: Request) -> Response:
        return Response([pathway_representation(row) for row in selectors.pathway_list(actor=self.actor)])


class PolicyRegimeListApi(ActorListApi):
    class FilterSerializer(serializers.Serializer):
        pathway = serializers.ChoiceField(choices=PATHWAY_CODES, required=False)

        class Meta:
            ref_name = "PolicyRegimeFilter"

    @extend_schema(
        operation_id="policy_regime_list",
        tags=[PATHWAYS_TAG],
        summary="Policy regimes, every version of every pathway",
        parameters=[FilterSerializer],
        responses={200: PolicyRegimeSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        # A plain dict: "?pathway=" is refused, not ignored (as the schema says: no empty filters).
        data = parse_input(self.FilterSerializer, request.query_params.dict(), query=True)
        regimes = selectors.policy_regime_list(actor=self.actor, pathway=data.get("pathway", ""))
        return self.paginated(regimes, PolicyRegimeSerializer)


class ApplicationSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    case_id = serializers.UUIDField()
    case_reference = serializers.CharField(source="case.reference")
    pathway = serializers.ChoiceField(choices=PATHWAY_CODES)
    destination_country = serializers.CharField()
    regime_id = serializers.UUIDField()
    state = serializers.CharField()
    is_terminal = serializers.BooleanField()
    is_pending = serializers.BooleanField()
    waiting_on_authority = serializers.BooleanField()
    state_entered_at = serializers.DateTimeField()
    authority_id = serializers.UUIDField(allow_null=True, help_text="The authority that has it now.")

    class Meta:
        ref_name = "ApplicationSummary"


class StateChangeSerializer(serializers.Serializer):
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    transition = serializers.CharField()
    organisation_id = serializers.UUIDField(allow_null=True, help_text="Null for a policy change.")
    occurred_at = serializers.DateTimeField()
    facts = serializers.JSONField()

    class Meta:
        ref_name = "ApplicationStateChange"


class DecisionSerializer(serializers.Serializer):
    transition = serializers.CharField()
    decided_on = serializers.DateField()
    deciding_body = serializers.CharField()
    deciding_organisation_id = serializers.UUIDField()
    reasons_given = serializers.BooleanField()
    reasons = serializers.CharField(help_text="Empty when no reasons were given.")

    class Meta:
        ref_name = "ApplicationDecision"


class DeadlineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    due_on = serializers.DateField()
    closed_at = serializers.DateTimeField(allow_null=True, help_text="Null while the deadline is open.")

    class Meta:
        ref_name = "ApplicationDeadline"


class HouseholdLineSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    role = serializers.CharField()

    class Meta:
        ref_name = "ApplicationHouseholdLine"


class AvailableMoveSerializer(serializers.Serializer):
    name = serializers.CharField(source="transition.name")
    target = serializers.CharField(source="transition.target")
    decision = serializers.BooleanField(source="transition.decision")
    facts = FactSerializer(many=True, source="transition.all_facts")
    authority_ids = serializers.SerializerMethodField()

    class Meta:
        ref_name = "ApplicationAvailableMove"

    def get_authority_ids(self, option: selectors.MoveOption) -> list[str]:
        return [str(a.pk) for a in option.authorities]


class ApplicationSerializer(ApplicationSummarySerializer):
    household = HouseholdLineSerializer(many=True)
    history = StateChangeSerializer(many=True)
    decisions = DecisionSerializer(many=True)
    deadlines = DeadlineSerializer(many=True)
    available_moves = AvailableMoveSerializer(many=True, help_text="The moves the caller may make now.")
    screening = serializers.JSONField(
        allow_null=True,
        help_text=(
            "The case screened under the regime's rule set, computed now (never stored): recommendation, "
            "each criterion with its outcome and the facts it used, the rule set's id and version, the date, "
            "and the notice that people decide. Null for an authority (it does not read the NGO's file) and "
            "when the regime has no readable rule set."
        ),
    )

    class Meta:
        ref_name = "Application"


SUMMARY_FIELDS = (
    "id",
    "case_id",
    "case",
    "pathway",
    "destination_country",
    "regime_id",
    "state",
    "is_terminal",
    "is_pending",
    "waiting_on_authority",
    "state_entered_at",
    "authority_id",
)


# What an application shows: where it stands, and for whom (the household's names, dates of birth, roles).
APPLICATION_SHOWN = ["application", "case", "identity", "household"]
# Screening shows what the case record knows: risk factors, whether a passport is valid, when the stay ends.
SCREENING_SHOWN = ["risk", "documents", "stays", "declarations"]
# A list of applications shows each one's pathway, destination and state under its case's reference.
APPLICATION_LIST_SHOWN = ["application", "case"]


def application_representation(actor: Any, application: Application, *, via: Request) -> dict[str, Any]:
    """The application as the API returns it; records that its household's data is being shown."""
    household = selectors.application_household(actor=actor, application_id=application.pk)
    screening = selectors.application_screening(actor=actor, application=application)
    audit.record_access(
        actor=actor,
        target=[application, application.case, *selectors.shown_people(household)],
        categories=[*APPLICATION_SHOWN, *(SCREENING_SHOWN if screening.result else [])],
        via=via,
    )
    item = {name: getattr(application, name) for name in SUMMARY_FIELDS}
    item.update(
        household=household,
        history=selectors.application_history(actor=actor, application=application),
        decisions=selectors.application_decisions(actor=actor, application=application),
        deadlines=selectors.application_deadlines(actor=actor, application=application),
        available_moves=selectors.application_moves(actor=actor, application_id=application.pk),
        screening=screening.result.to_document() if screening.result else None,
    )
    data: dict[str, Any] = ApplicationSerializer(item).data
    return data


class ApplicationListApi(ActorListApi):
    class FilterSerializer(serializers.Serializer):
        case = serializers.UUIDField(required=False, help_text="The applications of one case.")
        pathway = serializers.ChoiceField(choices=PATHWAY_CODES, required=False)
        state = serializers.CharField(required=False, max_length=64)
        waiting_on_authority = serializers.BooleanField(required=False, allow_null=True, default=None)
        active = serializers.BooleanField(required=False, default=False, help_text="Only unfinished ones.")

        class Meta:
            ref_name = "ApplicationFilter"

    @extend_schema(
        operation_id="application_list",
        tags=[APPLICATIONS_TAG],
        summary="Applications: an NGO's own, or those referred to an authority",
        parameters=[FilterSerializer],
        responses={200: ApplicationSummarySerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        # A plain dict: "?pathway=" is refused, not ignored (as the schema says: no empty filters).
        data = parse_input(self.FilterSerializer, request.query_params.dict(), query=True)
        filters = selectors.ApplicationFilters(
            case_id=data.get("case"),
            pathway=data.get("pathway", ""),
            state=data.get("state", ""),
            waiting_on_authority=data.get("waiting_on_authority"),
            active_only=data["active"],
        )
        return self.paginated(
            selectors.application_list(actor=self.actor, filters=filters),
            ApplicationSummarySerializer,
            shown=lambda page: audit.record_access(
                actor=self.actor,
                target=[*page, *(application.case for application in page)],
                categories=APPLICATION_LIST_SHOWN,
                via=request,
            ),
        )


class ApplicationDetailApi(ActorApi):
    @extend_schema(
        operation_id="application_get",
        tags=[APPLICATIONS_TAG],
        summary="An application with its history, decisions, deadlines and the moves the caller may make",
        responses={200: ApplicationSerializer, **error_responses(404)},
    )
    def get(self, request: Request, application_id: str) -> Response:
        application = selectors.application_get(actor=self.actor, application_id=application_id)
        return Response(application_representation(self.actor, application, via=request))


class ApplicationStartApi(ActorApi):
    error_field_names = {"case": "case_id"}

    class InputSerializer(serializers.Serializer):
        case_id = serializers.UUIDField()
        pathway = serializers.ChoiceField(choices=PATHWAY_CODES)
        destination_country = serializers.CharField(
            required=False, allow_blank=True, max_length=2, help_text="Only for pathways of many countries."
        )

        class Meta:
            ref_name = "ApplicationStart"

    @extend_schema(
        operation_id="application_start",
        tags=[APPLICATIONS_TAG],
        summary="Start a case's application to a pathway, under its open policy regime",
        description="409 when no regime of the pathway is open, or the case has an unfinished one.",
        request=InputSerializer,
        responses={201: ApplicationSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        application = services.application_start(actor=self.actor, **data)
        application = selectors.application_get(actor=self.actor, application_id=application.pk)
        return Response(
            application_representation(self.actor, application, via=request), status=status.HTTP_201_CREATED
        )


class ApplicationTransitionApi(ActorApi):
    error_field_names = {"authority": "authority_id"}

    class InputSerializer(serializers.Serializer):
        move = serializers.CharField(max_length=64, help_text="A move of the pathway's table, e.g. submit.")
        facts = serializers.DictField(
            required=False,
            default=dict,
            help_text="The move's facts: dates as YYYY-MM-DD, reasons_given as true/false, text as strings.",
        )
        authority_id = serializers.UUIDField(
            required=False, allow_null=True, help_text="Where a referring move hands the application."
        )

        class Meta:
            ref_name = "ApplicationTransition"

    @extend_schema(
        operation_id="application_transition",
        tags=[APPLICATIONS_TAG],
        summary="Make one move of the application's pathway",
        description=(
            "403 when the caller may not make this move (decisions: only the deciding authority); 409 when the "
            "move is not possible from the current state (the message names both); 400 names each wrong fact."
        ),
        request=InputSerializer,
        responses={200: ApplicationSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, application_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        services.application_transition(actor=self.actor, application_id=application_id, **data)
        application = selectors.application_get(actor=self.actor, application_id=application_id)
        return Response(application_representation(self.actor, application, via=request))
