import pytest
from django.utils import timezone, translation


@pytest.fixture(autouse=True)
def english():
    """Service messages are asserted in English (the staff default is Russian)."""
    with translation.override("en"):
        yield


@pytest.fixture
def today():
    return timezone.localdate()
