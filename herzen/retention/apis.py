"""JSON API of retention: the export of everything held about a person."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, error_responses
from herzen.retention.services import person_export


class PersonExportApi(ActorApi):
    @extend_schema(
        operation_id="person_export",
        tags=["persons"],
        summary="Everything held about a person, decrypted (supervisors only, on the person's request)",
        description=(
            "A POST because every export is recorded in the audit trail (`person.export`) and in the access log. "
            "Other household members appear by id and role only."
        ),
        request=None,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The export document."),
            **error_responses(403, 404),
        },
    )
    def post(self, request: Request, person_id: str) -> Response:
        export = person_export(actor=self.actor, person_id=person_id)
        audit.record_access(actor=self.actor, target=export.shows, categories=export.categories, via=request)
        return Response(export.document)
