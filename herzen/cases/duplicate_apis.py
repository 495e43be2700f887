"""JSON API of possible duplicates (issue 23): a case's open flags, and dismissing one.

A flag names a person of the case's household and an existing record of the organisation that may be the same
person; a caseworker compares the two and dismisses the flag when they are different people. Herzen never
merges records. Dismissal is an explicit sub-resource: the flag is kept, marked dismissed."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.cases import selectors, services
from herzen.cases.duplicates import DuplicateReason, PossibleDuplicate
from herzen.core.api import ActorApi, ActorListApi, error_responses
from herzen.people.apis.persons import PersonSummarySerializer
from herzen.people.selectors import unlock_persons

TAG = "cases"


class PossibleDuplicateSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    case_id = serializers.UUIDField()
    person = PersonSummarySerializer(help_text="The person of the case's household.")
    existing = PersonSummarySerializer(help_text="The record the organisation already had.")
    reason = serializers.ChoiceField(choices=DuplicateReason.choices)
    created_at = serializers.DateTimeField()
    dismissed_at = serializers.DateTimeField(allow_null=True)
    dismissed_by = serializers.CharField(source="dismissed_by.username", allow_null=True, default=None)

    class Meta:
        ref_name = "PossibleDuplicate"


def _shown(actor: object, flags: list[PossibleDuplicate], via: Request) -> None:
    """Both names of every flag are shown, for comparison."""
    people = [p for flag in flags for p in (flag.person, flag.existing)]
    if people:
        audit.record_access(actor=actor, target=people, categories=["identity"], via=via)  # type: ignore[arg-type]


class PossibleDuplicateListApi(ActorListApi):
    @extend_schema(
        operation_id="case_possible_duplicates",
        tags=[TAG],
        summary="A case's possible duplicate records, not yet dismissed",
        description="Dismiss one with `POST /api/v1/possible-duplicates/{id}/dismissals/`.",
        responses={200: PossibleDuplicateSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        case = selectors.case_get(actor=self.actor, case_id=case_id)
        flags = selectors.case_possible_duplicates(actor=self.actor, case=case)
        return self.paginated(
            flags, PossibleDuplicateSerializer, shown=lambda page: _shown(self.actor, page, request)
        )


class PossibleDuplicateDismissApi(ActorApi):
    @extend_schema(
        operation_id="possible_duplicate_dismiss",
        tags=[TAG],
        summary="Dismiss a possible duplicate: the two records are different people (the flag is kept)",
        request=None,
        responses={200: PossibleDuplicateSerializer, **error_responses(404, 409)},
    )
    def post(self, request: Request, duplicate_id: str) -> Response:
        duplicate = services.possible_duplicate_dismiss(actor=self.actor, duplicate_id=duplicate_id)
        unlock_persons([duplicate.person, duplicate.existing])  # their names are shown for comparison
        _shown(self.actor, [duplicate], request)
        return Response(PossibleDuplicateSerializer(duplicate).data)
