"""Which URL names have a query-count test (see test_every_list_is_counted.py)."""

from collections.abc import Callable
from typing import TypeVar

COVERED: dict[str, list[str]] = {}

Test = TypeVar("Test", bound=Callable[..., object])


def counts(*url_names: str) -> Callable[[Test], Test]:
    """Marks a test as the query-count test of these URL names ("web:case-list", "api:persons")."""

    def mark(test: Test) -> Test:
        for name in url_names:
            COVERED.setdefault(name, []).append(test.__name__)  # type: ignore[attr-defined]
        return test

    return mark
