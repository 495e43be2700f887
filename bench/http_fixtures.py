"""The Django side of the HTTP benchmarks (bench/intake_throughput.py, bench/load_test.py), run as a
subprocess so the benchmark process itself never configures Django for one database:

    python -m bench.http_fixtures <command> --out result.json [options]   (DATABASE_URL in the environment)

Commands:
- organisations: the NGOs taking online applications, with their countries (the demo's, made if missing);
- drafts:        complete intake drafts saved through the intake services, as an applicant's steps save them,
                 and the private link of each (to bind an HTTP session to it);
- submission:    one submission through Django's full request handling in-process, its SQL statements
                 counted (rows inserted per table) and its time profiled, including how long the audit
                 chain's lock is held;
- staff:         caseworker accounts for the load test, each with a password and an authenticator secret;
- census:        the cases of references the applicants were given, and counts of cases and persons.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import secrets
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def organisations() -> dict[str, Any]:
    from herzen.demo.staffing import ensure_demo_staff
    from herzen.organisations.models import Organisation, OrganisationKind

    def accepting() -> list[Organisation]:
        return list(
            Organisation.objects.filter(kind=OrganisationKind.NGO)
            .exclude(intake_countries=[])
            .order_by("name")
        )

    if not accepting():
        ensure_demo_staff()
    return {
        "organisations": [
            {"id": str(o.pk), "name": o.name, "country": str(o.intake_countries[0])} for o in accepting()
        ]
    }


def drafts(count: int, seed: int) -> dict[str, Any]:
    from bench.clients import applicant_answers
    from herzen.intake import services
    from herzen.intake.identity import applicant_actor

    receiving = organisations()["organisations"]
    rng = random.Random(seed)  # noqa: S311 - synthetic benchmark data
    actor = applicant_actor()
    made = []
    for index in range(count):
        organisation = receiving[index % len(receiving)]
        answers = applicant_answers(rng, organisation["id"], organisation["country"])
        issued = services.draft_start(actor=actor, language="ru")
        for step, values in answers.items():
            services.draft_save_step(
                actor=actor,
                draft_id=issued.draft.pk,
                step=step,
                answers=values,
                organisation_id=values.get("organisation") if step == "organisation" else None,
            )
        services.draft_save_step(
            actor=actor, draft_id=issued.draft.pk, step="evidence", answers={"visited": True}
        )
        made.append({"token": issued.token, "draft": str(issued.draft.pk)})
    return {"drafts": made}


INSERT = re.compile(r'^INSERT INTO "([^"]+)"')


def _rows_inserted(sql: str) -> int:
    # Django inserts several rows either as VALUES (...), (...) or, on PostgreSQL, as SELECT ... FROM UNNEST.
    if "UNNEST(" in sql:
        first_column = sql.split("UNNEST(('{", 1)[1].split("}'", 1)[0]
        return first_column.count(",") + 1  # ids, uuids or timestamps: no commas inside a value
    values = sql.split(" VALUES ", 1)
    return values[1].count("), (") + 1 if len(values) == 2 else 1


def submission(profile_rounds: int) -> dict[str, Any]:
    """One submission through Django's request handling (middleware, view, services, template) in-process.

    Counts what it writes, then profiles `profile_rounds` more and measures how long each holds the audit
    chain's lock (from the first append to the commit; the submission's events are appended together at its
    end, see audit.deferred): submissions cannot overlap inside that window.
    """
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from herzen.audit import chain

    made = drafts(profile_rounds + 1, seed=4242)["drafts"]

    def bound_client(token: str) -> Client:
        client = Client(HTTP_HOST="127.0.0.1")
        assert client.get(f"/apply/link/{token}/").status_code == 302
        assert client.get("/apply/check/").status_code == 200
        return client

    client = bound_client(made[0]["token"])
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/apply/check/")
    assert response.status_code == 200, response.status_code
    statements: Counter[str] = Counter()
    inserted: Counter[str] = Counter()
    for query in captured.captured_queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].upper()
        if verb == "SELECT" and " FOR UPDATE" in sql:
            verb = "SELECT FOR UPDATE"
        statements[verb] += 1
        if match := INSERT.match(sql):
            inserted[match.group(1)] += _rows_inserted(sql)
    widths = {}
    with connection.cursor() as cursor:
        for table in inserted:
            cursor.execute(f'SELECT coalesce(avg(pg_column_size(t.*)), 0) FROM "{table}" t')  # noqa: S608
            widths[table] = round(float(cursor.fetchone()[0]))

    # Time held under the audit chain's lock: from the first append in a transaction to its end.
    lock_windows: list[float] = []
    original_locked_head = chain._locked_head

    def locked_head(name: str):  # type: ignore[no-untyped-def]
        connection_ = transaction.get_connection()
        if name == "audit" and not getattr(connection_, "_bench_lock_started", None):
            connection_._bench_lock_started = time.perf_counter()  # type: ignore[attr-defined]

            def released() -> None:
                lock_windows.append(time.perf_counter() - connection_._bench_lock_started)  # type: ignore[attr-defined]
                connection_._bench_lock_started = None  # type: ignore[attr-defined]

            transaction.on_commit(released)
        return original_locked_head(name)

    clients = [bound_client(d["token"]) for d in made[1:]]
    chain._locked_head = locked_head  # type: ignore[assignment]
    profiler = cProfile.Profile()
    started = time.perf_counter()
    try:
        profiler.enable()
        for each in clients:
            assert each.post("/apply/check/").status_code == 200
        profiler.disable()
    finally:
        chain._locked_head = original_locked_head  # type: ignore[assignment]
    elapsed = time.perf_counter() - started
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(45)
    lock_windows.sort()
    return {
        "statements": dict(statements),
        "rows_inserted": dict(inserted),
        "rows_inserted_total": sum(inserted.values()),
        "row_widths_bytes": widths,
        "in_process_ms_per_submission": round(elapsed / max(len(clients), 1) * 1000, 1),
        "audit_lock_held_ms_median": round(lock_windows[len(lock_windows) // 2] * 1000, 1)
        if lock_windows
        else None,
        "profile": text.getvalue(),
    }


def staff(count: int, credentials_file: str) -> dict[str, Any]:
    """Caseworkers of the intake NGOs, `bench-cw-<n>`; made once and their credentials kept in a file (only
    a password hash is stored in the database), so a second run does not pay for hashing them again."""
    from herzen.accounts.models import User
    from herzen.accounts.services import staff_totp_activate, staff_user_create, staff_user_set_password
    from herzen.accounts.tests.helpers import totp_secret
    from herzen.core.actor import Actor, Role
    from herzen.demo.staffing import OPERATOR_USERNAME
    from herzen.organisations.models import Membership, Organisation
    from herzen.organisations.services import membership_grant

    receiving = organisations()["organisations"]
    operator = Actor(user=User.objects.get(username=OPERATOR_USERNAME), organisation=None)
    path = Path(credentials_file)
    known = json.loads(path.read_text()) if path.exists() else {}
    accounts = []
    for index in range(count):
        username = f"bench-cw-{index:03d}"
        organisation = receiving[index % len(receiving)]
        user = User.objects.filter(username=username).first()
        password = known.get(username)
        if user is None:
            password = secrets.token_urlsafe(18)
            user = staff_user_create(
                actor=operator, username=username, password=password, first_name="Bench", last_name=username
            )
        elif password is None:
            password = secrets.token_urlsafe(18)
            staff_user_set_password(actor=operator, user_id=user.pk, password=password)
        org = Organisation.objects.get(pk=organisation["id"])
        if not Membership.objects.filter(user=user, organisation=org, role=Role.CASEWORKER).exists():
            membership_grant(actor=operator, organisation=org, user=user, role=Role.CASEWORKER)
        secret = totp_secret(user) or staff_totp_activate(actor=operator, user_id=user.pk)
        known[username] = password
        accounts.append(
            {
                "username": username,
                "password": password,
                "totp_secret": secret,
                "country": organisation["country"],
            }
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(known))
    path.chmod(0o600)
    return {"staff": accounts}


def sessions(count: int, credentials_file: str) -> dict[str, Any]:
    """Signed-in sessions for the first `count` bench caseworkers, stored as allauth leaves a session after a
    password and a TOTP code were accepted (for users past what a single address may log in per minute)."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from herzen.accounts.middleware import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY
    from herzen.accounts.models import User

    accounts = staff(count, credentials_file)["staff"]
    now = time.time()
    for account in accounts:
        user = User.objects.get(username=account["username"])
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": now, "username": user.get_username()},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
        session[SESSION_STARTED_KEY] = session[SESSION_LAST_SEEN_KEY] = now
        session.create()
        account["session_key"] = session.session_key
    return {"staff": accounts}


def census(references: list[str]) -> dict[str, Any]:
    from herzen.cases.models import Case
    from herzen.intake.models import IntakeDraft
    from herzen.people.models import Person

    found = set(Case.objects.filter(reference__in=references).values_list("reference", flat=True))
    submitted = IntakeDraft.objects.filter(case__reference__in=references).count()
    return {
        "cases": Case.objects.count(),
        "persons": Person.objects.count(),
        "submitted_drafts": IntakeDraft.objects.filter(submitted_at__isnull=False).count(),
        "references_found": len(found),
        "references_missing": sorted(set(references) - found)[:50],
        "references_with_their_draft": submitted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=["organisations", "drafts", "submission", "staff", "sessions", "census"]
    )
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    database = os.environ.get("DATABASE_URL", "sqlite").rsplit("/", 1)[-1]
    parser.add_argument("--credentials", default=str(ROOT / "var" / "bench" / f"{database}-staff.json"))
    parser.add_argument("--references", default="", help="a file with one JSON list of references")
    options = parser.parse_args()
    _setup_django()
    if options.command == "organisations":
        result = organisations()
    elif options.command == "drafts":
        result = drafts(options.count, options.seed)
    elif options.command == "submission":
        result = submission(options.count)
    elif options.command == "staff":
        result = staff(options.count, options.credentials)
    elif options.command == "sessions":
        result = sessions(options.count, options.credentials)
    else:
        result = census(json.loads(Path(options.references).read_text()) if options.references else [])
    Path(options.out).write_text(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
