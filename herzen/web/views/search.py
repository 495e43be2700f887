"""The staff people search (issue 16): one box for a name in any spelling or an identifier; each result says
why it matched, strongest matches first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from herzen.people.search import person_search
from herzen.web.access import organisation_page, record_shown


@require_GET
@organisation_page
def person_search_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    query = (request.GET.get("q") or "").strip()[:200]
    # The box is ticked by default; once the form was sent, an unticked box sends nothing.
    near = "searched" not in request.GET or request.GET.get("near") == "on"
    hits = person_search(actor=actor, query=query, near=near) if query else []
    if hits:
        record_shown(request, [hit.person for hit in hits], "identity")
    return render(request, "web/persons/search.html", {"query": query, "near": near, "hits": hits})
