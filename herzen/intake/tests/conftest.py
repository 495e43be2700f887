import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads go to a fresh private directory per test, never into the project's var/."""
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_CLAMAV_COMMAND = ""
    return settings.HERZEN_PRIVATE_MEDIA_ROOT


@pytest.fixture
def receiving(org_a):
    org_a.intake_countries = ["GE"]
    org_a.save()
    return org_a
