"""Page-number pagination: `?page=2&page_size=100`, at most 200 items a page."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
