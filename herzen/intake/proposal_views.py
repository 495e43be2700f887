"""On the applicant's status page: the places a matching run proposes to the household, to accept or decline.

Reached only through the applicant's private link (the draft bound to the session), like the rest of the status
page. Declining costs nothing: the household is in the pool of the next run."""

import contextlib
import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from herzen.core.exceptions import Conflict, NotFound
from herzen.intake.identity import applicant_actor
from herzen.intake.models import IntakeDraft
from herzen.intake.views import draft_page
from herzen.resettlement.selectors import proposals_for_case
from herzen.resettlement.services import proposal_respond


def proposals_context(draft: IntakeDraft) -> dict[str, object]:
    if not draft.case_id:
        return {"proposals": []}
    return {"proposals": list(proposals_for_case(draft.case_id)[:5])}


@require_POST
@draft_page
def proposal_answer_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    """The proposal's id is in the form, not the URL: the service looks it up only among the draft's case's."""
    answer = request.POST.get("answer")
    try:
        proposal_id = uuid.UUID(request.POST.get("proposal", ""))
    except ValueError:
        return redirect("intake:status")
    if draft.case_id and answer in {"accept", "decline"}:
        # Answered already (a second tap, another tab): the page shows the answer that stands.
        with contextlib.suppress(Conflict, NotFound):
            proposal_respond(
                actor=applicant_actor(),
                case_id=draft.case_id,
                proposal_id=proposal_id,
                accept=answer == "accept",
            )
    return redirect("intake:status")
