"""JSON API of resettlement (issue 17): offers (list, publish, change, close), a case's household needs,
matching runs (start, list, read with proposals and explanations, move a proposal by hand, send) and a
household's answer to a proposal, recorded by its caseworker (applicants have no API login).

The same services and selectors as the pages. Offers describe homes, host places, sponsorships and jobs, not
persons, so reading them logs no access; needs and a run's proposals are a household's data and are logged."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, CountryCodeField, error_responses, parse_input
from herzen.resettlement import selectors, services
from herzen.resettlement.models import (
    HouseholdNeeds,
    MatchRun,
    OfferKind,
    Proposal,
    ProposalStatus,
    RunPolicy,
    RunStatus,
)
from herzen.resettlement.permissions import can_see_medical_needs
from herzen.resettlement.rule_words import explained, rule_text

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
    required_languages = serializers.ListField(
        child=serializers.CharField(),
        help_text="A job: an adult is placed in it only if they speak one of these (empty: none required).",
    )
    skills = serializers.ListField(
        child=serializers.CharField(),
        help_text="A job: an adult is placed in it only if they have one of these skills or professions "
        "(empty: none required). A sponsorship: the professions it mentors in.",
    )
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


class OfferUpdateApi(ActorApi):
    class InputSerializer(OfferCreateApi.InputSerializer):
        class Meta:
            ref_name = "ResettlementOfferUpdate"

    @extend_schema(
        operation_id="resettlement_offer_update",
        tags=[TAG],
        summary="Change an open offer of your organisation (only the fields sent)",
        description=(
            "Places promised in sent or accepted proposals stay: `capacity_persons` and `child_beds` cannot go "
            "below them (400 on that field); `available_to` is on or after `available_from`. A closed offer "
            "cannot be changed (409). Another organisation's offer is not found (404)."
        ),
        request=InputSerializer(partial=True),
        responses={200: OfferSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, offer_id: str) -> Response:
        selectors.own_offer_get(actor=self.actor, offer_id=offer_id)
        data = parse_input(self.InputSerializer, request.data, partial=True)
        offer = services.offer_update(actor=self.actor, offer_id=offer_id, **data)
        return Response(OfferSerializer(offer).data)


class OfferCloseApi(ActorApi):
    @extend_schema(
        operation_id="resettlement_offer_close",
        tags=[TAG],
        summary="Close an offer of your organisation: no new run uses it; sent proposals keep their places",
        request=None,
        responses={200: OfferSerializer, **error_responses(404)},
    )
    def post(self, request: Request, offer_id: str) -> Response:
        offer = services.offer_close(actor=self.actor, offer_id=offer_id)
        return Response(OfferSerializer(offer).data)


# --- a household's needs ----------------------------------------------------------------------------------


class TieSerializer(serializers.Serializer):
    town = serializers.CharField(max_length=100)
    relation = serializers.CharField(max_length=100, required=False, default="relative")

    class Meta:
        ref_name = "ResettlementTie"


def _codes(max_length: int, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=max_length),
        required=False,
        default=list,
        max_length=50,
        **kwargs,
    )


class NeedsSerializer(serializers.Serializer):
    case_id = serializers.UUIDField()
    adults = serializers.IntegerField(min_value=1)
    children = serializers.IntegerField(min_value=0)
    destination_country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    ready = serializers.BooleanField()
    ready_on = serializers.DateField(allow_null=True)
    needs_accessible = serializers.BooleanField()
    has_pets = serializers.BooleanField()
    smokers = serializers.BooleanField()
    languages = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    ties = TieSerializer(many=True)
    preferred_towns = serializers.ListField(child=serializers.CharField(), help_text="Best first.")
    vetoed_towns = serializers.ListField(child=serializers.CharField())
    medical_needs = serializers.CharField(
        allow_null=True, help_text="Only for caseworkers and supervisors; null for other roles."
    )

    class Meta:
        ref_name = "ResettlementNeeds"


def needs_representation(actor: Any, needs: HouseholdNeeds) -> dict[str, Any]:
    profile = needs.profile or {}
    return NeedsSerializer(
        {
            "case_id": needs.case_id,
            **{name: getattr(needs, name) for name in ("adults", "children", "destination_country", "ready")},
            **{
                name: getattr(needs, name) for name in ("ready_on", "needs_accessible", "has_pets", "smokers")
            },
            **{
                name: profile.get(name, [])
                for name in ("languages", "skills", "preferred_towns", "vetoed_towns")
            },
            "ties": [
                {"town": t.get("town", ""), "relation": t.get("relation", "")}
                for t in profile.get("ties", [])
            ],
            "medical_needs": needs.medical_needs if can_see_medical_needs(actor) else None,
        }
    ).data


class NeedsGetApi(ActorApi):
    @extend_schema(
        operation_id="resettlement_needs_get",
        tags=[TAG],
        summary="What a case's household needs and wants from a place (404 if nothing is recorded yet)",
        responses={200: NeedsSerializer, **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        needs = selectors.needs_get(actor=self.actor, case_id=case_id)
        audit.record_access(actor=self.actor, target=needs.case, categories=["household"], via=request)
        return Response(needs_representation(self.actor, needs))


class NeedsPutApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        adults = serializers.IntegerField(min_value=1, max_value=30)
        children = serializers.IntegerField(min_value=0, max_value=30, required=False, default=0)
        destination_country = CountryCodeField(help_text="Where the household is admitted (ISO code).")
        ready = serializers.BooleanField(required=False, default=False)
        ready_on = serializers.DateField(required=False, allow_null=True, default=None)
        needs_accessible = serializers.BooleanField(required=False, default=False)
        has_pets = serializers.BooleanField(required=False, default=False)
        smokers = serializers.BooleanField(required=False, default=False)
        languages = _codes(10, help_text="Language codes: ru, de, en.")
        skills = _codes(100)
        ties = TieSerializer(
            many=True, required=False, default=list, help_text="Relatives already in a town."
        )
        preferred_towns = _codes(100, help_text="Best first.")
        vetoed_towns = _codes(100, help_text="Towns the household rules out: never proposed.")
        medical_needs = serializers.CharField(
            max_length=4000, required=False, allow_blank=True, default="", help_text="Kept encrypted."
        )

        class Meta:
            ref_name = "ResettlementNeedsInput"

    @extend_schema(
        operation_id="resettlement_needs_put",
        tags=[TAG],
        summary="Record or replace what a case's household needs and wants (caseworkers and supervisors)",
        request=InputSerializer,
        responses={200: NeedsSerializer, **error_responses(400, 404)},
    )
    def put(self, request: Request, case_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        profile = {
            "languages": [v.strip().lower() for v in data.pop("languages") if v.strip()],
            "skills": [v.strip().lower() for v in data.pop("skills") if v.strip()],
            "ties": [
                {"town": t["town"].strip(), "relation": t["relation"].strip() or "relative"}
                for t in data.pop("ties")
                if t["town"].strip()
            ],
            "preferred_towns": [v.strip() for v in data.pop("preferred_towns") if v.strip()],
            "vetoed_towns": [v.strip() for v in data.pop("vetoed_towns") if v.strip()],
        }
        needs = services.household_needs_save(actor=self.actor, case_id=case_id, profile=profile, **data)
        audit.record_access(actor=self.actor, target=needs.case, categories=["household"], via=request)
        return Response(needs_representation(self.actor, needs))


# --- matching runs ----------------------------------------------------------------------------------------


class ViolationSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="The hard rule's code.")
    text = serializers.CharField(help_text="The rule in the reader's language.")
    count = serializers.IntegerField()

    class Meta:
        ref_name = "ResettlementViolation"


class RunSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    destination_country = serializers.CharField()
    status = serializers.ChoiceField(choices=RunStatus.choices)
    job_id = serializers.UUIDField(
        allow_null=True, help_text="The background job; its progress is at /jobs/."
    )
    method = serializers.CharField(help_text="The solver used; empty until the run is done.")
    proven_optimal = serializers.BooleanField()
    objective = serializers.FloatField(allow_null=True, help_text="The plan's total score.")
    upper_bound = serializers.FloatField(allow_null=True, help_text="No plan can score more.")
    weights = serializers.DictField(help_text="The score weights the run used.")
    weights_version_id = serializers.UUIDField(
        allow_null=True, help_text="The programme's weights used (a dated version); null: set for this run."
    )
    violations = ViolationSerializer(many=True, help_text="Hard rules the refused plan broke, by rule.")
    policy = serializers.ChoiceField(choices=RunPolicy.choices)
    reserved = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Dynamic policy: per offer id, the price per person at which its room is kept for later.",
    )
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "ResettlementRun"


def run_representation(run: MatchRun) -> dict[str, Any]:
    return {
        **{name: getattr(run, name) for name in ("id", "destination_country", "status", "job_id", "method")},
        **{name: getattr(run, name) for name in ("proven_optimal", "objective", "upper_bound", "weights")},
        "weights_version_id": run.weights_version_id,
        "policy": run.policy,
        "reserved": run.reserved or {},
        "violations": [
            {"rule": rule, "text": rule_text(rule), "count": count}
            for rule, count in sorted((run.violations or {}).items())
        ],
        "created_at": run.created_at,
        "sent_at": run.sent_at,
    }


class PartSerializer(serializers.Serializer):
    part = serializers.CharField(help_text="The score part's code.")
    text = serializers.CharField(help_text="The part in the reader's language.")
    value = serializers.FloatField(help_text="What it adds to the score.")

    class Meta:
        ref_name = "ResettlementScorePart"


class AlternativeSerializer(serializers.Serializer):
    town = serializers.CharField()
    score = serializers.FloatField()
    better_on = serializers.CharField(help_text="What the other place was better on, in words.")
    why_not = serializers.CharField(help_text="Why the household was not placed there, in words.")

    class Meta:
        ref_name = "ResettlementAlternative"


class JobLineSerializer(serializers.Serializer):
    job_id = serializers.UUIDField(help_text="The job offer.")
    adult = serializers.IntegerField(min_value=1, help_text="Which adult of the household (1, 2, …).")
    score = serializers.FloatField()
    text = serializers.CharField(help_text="The job and why it fits, in the reader's language.")
    parts = PartSerializer(
        many=True, help_text="Its score parts: a required language spoken, the profession."
    )

    class Meta:
        ref_name = "ResettlementJobPlacement"


class ExplanationSerializer(serializers.Serializer):
    employment = serializers.FloatField(help_text="Predicted chance that an adult finds work.")
    parts = PartSerializer(many=True)
    alternatives = AlternativeSerializer(many=True)
    sponsor_parts = PartSerializer(many=True, help_text="Why this sponsor: its score parts in words.")
    jobs = JobLineSerializer(
        many=True,
        help_text="Jobs for the household's adults in the town of its home, assigned after the home.",
    )

    class Meta:
        ref_name = "ResettlementExplanation"


class ProposalSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    run_id = serializers.UUIDField()
    case_id = serializers.UUIDField()
    case_reference = serializers.CharField()
    offer_id = serializers.UUIDField(allow_null=True, help_text="Null: not placed in this run.")
    sponsorship_id = serializers.UUIDField(
        allow_null=True, help_text="A sponsor in the town of the offer, assigned after the home; null: none."
    )
    persons = serializers.IntegerField()
    children = serializers.IntegerField()
    score = serializers.FloatField()
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    edited_by_hand = serializers.BooleanField()
    explanation = ExplanationSerializer()

    class Meta:
        ref_name = "ResettlementProposal"


def proposal_representation(proposal: Proposal) -> dict[str, Any]:
    return {
        **{name: getattr(proposal, name) for name in ("id", "run_id", "case_id", "offer_id", "persons")},
        "sponsorship_id": proposal.sponsorship_id,
        **{name: getattr(proposal, name) for name in ("children", "score", "status", "edited_by_hand")},
        "case_reference": proposal.case.reference,
        "explanation": explained(proposal.explanation or {}, proposal.persons, proposal.job_placements.all()),
    }


class RunDetailSerializer(RunSerializer):
    offer_ids = serializers.ListField(child=serializers.UUIDField())
    proposals = ProposalSerializer(many=True)

    class Meta:
        ref_name = "ResettlementRunDetail"


class RunListSerializer(RunSerializer):
    """RunSerializer over MatchRun rows (the schema names RunSerializer)."""

    def to_representation(self, instance: Any) -> Any:
        return super().to_representation(run_representation(instance))


class RunListApi(ActorListApi):
    @extend_schema(
        operation_id="resettlement_run_list",
        tags=[TAG],
        summary="The organisation's matching runs, newest first",
        responses={200: RunSerializer(many=True), **error_responses(404)},  # 404: a page past the end
    )
    def get(self, request: Request) -> Response:
        return self.paginated(
            selectors.run_list(actor=self.actor).order_by("-created_at", "id"), RunListSerializer
        )


class WeightsSerializer(serializers.Serializer):
    employment = serializers.FloatField(min_value=0, max_value=100, required=False, default=1.0)
    preference = serializers.FloatField(min_value=0, max_value=100, required=False, default=0.3)
    ties_distance = serializers.FloatField(min_value=0, max_value=100, required=False, default=0.2)

    class Meta:
        ref_name = "ResettlementWeights"


class RunStartApi(ActorApi):
    error_field_names = {"offers": "offer_ids", "arrivals": "arrival_case_ids"}

    class InputSerializer(serializers.Serializer):
        destination_country = CountryCodeField(
            help_text="The pool: households admitted to this country, ready."
        )
        offer_ids = serializers.ListField(
            child=serializers.UUIDField(),
            min_length=1,
            max_length=5000,
            help_text="Open offers in the destination country that the organisation can see.",
        )
        weights = WeightsSerializer(
            required=False,
            help_text="The score's weights; the programme's (or the model's defaults) if left out.",
        )
        arrival_case_ids = serializers.ListField(
            child=serializers.UUIDField(),
            required=False,
            min_length=1,
            max_length=500,
            help_text=(
                "Dynamic policy: place only these households, who arrived now (each admitted to the country, "
                "ready and not yet placed), against today's capacity, keeping room for those expected later."
            ),
        )

        class Meta:
            ref_name = "ResettlementRunStart"

    @extend_schema(
        operation_id="resettlement_run_start",
        tags=[TAG],
        summary="Start a matching run as a background job (coordinators)",
        description=(
            "`offer_ids` must name open offers in `destination_country` (400 on `offer_ids` if none does); "
            "`arrival_case_ids`, households of the country's pool (400 on `arrival_case_ids` otherwise)."
        ),
        request=InputSerializer,
        responses={201: RunSerializer, **error_responses(400)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        weights = data.get("weights")
        run = services.match_run_start(
            actor=self.actor,
            destination_country=data["destination_country"],
            offer_ids=data["offer_ids"],
            weights={"weights": dict(weights)} if weights else None,
            arrival_case_ids=data.get("arrival_case_ids"),
        )
        return Response(RunSerializer(run_representation(run)).data, status=status.HTTP_201_CREATED)


def _run_detail(request: Request, actor: Any, run: MatchRun) -> Response:
    proposals = list(selectors.run_proposals(actor=actor, run=run))
    if proposals:
        audit.record_access(
            actor=actor, target=[p.case for p in proposals], categories=["household"], via=request
        )
    data = {
        **run_representation(run),
        "offer_ids": [offer.pk for offer in run.offers.all()],
        "proposals": [proposal_representation(p) for p in proposals],
    }
    return Response(RunDetailSerializer(data).data)


class RunDetailApi(ActorApi):
    @extend_schema(
        operation_id="resettlement_run_get",
        tags=[TAG],
        summary="A matching run with its proposals, each explained",
        responses={200: RunDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, run_id: str) -> Response:
        return _run_detail(request, self.actor, selectors.run_get(actor=self.actor, run_id=run_id))


class RunSendApi(ActorApi):
    @extend_schema(
        operation_id="resettlement_run_send",
        tags=[TAG],
        summary="Send the run's placed proposals to their households (checked once more by the validator)",
        request=None,
        responses={200: RunSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, run_id: str) -> Response:
        run = services.match_run_send(
            actor=self.actor, run_id=selectors.run_get(actor=self.actor, run_id=run_id).pk
        )
        return Response(RunSerializer(run_representation(run)).data)


def _proposal_shown(request: Request, actor: Any, run_id: str, proposal_id: str) -> Response:
    """The proposal as it is now, its household's access logged."""
    proposal = selectors.run_proposal_get(actor=actor, run_id=run_id, proposal_id=proposal_id)
    audit.record_access(actor=actor, target=proposal.case, categories=["household"], via=request)
    return Response(ProposalSerializer(proposal_representation(proposal)).data)


class ProposalMoveApi(ActorApi):
    error_field_names = {"offer": "offer_id"}

    class InputSerializer(serializers.Serializer):
        offer_id = serializers.UUIDField(
            allow_null=True, help_text="One of the run's open offers, or null: not placed in this run."
        )

        class Meta:
            ref_name = "ResettlementProposalMove"

    @extend_schema(
        operation_id="resettlement_proposal_move",
        tags=[TAG],
        summary="Move a proposal by hand before the run is sent; the validator re-checks the whole run",
        description=(
            "`offer_id` must be one of the run's open offers, and the run with the household there must keep "
            "every hard rule (400 on `offer_id`, naming the broken rules)."
        ),
        request=InputSerializer,
        responses={200: ProposalSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, run_id: str, proposal_id: str) -> Response:
        proposal = selectors.run_proposal_get(actor=self.actor, run_id=run_id, proposal_id=proposal_id)
        data = parse_input(self.InputSerializer, request.data)
        services.proposal_move(actor=self.actor, proposal_id=proposal.pk, offer_id=data["offer_id"])
        return _proposal_shown(request, self.actor, run_id, proposal_id)


class ProposalAnswerApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        accept = serializers.BooleanField(
            help_text="true: the household takes the place; false: it declines."
        )

        class Meta:
            ref_name = "ResettlementProposalAnswer"

    @extend_schema(
        operation_id="resettlement_proposal_answer",
        tags=[TAG],
        summary="Record a household's answer to a sent proposal, given to its caseworker (declining costs nothing)",
        request=InputSerializer,
        responses={200: ProposalSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, run_id: str, proposal_id: str) -> Response:
        proposal = selectors.run_proposal_get(actor=self.actor, run_id=run_id, proposal_id=proposal_id)
        data = parse_input(self.InputSerializer, request.data)
        services.proposal_answer_record(actor=self.actor, proposal_id=proposal.pk, accept=data["accept"])
        return _proposal_shown(request, self.actor, run_id, proposal_id)
