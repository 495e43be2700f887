import pytest
from django.utils import timezone, translation

from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.pathways.tests.factories import make_application


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def admitted(open_regimes, caseworker_a, actor_for, today):
    """An application the German interior ministry declared admission on."""
    return walk(
        make_application(caseworker_a, make_case(caseworker_a)),
        target="admission_declared",
        actor_for=actor_for("DE"),
        today=today,
    )


@pytest.fixture
def interior(authorities, admitted):
    return authorities("DE")["interior_ministry"]
