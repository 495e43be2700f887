"""The staff's list pages cost as many queries for 3k rows as for k (no query per row), and no more than a
stated ceiling. Each row is a full one (see conftest.Filler): whatever a row shows, its data is there."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from herzen.pathways.models import Application
from herzen.sharing import services as sharing_services
from herzen.sharing.models import SharedPart
from tests.performance.conftest import assert_flat, links_to, page_client
from tests.performance.registry import counts

SUBMITTED = "submitted_foreign_ministry"  # an application with an authority, after several moves
APPOINTMENT = "visa_appointment"  # further on, with an open deadline (the appointment, in three weeks)
CASE_ROWS = links_to("/cases/")
APPLICATION_ROWS = links_to("/applications/")


def stays_counted(response):
    """The time-in-state page shows figures, not rows: what grows is the number of stays they cover."""
    cells = re.findall(r'data-label="Stays counted">(\d+)<', response.content.decode())
    return sum(int(cell) for cell in cells)


def grow_cases(filler):
    def grow(n):
        for _ in range(n):
            filler.case()

    return grow


@counts("web:case-list")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status=open&country=GE&sort=priority",
        "?q=Shchukina",  # the name search, in a Latin spelling of a Cyrillic name
        "?within=14&sort=deadline",
        "?due=30&sort=reference",
    ],
    ids=["all", "filtered-by-priority", "name-search", "deadline", "due"],
)
def test_case_list(filler, supervisor_a, query):
    client = page_client(supervisor_a)
    url = reverse("web:case-list") + query
    assert_flat(grow_cases(filler), lambda: client.get(url), rows=CASE_ROWS, ceiling=20)


@counts("web:case-list")
def test_case_list_results_region(filler, supervisor_a):
    """What htmx asks for when a filter changes: the results only."""
    client = page_client(supervisor_a)
    url = reverse("web:case-list") + "?sort=opened"
    assert_flat(
        grow_cases(filler), lambda: client.get(url, HTTP_HX_REQUEST="true"), rows=CASE_ROWS, ceiling=20
    )


@counts("web:case-list")
def test_case_list_of_a_caseworker(filler, caseworker_a):
    """A caseworker sees the cases assigned to them: same page, narrower scope."""
    filler.assignee = caseworker_a.user
    client = page_client(caseworker_a)
    assert_flat(grow_cases(filler), lambda: client.get(reverse("web:case-list")), rows=CASE_ROWS, ceiling=20)


def grow_applications(filler, **walk):
    def grow(n):
        for _ in range(n):
            filler.application(**walk)

    return grow


@counts("web:application-list")
@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("", SUBMITTED),
        ("?waiting=1", SUBMITTED),
        ("?due=30", APPOINTMENT),
        ("?within=14", SUBMITTED),
        ("?waiting_days=3", SUBMITTED),
    ],
    ids=["queue", "waiting-on-authority", "due-this-week", "stay-expires", "waiting-longer"],
)
def test_application_list_of_an_ngo(filler, supervisor_a, open_regimes, actor_for, query, target):
    client = page_client(supervisor_a)
    url = reverse("web:application-list") + query
    walked = grow_applications(filler, actor_for=actor_for("DE"), target=target)

    def grow(n):
        walked(n)
        # Submitted a week ago, so that "waiting longer than 3 days" finds them.
        Application.objects.update(state_entered_at=timezone.now() - timedelta(days=7))

    assert_flat(grow, lambda: client.get(url), rows=APPLICATION_ROWS, ceiling=14)


@counts("web:application-list")
def test_application_list_of_an_authority(filler, open_regimes, actor_for, authorities):
    """An authority's work page: what the NGOs referred to it."""
    grow = grow_applications(filler, actor_for=actor_for("DE"), target=SUBMITTED)
    client = page_client(authorities("DE")["foreign_ministry"])
    assert_flat(grow, lambda: client.get(reverse("web:application-list")), rows=APPLICATION_ROWS, ceiling=14)


@counts("web:application-time-in-state")
def test_time_in_state(filler, supervisor_a, open_regimes, actor_for):
    client = page_client(supervisor_a)
    grow = grow_applications(filler, actor_for=actor_for("DE"), target=SUBMITTED)
    assert_flat(
        grow, lambda: client.get(reverse("web:application-time-in-state")), rows=stays_counted, ceiling=8
    )


@counts("web:application-time-in-state")
def test_time_in_state_of_an_authority(filler, open_regimes, actor_for, authorities):
    grow = grow_applications(filler, actor_for=actor_for("DE"), target=SUBMITTED)
    client = page_client(authorities("DE")["foreign_ministry"])
    assert_flat(
        grow, lambda: client.get(reverse("web:application-time-in-state")), rows=stays_counted, ceiling=8
    )


@counts("web:shared-list")
def test_shared_list(filler, caseworker_b, org_b):
    """The people other organisations shared with this one, each with all parts."""

    def grow(n):
        for _ in range(n):
            case = filler.case()
            for member in case.household.members.all():
                sharing_services.sharing_consent_record(
                    actor=filler.actor,
                    person_id=member.person_id,
                    grantee_id=org_b.pk,
                    parts=SharedPart.values,
                    valid_until=timezone.localdate() + timedelta(days=30),
                    given_how="signed_form",
                )

    client = page_client(caseworker_b)
    assert_flat(grow, lambda: client.get(reverse("web:shared-list")), rows=links_to("/shared/"), ceiling=14)


@counts("web:person-search")
def test_person_search_page(filler, supervisor_a):
    client = page_client(supervisor_a)
    url = reverse("web:person-search") + "?q=Anna"  # every filler person is an Анна
    assert_flat(grow_cases(filler), lambda: client.get(url), rows=links_to("/persons/"), ceiling=20)


@counts("web:duplicates")
def test_duplicate_pair_queue_page(filler, supervisor_a):
    from tests.performance.test_api_lists import grow_duplicate_pairs

    client = page_client(supervisor_a)
    assert_flat(
        grow_duplicate_pairs(supervisor_a),
        lambda: client.get(reverse("web:duplicates")),
        rows=links_to("/duplicates/"),
        ceiling=20,
    )
