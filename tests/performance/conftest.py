"""Helpers of the query-count tests: realistic rows made through the services, and a flatness check.

A list page must cost the same number of queries whatever the number of rows it shows: `assert_flat` makes
`k` rows, requests the page, makes `2k` more (3k in all), requests it again, and compares. Rows are full ones —
households of three with documents, stays, notes, evidence with vouches, applications with history — so that
anything the page reads per row (a relation, a data key) shows up as a difference.

Run with `-s` and HERZEN_SHOW_QUERY_COUNTS=1 to print each request's count; HERZEN_DUMP_QUERIES=1 prints
both requests' statements when the counts differ.
"""

import itertools
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.api.services import api_token_create
from herzen.cases import services as case_services
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Actor
from herzen.demo.applications import walk
from herzen.evidence import services as evidence_services
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.pathways import services as pathway_services
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.choices import HouseholdRole
from herzen.people.tests.factories import make_household, make_person

K = 2  # rows of the first request; the second shows three times as many

SURNAMES = ["Щукина", "Орлова", "Соколова", "Зайцева", "Морозова", "Волкова", "Лебедева", "Козлова"]


def page_client(actor: Actor) -> Client:
    """A browser session of the actor's user, second factor passed, reading English."""
    return login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), actor.user)


def token_client(actor: Actor) -> APIClient:
    """An API client presenting a fresh token of the actor (as a script would), not a browser session."""
    _, token = api_token_create(actor=actor, name="query counts")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def queries_of(request: Callable[[], Any]) -> tuple[Any, list[str]]:
    """The response of `request()`, which must be a success, and the SQL of every query it made."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, (response.status_code, getattr(response, "content", b"")[:500])
    return response, [query["sql"] for query in captured.captured_queries]


def _shape(sql: str) -> str:
    """A statement without its values, so that the same query for another row counts as the same."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r'"s\d+_x\d+"', "?", sql)  # savepoint names
    return re.sub(r"\b\d+\b", "?", sql)


def _difference(few: list[str], many: list[str]) -> str:
    """The statements the bigger page repeats more often: where the N+1 is."""
    grown = Counter(map(_shape, many)) - Counter(map(_shape, few))
    return "\n".join(f"{count}× {sql[:300]}" for sql, count in grown.most_common(8))


UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def links_to(prefix: str) -> Callable[[Any], int]:
    """Rows of an HTML page: its links to records' pages under `prefix` ("/cases/"), each counted once."""
    pattern = re.compile(f'href="{re.escape(prefix)}({UUID})/"')
    return lambda response: len(set(pattern.findall(response.content.decode())))


def json_rows(response: Any) -> int:
    """Rows of an API answer: a page's results, or the items of a bare list."""
    body = response.json()
    return len(body["results"] if isinstance(body, dict) else body)


def assert_flat(
    grow: Callable[[int], object],
    request: Callable[[], Any],
    *,
    rows: Callable[[Any], int],
    ceiling: int,
    k: int = K,
) -> int:
    """Grow to k rows, count the request's queries, grow to 3k, count again: the counts must be equal and
    at most `ceiling`. `rows(response)` counts what the page shows, which must have grown (a flat count of
    an empty page proves nothing). Returns the count.

    An unmeasured request comes first: a client's first request does once-only work (a token's first use is
    written down) that would otherwise be mistaken for a difference between the two sizes."""
    queries_of(request)
    grow(k)
    few_response, few = queries_of(request)
    grow(2 * k)
    many_response, many = queries_of(request)
    shown = (rows(few_response), rows(many_response))
    assert 0 < shown[0] < shown[1], f"the page should show more rows the second time, but showed {shown}"
    if os.environ.get("HERZEN_DUMP_QUERIES") and len(many) != len(few):
        for label, queries in (("FEW", few), ("MANY", many)):
            print(f"\n==== {label}")
            for sql in queries:
                print(_shape(sql)[:400])
    assert len(many) == len(few), (
        f"{len(few)} queries for {k} rows but {len(many)} for {3 * k}: a query per row.\n"
        + _difference(few, many)
    )
    assert len(many) <= ceiling, f"{len(many)} queries, more than the ceiling of {ceiling}:\n" + "\n".join(
        sql[:200] for sql in many
    )
    if os.environ.get("HERZEN_SHOW_QUERY_COUNTS"):
        print(f"\n{os.environ.get('PYTEST_CURRENT_TEST', '')}: {len(many)} queries, rows {shown}")
    return len(many)


@dataclass
class Filler:
    """Makes rows for one organisation's actor, each with everything a list shows of it."""

    actor: Actor
    today: date
    assignee: Any = None  # whom cases are assigned to (the actor's user if None)
    serial: Any = field(default_factory=itertools.count)

    def n(self) -> int:
        return next(self.serial)

    def person(self, **extra: Any) -> Any:
        i = self.n()
        return make_person(self.actor, surname=SURNAMES[i % len(SURNAMES)], given_name="Анна", **extra)

    def child(self, **extra: Any) -> Any:
        """A person young enough to be the principal's child (born 2015; principals are born in 1990)."""
        return self.person(sex="M", date_of_birth=date(2015, 6, 1), **extra)

    def papers(self, person: Any, *, days_left: int = 60) -> None:
        """A passport, and a stay on a visa that ends in `days_left` days."""
        document = people_services.document_add(
            actor=self.actor,
            person_id=person.pk,
            document_type="international_passport",
            number=f"75{self.n():07d}",
            expiry_date=self.today + timedelta(days=2000),
        )
        people_services.stay_record(
            actor=self.actor,
            person_id=person.pk,
            country="GE",
            city="Tbilisi",
            entry_date=self.today - timedelta(days=30),
            legal_basis="visa",
            authorised_until=self.today + timedelta(days=days_left),
            document_id=document.pk,
        )

    def household(self) -> Any:
        """Three people (principal, spouse, child), each with a passport and a stay."""
        principal, spouse, child = self.person(), self.person(sex="M"), self.child()
        # The principal's visa ends within the pages' "expires soon" filters (14 days), the others' later.
        self.papers(principal, days_left=5 + self.n() % 7)
        for person in (spouse, child):
            self.papers(person, days_left=30 + self.n())
        return make_household(
            self.actor,
            principal,
            others=[(spouse, HouseholdRole.SPOUSE_OR_PARTNER), (child, HouseholdRole.CHILD)],
        )

    def case(self, **extra: Any) -> Any:
        """A household's case, assigned, with a note and a vouched piece of evidence about the principal."""
        household = self.household()
        case = make_case(
            self.actor,
            household=household,
            assigned_caseworker_id=(self.assignee or self.actor.user).pk,
            **extra,
        )
        case_services.case_note_add(actor=self.actor, case_id=case.pk, body="Первичная беседа.")
        self.evidence(case)
        return case

    def evidence(self, case: Any) -> Any:
        principal = case.household.members.get(role=HouseholdRole.PRINCIPAL).person
        factor = people_services.risk_factor_record(actor=self.actor, person_id=principal.pk, kind="exit_ban")
        item = make_evidence(
            self.actor, case, person_id=principal.pk, risk_factor_ids=[factor.pk], file=make_upload()
        )
        evidence_services.evidence_corroborate(
            actor=self.actor,
            evidence_id=item.pk,
            source="ovd_info",
            reference=f"https://example.org/{self.n()}",
        )
        evidence_services.evidence_vouch(actor=self.actor, evidence_id=item.pk)
        return item

    def application(
        self, case: Any = None, *, pathway: str = "de_22_2", actor_for: Any = None, target: str = ""
    ) -> Any:
        """An application of a (new) case; walked to `target` (with `actor_for`) if given, else vouched."""
        application = make_application(self.actor, case or self.case(), pathway=pathway)
        if target:
            return walk(application, target=target, actor_for=actor_for, today=self.today)
        return pathway_services.application_transition(
            actor=self.actor, application_id=application.pk, move="vouch"
        )


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def filler(supervisor_a, today):
    """Rows of org_a, made by a supervisor (who may make every kind of row)."""
    return Filler(supervisor_a, today)


__all__ = ["Filler", "K", "assert_flat", "json_rows", "links_to", "page_client", "queries_of", "token_client"]
