"""GET /health/: 200 {"status": "up"} or 503 {"status": "down"}; the checks and figures only to operators."""

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from herzen.operations.health import check


def _may_see_details(request: HttpRequest) -> bool:
    token = settings.HERZEN_HEALTH_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_superuser)


@require_GET
@never_cache
@login_not_required
def health_view(request: HttpRequest) -> JsonResponse:
    health = check()
    body: dict[str, object] = {"status": "up" if health.up else "down"}
    if _may_see_details(request):
        body["checks"] = health.checks
        body["details"] = health.details
    return JsonResponse(body, status=200 if health.up else 503)
