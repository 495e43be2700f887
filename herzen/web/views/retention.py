"""Export of everything held about a person, on their request (supervisors only)."""

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from herzen.retention.services import person_export
from herzen.web.access import organisation_page, record_shown


@require_POST
@organisation_page
def person_export_view(request: HttpRequest, person_id: object) -> HttpResponse:
    """A POST, not a link: each export is audited, and a crawler or prefetch must not make one."""
    export = person_export(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    record_shown(request, export.shows, *export.categories)
    response = HttpResponse(export.content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, export.name)
    return response
