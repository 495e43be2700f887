"""Benchmark 4: what field encryption costs when a caseworker records a person and opens their page.

One operation = create a person through herzen.people.services as a caseworker (the person, a Latin
spelling of the name, a phone number, a passport, a stay) and read them back with the person page's selectors
(`person_detail`, `stays_with_deadlines`), every encrypted field decrypted, with the key cache cleared in
between as each web request does. Measured with encryption as shipped, and "without": inside this benchmark
process only, sealing and opening become the identity and data keys are neither created, fetched nor
unwrapped (herzen.encryption.fields' seal_text/open_text/data_key, and the key prefetch of list reads).
There is no setting that turns encryption off, and this adds none.

The two modes alternate operation by operation (plain, encrypted, encrypted, plain, ...), so drift of a
shared machine hits both alike; the figure is the ratio of medians (goal at most 1.3).

Runs on PostgreSQL, in its own database (herzen_bench_encryption: migrated, demo staff created, reused).

    .venv/bin/python -m bench.encryption_cost [--operations 120]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from bench.datasets import database_url, migrate, psql
from bench.results import figure, percentile

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "herzen_bench_encryption"
POPULATION = 10_000  # blind-index sizing only; the database stays small
GOAL_RATIO = 1.3
CASEWORKER = "tbilisi-caseworker"


@contextmanager
def without_encryption() -> Iterator[None]:
    """Sealing and opening as the identity, and no data keys: the cost of the same code without encryption.

    The stored value keeps the ciphertext marker, so the fields' own checks (never write plaintext through
    update()) still pass; nothing else changes.
    """
    from herzen.domain.crypto.envelope import CIPHERTEXT_PREFIX
    from herzen.encryption.keys import UnwrappedKey

    no_key = UnwrappedKey(version=1, key=bytes(32))

    def seal(key: bytes, version: int, context: object, plaintext: str) -> str:
        return CIPHERTEXT_PREFIX + plaintext

    def open_(key: bytes, context: object, ciphertext: str) -> str:
        return ciphertext[len(CIPHERTEXT_PREFIX) :]

    def data_key(owner: object, **_: object) -> UnwrappedKey:
        return no_key

    def prefetch(owners: object) -> None:
        return None

    def not_erased(owner: object) -> bool:
        return False

    with (
        mock.patch("herzen.encryption.fields.seal_text", new=seal),
        mock.patch("herzen.encryption.fields.open_text", new=open_),
        mock.patch("herzen.encryption.fields.data_key", new=data_key),
        mock.patch("herzen.encryption.keys.data_key", new=data_key),
        # No keys, so none erased (is_erased reads the key rows; its callers imported it by name).
        mock.patch("herzen.encryption.rows.is_erased", new=not_erased),
        mock.patch("herzen.people.services.lookup.is_erased", new=not_erased),
        mock.patch("herzen.encryption.querysets.prefetch", new=prefetch),
        mock.patch("herzen.people.selectors.prefetch", new=prefetch),
    ):
        yield


def _operation(actor: Any, number: int) -> tuple[float, float, int]:
    """Create one person with their papers, then read their page's data. (create s, read s, fields read)."""
    from herzen.domain.names.schemes import Scheme
    from herzen.domain.names.transliteration import transliterate
    from herzen.encryption.keys import clear_cache
    from herzen.people import services
    from herzen.people.choices import ContactKind, DocumentType, LegalBasis, NameScheme
    from herzen.people.selectors import person_detail, stays_with_deadlines

    surname, given_name, patronymic = "Щукина", "Анна", "Сергеевна"
    today = date.today()
    started = time.perf_counter()
    person = services.person_create(
        actor=actor,
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        sex="F",
        date_of_birth=date(1990, 5, 17) + timedelta(days=number % 3000),
        citizenships=["RU"],
        languages=["ru", "en"],
        profession="журналистка",
    )
    services.name_variant_add(
        actor=actor,
        person_id=person.pk,
        surname=transliterate(surname, Scheme.ICAO_9303),
        given_name=transliterate(given_name, Scheme.ICAO_9303),
        patronymic=transliterate(patronymic, Scheme.ICAO_9303),
        scheme=NameScheme.ICAO_9303,
    )
    services.contact_point_add(
        actor=actor,
        person_id=person.pk,
        kind=ContactKind.PHONE,
        value=f"+995 555 {number:06d}",
        is_preferred=True,
    )
    document = services.document_add(
        actor=actor,
        person_id=person.pk,
        document_type=DocumentType.INTERNATIONAL_PASSPORT,
        number=f"75 {number:07d}",
        issue_date=today - timedelta(days=900),
        expiry_date=today + timedelta(days=2700),
    )
    services.stay_record(
        actor=actor,
        person_id=person.pk,
        country="GE",
        city="Тбилиси",
        entry_date=today - timedelta(days=40),
        legal_basis=LegalBasis.VISA_FREE,
        document_id=document.pk,
    )
    created = time.perf_counter()
    clear_cache()  # a new request: keys are unwrapped again, as the person page would
    shown = person_detail(actor=actor, person_id=person.pk)
    values = [shown.surname, shown.given_name, shown.patronymic, shown.date_of_birth, shown.profession]
    values.append(shown.search_keys)
    for variant in shown.name_variants.all():
        values += [variant.surname, variant.given_name, variant.patronymic]
    values += [contact.value for contact in shown.contact_points.all()]
    values += [document.number for document in shown.documents.all()]
    values += [row.stay.city for row in stays_with_deadlines(actor=actor, person=shown)]
    read = time.perf_counter()
    clear_cache()
    if any(isinstance(value, str) and value.startswith("hz1:") for value in values):
        raise RuntimeError("a field was read without being opened")
    return created - started, read - created, len(values)


def inner(operations: int, warmup: int) -> dict[str, Any]:
    """Runs inside a Django process on the benchmark database; returns the raw timings."""
    from herzen.accounts.models import User
    from herzen.demo.staffing import ensure_demo_staff
    from herzen.organisations.actors import actor_for_user
    from herzen.organisations.models import Membership

    if not User.objects.filter(username=CASEWORKER).exists():
        ensure_demo_staff()
    user = User.objects.get(username=CASEWORKER)
    membership = Membership.objects.filter(user=user).first()
    assert membership is not None
    actor = actor_for_user(user, organisation_id=membership.organisation_id)
    base = int(time.time()) % 100_000 * 1000  # document numbers and phones stay unique across runs
    timings: dict[str, dict[str, list[float]]] = {
        mode: {"create": [], "read": [], "total": []} for mode in ("encrypted", "plain")
    }
    fields = 0
    for index in range(warmup + operations):
        order = ("plain", "encrypted") if index % 2 == 0 else ("encrypted", "plain")
        for mode in order:
            number = base + index * 2 + (mode == "plain")
            if mode == "plain":
                with without_encryption():
                    create, read, fields = _operation(actor, number)
            else:
                create, read, fields = _operation(actor, number)
            if index >= warmup:
                timings[mode]["create"].append(create * 1000)
                timings[mode]["read"].append(read * 1000)
                timings[mode]["total"].append((create + read) * 1000)
    return {"timings": timings, "fields_read_per_operation": fields}


def measure(*, operations: int = 120, warmup: int = 10, **_: Any) -> dict[str, Any]:
    postgres = database_url("postgres")
    if psql(postgres, f"select 1 from pg_database where datname = '{DATABASE}'") != "1":  # noqa: S608 - a constant
        psql(postgres, f"create database {DATABASE}")
    url = database_url(DATABASE)
    migrate(url, POPULATION)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "HERZEN_BLIND_INDEX_POPULATION": str(POPULATION),
    }
    done = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bench.encryption_cost",
            "--inner",
            "--operations",
            str(operations),
            "--warmup",
            str(warmup),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the encryption benchmark failed: {done.stderr.strip()[-3000:]}")
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    timings = raw["timings"]
    figures = []
    medians: dict[str, dict[str, float]] = {}
    for part in ("total", "create", "read"):
        encrypted = statistics.median(timings["encrypted"][part])
        plain = statistics.median(timings["plain"][part])
        medians[part] = {"encrypted": round(encrypted, 3), "plain": round(plain, 3)}
        ratio = encrypted / plain
        label = {"total": "create + read a person", "create": "create", "read": "read (page selectors)"}[part]
        figures.append(
            figure(
                f"{label}, encrypted (median)",
                encrypted,
                "ms",
                reference_label="without encryption",
                reference=plain,
                goal=f"ratio ≤ {GOAL_RATIO}" if part == "total" else "reported",
                met=ratio <= GOAL_RATIO if part == "total" else None,
            )
        )
    return {
        "name": "encryption_cost",
        "figures": figures,
        "details": {
            "scale": "one person at a time (own database)",
            "operations_per_mode": operations,
            "medians_ms": medians,
            "p95_ms": {
                mode: {part: round(percentile(values, 95), 3) for part, values in parts.items()}
                for mode, parts in timings.items()
            },
            "fields_read_per_operation": raw["fields_read_per_operation"],
            "database": DATABASE,
            "operation": "person + ICAO spelling + phone + passport + stay through the services; "
            "person_detail + stays_with_deadlines with every field decrypted, key cache cleared between",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=120)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.inner:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        import django

        django.setup()
        print(json.dumps(inner(arguments.operations, arguments.warmup)))
        return
    print(json.dumps(measure(operations=arguments.operations, warmup=arguments.warmup), indent=2))


if __name__ == "__main__":
    main()
