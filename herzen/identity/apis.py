"""JSON API of the merge queue (issue 16): the open pairs, starting a search for duplicates, merging a pair,
marking it "not the same person", and undoing a merge. Only the owning organisation reaches a pair or a merge
(another organisation's id answers 404). A pair carries person ids, never names: the person API shows them."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.domain.linkage.model import LEVELS
from herzen.identity import selectors, services
from herzen.identity.finding import start_finding
from herzen.identity.models import DuplicatePair, PairStatus, PersonMerge

TAG = "duplicates"
# A pair says which comparisons of two persons' identity data agreed (names, birth date, documents, contacts).
CATEGORIES = ["identity"]
LEVEL_CODES = [code for _, levels in LEVELS.values() for code, *_ in levels]


class DuplicatePairSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    first_id = serializers.UUIDField(help_text="A person of the pair (the lower id).")
    second_id = serializers.UUIDField(help_text="The other person of the pair.")
    probability = serializers.FloatField(min_value=0, max_value=1, help_text="Match probability.")
    levels = serializers.ListField(
        child=serializers.ChoiceField(choices=LEVEL_CODES),
        help_text="How each comparison came out, e.g. `surname:phonetic` (same name in another spelling).",
    )
    status = serializers.ChoiceField(choices=PairStatus.choices)
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "DuplicatePair"


class PersonMergeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    pair_id = serializers.UUIDField()
    survivor_id = serializers.UUIDField(help_text="The record kept, which now holds both records' data.")
    merged_id = serializers.UUIDField(help_text="The record merged into it (kept, with its household).")
    created_at = serializers.DateTimeField()
    undone_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "PersonMerge"


def _shown_pairs(actor: object, pairs: list[DuplicatePair], via: Request) -> None:
    persons = [person for pair in pairs for person in (pair.first, pair.second)]
    if persons:
        audit.record_access(actor=actor, target=persons, categories=CATEGORIES, via=via)  # type: ignore[arg-type]


class DuplicatePairListApi(ActorListApi):
    @extend_schema(
        operation_id="duplicate_pair_list",
        tags=[TAG],
        summary="The merge queue: pairs of records that may be one person, most probable first",
        description=(
            "Filled by `POST /api/v1/duplicate-searches/`. Decide a pair with `POST .../merges/` or "
            "`POST .../not-same/`."
        ),
        responses={200: DuplicatePairSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request) -> Response:
        pairs = selectors.pair_queue(actor=self.actor)
        return self.paginated(
            pairs, DuplicatePairSerializer, shown=lambda page: _shown_pairs(self.actor, page, request)
        )


class DuplicateSearchStartApi(ActorApi):
    class StartedSerializer(serializers.Serializer):
        job_id = serializers.UUIDField(help_text="Follow it at `/jobs/{job_id}/`.")

        class Meta:
            ref_name = "DuplicateSearchStarted"

    @extend_schema(
        operation_id="duplicate_search_start",
        tags=[TAG],
        summary="Look for duplicate records among the organisation's persons (a background job)",
        request=None,
        responses={202: StartedSerializer, **error_responses(403)},
    )
    def post(self, request: Request) -> Response:
        job = start_finding(actor=self.actor)
        return Response({"job_id": str(job.pk)}, status=status.HTTP_202_ACCEPTED)


class PairMergeApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        survivor_id = serializers.UUIDField(
            help_text="The record to keep: the pair's first or second person."
        )

        class Meta:
            ref_name = "PersonMergeInput"

    @extend_schema(
        operation_id="duplicate_pair_merge",
        tags=[TAG],
        summary="Merge the pair: every record of one person moves to the other, which keeps all spellings",
        request=InputSerializer,
        responses={201: PersonMergeSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, pair_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        merge = services.pair_merge(actor=self.actor, pair_id=pair_id, survivor_id=data["survivor_id"])
        return Response(PersonMergeSerializer(merge).data, status=status.HTTP_201_CREATED)


class PairNotSameApi(ActorApi):
    @extend_schema(
        operation_id="duplicate_pair_not_same",
        tags=[TAG],
        summary="The two records are different people: the pair is never proposed again",
        request=None,
        responses={200: DuplicatePairSerializer, **error_responses(403, 404, 409)},
    )
    def post(self, request: Request, pair_id: str) -> Response:
        pair = services.pair_not_same(actor=self.actor, pair_id=pair_id)
        return Response(DuplicatePairSerializer(pair).data)


class MergeUndoApi(ActorApi):
    @extend_schema(
        operation_id="person_merge_undo",
        tags=[TAG],
        summary="Undo a merge: every moved record goes back; the pair waits in the queue again",
        request=None,
        responses={200: PersonMergeSerializer, **error_responses(403, 404, 409)},
    )
    def post(self, request: Request, merge_id: str) -> Response:
        merge: PersonMerge = services.merge_undo(actor=self.actor, merge_id=merge_id)
        return Response(PersonMergeSerializer(merge).data)
