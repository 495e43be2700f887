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
                    f"Items per page, from 1; more than {self.max_page_size} gives {self.max_page_size}."
                )
        return parameters
