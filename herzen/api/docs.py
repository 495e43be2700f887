"""The Swagger UI page at /api/docs/, served from our own static files (drf-spectacular-sidecar).

The split view serves its start-up script from `/api/docs/?script` rather than inline, so the page runs
under the Content Security Policy (script-src 'self', no inline script or style)."""

import json
from typing import Any

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response


class DocsView(SpectacularSwaggerSplitView):
    """Signed-in users only; a stranger's browser is sent to the login page rather than shown an error page."""

    permission_classes = [IsAuthenticated]

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        configured = spectacular_settings.SWAGGER_UI_SETTINGS
        if isinstance(configured, dict) and "settings" in response.data:  # the script, not the page
            # Swagger UI otherwise shows a badge image fetched from validator.swagger.io with our schema's URL:
            # a request to a third party that tells it where a Herzen deployment lives.
            response.data["settings"] = json.dumps({**configured, "validatorUrl": None}, indent=2)
        return response

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, NotAuthenticated | AuthenticationFailed):
            return redirect_to_login(self.request.get_full_path())  # type: ignore[return-value]
        return super().handle_exception(exc)
