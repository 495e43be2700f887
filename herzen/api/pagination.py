"""Page-number pagination: `?page=2&page_size=100`, at most 200 items a page."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        # DRF would quietly fall back to the default for 0, -1 or "x"; refuse them. Above the maximum the
        # page is cut to it (documented), as before.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size  # type: ignore[return-value]
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({"page_size": [_("Give a whole number, 1 or more.")]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (
                    "Page number, from 1. A page beyond the last one is answered with 404."
                )
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (
                    f"Items per page, from 1 to {self.max_page_size} (default {self.page_size}); 0, a "
                    f"negative number or anything but a whole number is refused with 400; more than "
                    f"{self.max_page_size} is answered with {self.max_page_size} (clamped)."
                )
        return parameters


def document_page_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every paginated operation answers a bad `page` or `page_size`
    with 400 in the one error shape, so its schema says so."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            names = {parameter.get("name") for parameter in operation.get("parameters", [])}
            if "page_size" in names and "400" not in operation.get("responses", {}):
                operation["responses"]["400"] = {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    "description": "A wrong `page` or `page_size` (or filter): `fields` names it.",
                }
    return result
