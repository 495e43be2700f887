from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from herzen.encryption.keys import clear_cache


class KeyCacheMiddleware:
    """Unwrapped data keys live for one request: a key shredded by another process stops working here at
    the next request, and a memory dump of an idle worker holds no data keys."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        clear_cache()
        try:
            return self.get_response(request)
        finally:
            clear_cache()
