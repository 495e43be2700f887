"""The case list and the name search read a bounded number of rows however many cases an organisation holds.

At national scale (bench/case_list.py: 1M persons) a page that scans or counts every case of the
organisation takes seconds. Here the tables are filled cheaply with SQL (tens of thousands of rows, then
ANALYZE, so the planner sees a size where a sequential scan would show) and every query the page runs is
explained with EXPLAIN ANALYZE: none may scan a big table sequentially, and no plan node may touch more than
a small fraction of its rows (the capped COUNT, the first page in priority order, the country menu walking an
index, the blind-index lookups of the name search).

PostgreSQL only: the plans are PostgreSQL's, and the benchmarks run on it.
"""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.cases import services as case_services
from herzen.domain.names import name_keys
from herzen.people import services as people_services
from herzen.people.services.persons import name_key_index_values
from herzen.people.tests.factories import make_household, make_person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="query plans are PostgreSQL's (run with DATABASE_URL=postgres://...)",
    ),
]

BULK_HOUSEHOLDS = 30_000
# The page may touch at most this many rows of any big table in one plan node (all loops together): about
# what the capped COUNT needs (1001 matches at the filters' selectivity), a tenth of the table.
ROW_BUDGET = 5_000
BIG_TABLES = (
    "cases_case",
    "people_household",
    "people_householdmember",
    "people_person",
    "people_personnamekey",
    "encryption_datakey",
)
# Half the households are in Georgia: the filter a Tbilisi caseworker uses, and what the capped count walks.
BULK_SQL = """
INSERT INTO people_household (id, created_at, updated_at, current_country, earliest_stay_deadline,
                              organisation_id)
SELECT md5('h' || i)::uuid, now(), now(), (ARRAY['GE','GE','GE','GE','AM','TR','RS','KZ'])[1 + i %% 8], current_date + i %% 400, %(org)s
FROM generate_series(1, %(n)s) AS i;

INSERT INTO people_person (id, created_at, updated_at, surname, given_name, patronymic, sex, date_of_birth,
                           citizenships, languages, profession, organisation_id, search_keys, seal_version,
                           date_of_birth_index)
SELECT md5('p' || i)::uuid, now(), now(), 'x', 'x', '', 'F', NULL, 'RU', '[]', '', %(org)s, '', 0, ''
FROM generate_series(1, %(n)s) AS i;

INSERT INTO people_householdmember (id, created_at, updated_at, role, household_id, person_id)
SELECT md5('m' || i)::uuid, now(), now(), 'principal', md5('h' || i)::uuid, md5('p' || i)::uuid
FROM generate_series(1, %(n)s) AS i;

-- Other people's name keys: never equal to a real key (those are hex of a planned length, these are md5).
INSERT INTO people_personnamekey (key, person_id)
SELECT 'bulk' || md5(i || '-' || j), md5('p' || i)::uuid
FROM generate_series(1, %(n)s) AS i, generate_series(1, 4) AS j;

INSERT INTO encryption_datakey (owner_type, owner_id, version, kek_id, wrapped, created_at)
SELECT 'person', md5('p' || i)::uuid::text, 1, 'bulk', NULL, now()
FROM generate_series(1, %(n)s) AS i;

INSERT INTO cases_case (id, created_at, updated_at, reference, status, opened_at, closed_at,
                        assigned_caseworker_id, household_id, organisation_id, priority_band,
                        priority_explanation, priority_next_deadline, priority_refreshed_at, priority_score)
SELECT md5('c' || i)::uuid, now(), now(), 'BULK' || i,
       CASE WHEN i %% 5 = 0 THEN 'closed' WHEN i %% 7 = 0 THEN 'on_hold' ELSE 'open' END,
       now() - i * interval '1 minute', CASE WHEN i %% 5 = 0 THEN now() END, NULL,
       md5('h' || i)::uuid, %(org)s, 'low', '{}', current_date + i %% 90, NULL, i %% 1000
FROM generate_series(1, %(n)s) AS i;
"""


@pytest.fixture
def crowded_organisation(org_a, caseworker_a):
    """Org A with one real, searchable household (Щукина Анна, in Georgia) among many bulk ones."""
    principal = make_person(caseworker_a, surname="Щукина", given_name="Анна")
    today = timezone.localdate()
    people_services.stay_record(
        actor=caseworker_a,
        person_id=principal.pk,
        country="GE",
        entry_date=today - timedelta(days=30),
        legal_basis="visa",
        authorised_until=today + timedelta(days=60),
    )
    household = make_household(caseworker_a, principal)
    case_services.case_open(actor=caseworker_a, household_id=household.pk)
    with connection.cursor() as cursor:
        cursor.execute(BULK_SQL, {"org": org_a.pk, "n": BULK_HOUSEHOLDS})
        cursor.execute("ANALYZE")
    return caseworker_a


def _queries_of(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return [query["sql"] for query in captured.captured_queries]


def _nodes(plan: dict) -> list[dict]:
    found = [plan]
    for child in plan.get("Plans", []):
        found.extend(_nodes(child))
    return found


def _problems(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        (document,) = cursor.fetchone()
    plan = (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
    problems = []
    for node in _nodes(plan):
        table = node.get("Relation Name", "")
        if table not in BIG_TABLES:
            continue
        if node["Node Type"] == "Seq Scan":
            problems.append(f"Seq Scan on {table}")
        touched = node.get("Actual Rows", 0) * node.get("Actual Loops", 1) + node.get(
            "Rows Removed by Filter", 0
        )
        if touched > ROW_BUDGET:
            problems.append(f"{node['Node Type']} on {table} touches {touched} rows")
    return problems


def _check_page(client: Client, path: str) -> int:
    selects = [
        sql for sql in _queries_of(client, path) if sql.lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    failures = {sql: problems for sql in selects if (problems := _problems(sql))}
    assert not failures, "\n\n".join(f"{problems}\n{sql}" for sql, problems in failures.items())
    return len(selects)


def test_the_case_list_reads_one_page_not_the_organisation(crowded_organisation):
    client = login_with_mfa(Client(), crowded_organisation.user)
    response = client.get("/cases/?status=open&country=GE&sort=priority")
    # The fixture shows on the page: the bulk cases are listed and their number is counted only so far.
    assert b"More than 1000 cases found" in response.content
    assert b"BULK" in response.content
    assert _check_page(client, "/cases/?status=open&country=GE&sort=priority") > 0  # the filtered list
    assert _check_page(client, "/cases/?status=open") > 0  # the whole work queue
    assert _check_page(client, "/cases/?status=open&page=3") > 0  # a later page


def test_the_name_search_goes_through_the_blind_indexes(crowded_organisation):
    client = login_with_mfa(Client(), crowded_organisation.user)
    for query in ("Shchukina Anna", "Щукина Анна", "Schtschukina"):
        response = client.get("/cases/", {"q": query})
        assert "Щукина Анна".encode() in response.content, query  # the search finds her...
        assert _check_page(client, f"/cases/?q={query}") > 0  # ...without reading everybody


def test_a_name_search_does_not_read_the_bucket_of_a_common_given_name(crowded_organisation):
    """Every bulk person is also an "Анна": the word keys' buckets of the given name hold the whole table,
    and the search by surname and given name must still read only the pair of both (herzen.domain.names.pairs).
    """
    anna_values = sorted(name_key_index_values(name_keys("Анна")))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO people_personnamekey (key, person_id) "
            "SELECT value, md5('p' || i)::uuid FROM generate_series(1, %(n)s) AS i, unnest(%(values)s::text[]) AS value",
            {"n": BULK_HOUSEHOLDS, "values": anna_values},
        )
        cursor.execute("ANALYZE")
    client = login_with_mfa(Client(), crowded_organisation.user)
    for query in ("Щукина Анна", "Anna Shchukina"):
        response = client.get("/cases/", {"q": query})
        assert "Щукина Анна".encode() in response.content, query
        assert _check_page(client, f"/cases/?q={query}") > 0


def test_the_people_search_reads_through_the_blind_indexes_near_misses_included(crowded_organisation):
    """The ranked search (issue 16): another language's spelling, a pasted MRZ line and a typo, which looks up
    the near-miss keys; none of them reads the person table or the keys' table whole."""
    client = login_with_mfa(Client(), crowded_organisation.user)
    for query in ("Chtchoukina Anna", "Szczukina", "WUKINA<<ANNA", "Shchukna Anna"):
        response = client.get("/persons/search/", {"q": query})
        assert "Щукина Анна".encode() in response.content, query
        assert _check_page(client, f"/persons/search/?q={query}") > 0
