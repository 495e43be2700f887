"""The referral tests use the pathways fixtures (root conftest's plugin) and today's date."""

import pytest
from django.utils import timezone


@pytest.fixture
def today():
    return timezone.localdate()
