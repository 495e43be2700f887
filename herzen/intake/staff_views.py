"""The staff side of the intake: a file an applicant sent, downloaded by the receiving organisation's staff.

Kept apart from the applicant's pages (views.py): a different visitor (signed-in staff, not the holder of a
private link), a different permission and an access event for every download."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from herzen import audit
from herzen.core.exceptions import NotFound
from herzen.encryption.keys import KeyErased
from herzen.intake import selectors, uploads
from herzen.intake.permissions import can_download_intake_file


@require_GET
def evidence_download_view(request: HttpRequest, upload_id: object) -> HttpResponse:
    """A file the applicant sent, for staff of the receiving organisation only (404 for anyone else)."""
    actor = getattr(request, "actor", None)
    if actor is None or actor.organisation is None:
        raise Http404
    try:
        upload = selectors.evidence_get(actor=actor, upload_id=upload_id)
    except NotFound:
        raise Http404 from None
    if not can_download_intake_file(actor, upload):
        raise PermissionDenied
    if upload.draft_id is None or not uploads.stored_path(upload.stored_name).exists():
        raise Http404
    try:
        data = uploads.read_private(upload.stored_name, owner=uploads.draft_owner(upload.draft_id))
    except KeyErased:
        raise Http404 from None
    audit.record_access(actor=actor, target=upload.case, categories=["evidence"], via=request)
    response = FileResponse(
        io.BytesIO(data),  # decrypted in memory only, for this authorised response
        content_type=upload.content_type,
        as_attachment=True,
        filename=upload.original_name,
    )
    add_never_cache_headers(response)
    return response
