"""Benchmark (issue 18): the aid ledger and sanctions screening, each against a plain reference in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/herzen_aid_bench .venv/bin/python -m bench.ledger \
        [--payouts 2000] [--postings 1000000] [--payees 2000] [--list-entries 20000]

1. Posting a batch of payouts: each payout's entry (two postings) and its audit event, the accounts' kept
   balances updated under a row lock, the deferred balance trigger checking every posting at commit, in
   transactions of --batch payouts, through herzen.aid.ledger.post_many and herzen.audit.record_each (the path
   a payment file's payouts take) — against pgbench inserting the same rows in the same batches
   (INSERT ... SELECT over generate_series, one UPDATE per account), without the audit events, whose MAC
   pgbench cannot compute: the reference is the faster for it. Goal: throughput at least 0.25 of pgbench's.
   pgbench with one transaction per payout, and the SQL statements per payout of our path, are reported too.
2. `herzen ledger verify` (kept balances against SUM of postings per account) over --postings rows, against
   the plain `SELECT account_id, currency, SUM(amount) ... GROUP BY` it rests on. Goal: at most 2x. The
   per-entry re-check (`--entries`) is timed too and reported separately.
3. Sanctions screening of --payees synthetic payees against --list-entries synthetic list entries (about a
   seventh Russian names in other spellings, the rest other names, each with aliases), extrapolated to 100k
   payees. Goal: 100k in at most 60 s. Reports the rate of payouts held for namesakes with common Russian
   names (false positives) and the recall of list entries whose Cyrillic names the payees carry.
All names are made up. The machine is shared (2 cores, 9 agents): the scale is small and stated.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from datetime import date, timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
            "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
            "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
            "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин",
            "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов",
            "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов",
            "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов",
            "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
            "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков",
            "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв", "Голубев",
            "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов", "Леонов",
            "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв", "Котов",
            "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев",
            "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Ерёмин", "Тихомиров", "Галкин",
            "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов", "Нестеров", "Симонов", "Прокофьев", "Харитонов",
            "Князев", "Цветков", "Левин", "Митрофанов", "Воронов", "Аксёнов", "Софронов", "Мальцев", "Логинов",
            "Горшков", "Савин", "Краснов", "Майоров", "Демидов", "Елисеев", "Рыбаков", "Сафонов", "Плотников",
            "Демин", "Хохлов", "Фадеев", "Молчанов", "Игнатов", "Литвинов", "Ершов", "Ушаков", "Дементьев",
            "Рябов", "Мухин", "Калашников", "Леонтьев", "Лобанов", "Кузин", "Корнилов", "Евдокимов", "Бородин",
            "Платонов", "Некрасов", "Балашов", "Бобров", "Жданов", "Блинов", "Игнатьев", "Коротков", "Муравьёв",
            "Крюков", "Беляков", "Богомолов", "Дроздов", "Лавров", "Зуев", "Петухов", "Ларин", "Никулин",
            "Серов", "Терентьев", "Зотов", "Устинов", "Фокин", "Самойлов", "Константинов", "Сахаров", "Шишкин"]  # fmt: skip
GIVEN = {"M": ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил",
               "Артём", "Николай", "Владимир", "Павел", "Роман", "Денис", "Олег", "Игорь", "Юрий", "Виктор",
               "Константин", "Антон", "Илья", "Кирилл", "Григорий", "Фёдор", "Пётр", "Василий", "Борис"],
         "F": ["Елена", "Ольга", "Наталья", "Анна", "Татьяна", "Мария", "Ирина", "Екатерина", "Светлана",
               "Юлия", "Анастасия", "Дарья", "Марина", "Людмила", "Галина", "Валентина", "Ксения", "Алина",
               "Вера", "Надежда", "Полина", "Евгения", "Софья", "Виктория"]}  # fmt: skip
PATRONYMIC_STEMS = ["Александров", "Сергеев", "Дмитриев", "Андреев", "Алексеев", "Иванов", "Михайлов",
                    "Николаев", "Владимиров", "Павлов", "Викторов", "Юрьев", "Петров", "Борисов"]  # fmt: skip
SYLLABLES = ["al", "ha", "mid", "kim", "ra", "sa", "lee", "na", "bak", "ri", "ja", "mo", "tan", "zu", "far", "id",
             "or", "em", "chen", "wu", "ab", "dul", "la", "hu", "sein", "park", "yo", "mu", "ham", "ad", "bin"]  # fmt: skip
SCHEMES = ("icao_9303", "mvd_1997", "gost_52535", "german", "iso_9")


def _female(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин")) else surname


def _russian(rng: random.Random) -> tuple[str, str, str, str]:
    sex = rng.choice("MF")
    surname = rng.choice(SURNAMES)
    stem = rng.choice(PATRONYMIC_STEMS)
    patronymic = stem[:-2] + ("ович" if stem.endswith("ов") else "евич") if sex == "M" else stem[:-2] + (
        "овна" if stem.endswith("ов") else "евна")  # fmt: skip
    return (surname if sex == "M" else _female(surname), rng.choice(GIVEN[sex]), patronymic, sex)


def _foreign_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _birth(rng: random.Random) -> date:
    return date(1945, 1, 1) + timedelta(days=rng.randint(0, 60 * 365))


def synthetic_lists(count: int, rng: random.Random) -> tuple[list[Any], list[tuple[Any, date]]]:
    """List entries, and for the Russian ones the Cyrillic name and birth date they were written from."""
    from herzen.domain.aid.sanctions_lists import ListedName, ListedPerson, ListSource
    from herzen.domain.names import FullName, Scheme, expected_spellings

    people, sources = [], []
    for number in range(count):
        born = _birth(rng)
        if number % 7 == 0:
            surname, given, patronymic, _sex = _russian(rng)
            name = FullName(surname, given, patronymic)
            spellings = expected_spellings(name)
            chosen = rng.sample(SCHEMES, 2)  # the list writes the name in two other spellings
            names = tuple(
                ListedName(
                    s.surname, f"{s.given_name} {s.patronymic}", f"{s.given_name} {s.patronymic} {s.surname}"
                )
                for s in (spellings[Scheme(code)] for code in chosen)
            )
            people.append(ListedPerson(ListSource.OFAC, str(number), names, (born.isoformat(),), ("RU",)))
            sources.append((name, born))
        else:
            names = tuple(
                ListedName(_foreign_word(rng), _foreign_word(rng), "") for _ in range(rng.randint(1, 4))
            )
            names = tuple(ListedName(n.surname, n.given, f"{n.given} {n.surname}") for n in names)
            people.append(ListedPerson(ListSource.UN, str(number), names, (str(born.year),), ("XX",)))
    return people, sources


def screening(payees: int, list_entries: int, seed: int = 18) -> dict[str, Any]:
    from herzen.domain.aid.sanctions_matching import Payee, SanctionsIndex
    from herzen.domain.names import FullName

    rng = random.Random(seed)  # noqa: S311 (made-up names, reproducible)
    people, sources = synthetic_lists(list_entries, rng)
    started = time.perf_counter()
    index = SanctionsIndex(people)
    index_seconds = time.perf_counter() - started
    population = []
    for _ in range(payees):
        surname, given, patronymic, _sex = _russian(rng)
        population.append(Payee(FullName(surname, given, patronymic), _birth(rng), frozenset({"RU"})))
    started = time.perf_counter()
    held = named = 0
    for payee in population:
        hits = index.screen(payee)
        named += bool(hits)
        held += any(hit.holds_payout for hit in hits)
    seconds = time.perf_counter() - started
    sample = sources[: min(len(sources), 500)]
    found = sum(
        any(
            hit.entry.entry_id
            for hit in index.screen(Payee(name, born, frozenset({"RU"})))
            if hit.holds_payout
        )
        for name, born in sample
    )
    return {
        "payees": payees,
        "distinct_surnames": len({p.name.surname for p in population}),
        "distinct_given_names": len({p.name.given_name for p in population}),
        "extrapolated_100k_with_index_seconds": index_seconds + seconds / payees * 100_000,
        "list_entries": list_entries,
        "aliases": sum(len(p.names) for p in people),
        "index_seconds": index_seconds,
        "seconds": seconds,
        "extrapolated_100k_seconds": seconds / payees * 100_000,
        "false_positive_rate_held": held / payees,
        "name_only_hit_rate": named / payees,
        "recall_other_spellings": found / max(len(sample), 1),
        "recall_sample": len(sample),
    }


def _setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world() -> tuple[Any, Any]:
    from herzen.aid import services
    from herzen.core.actor import Actor, Role
    from herzen.organisations.models import Membership, Organisation
    from herzen.organisations.tests.factories import OrganisationFactory, UserFactory

    organisation = Organisation.objects.filter(name="Ledger bench").first() or OrganisationFactory(
        name="Ledger bench"
    )
    membership = Membership.objects.filter(organisation=organisation, role=Role.SUPERVISOR).first()
    user = membership.user if membership else UserFactory(username=f"bench-{uuid.uuid4().hex[:12]}")
    if membership is None:
        Membership.objects.create(user=user, organisation=organisation, role=Role.SUPERVISOR)
    actor = Actor(user=user, organisation=organisation, roles=frozenset({Role.SUPERVISOR}))
    funder = services.funder_create(actor=actor, name="Bench funder")
    today = date.today()
    programme = services.programme_create(
        actor=actor, funder_id=funder.pk, title="Bench", currency_code="EUR", budget=10**15,
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=365),
        rules={"eligibility": {"id": "b", "version": "1", "title": "b", "criteria": [
            {"id": "s", "label": "s", "condition": {"fact": "household_size", "at_least": 1}}]},
            "amounts": {"1": "1.00"}, "ceiling": "1.00"},
        supervisor_threshold=1,
    )  # fmt: skip
    return actor, programme


def _pgbench(script: str, transactions: int) -> float:
    """pgbench's transactions per second running `script` `transactions` times on the bench database."""
    from django.db import connection

    settings = connection.settings_dict
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(script)
    done = subprocess.run(  # noqa: S603
        [
            shutil.which("pgbench") or "/usr/bin/pgbench",
            "-n",
            "-h",
            settings["HOST"] or "127.0.0.1",
            "-U",
            settings["USER"] or "postgres",
            "-t",
            str(transactions),
            "-f",
            handle.name,
            settings["NAME"],
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return next(
        float(line.split("=")[1].split()[0]) for line in done.stdout.splitlines() if line.startswith("tps")
    )


def _statements_per_payout(actor: Any, programme: Any, batch: int) -> float:
    """SQL statements (BEGIN and COMMIT included) one batch of `batch` payouts costs, per payout."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        _post_batch(actor, programme, 0, batch)
    return (len(captured.captured_queries) + 2) / batch


def _post_batch(actor: Any, programme: Any, first: int, size: int) -> None:
    """What sending a batch of payouts books (herzen.aid.payout_services.payouts_send_batch): one entry of two
    postings per payout, the accounts' kept balances, and one audit event per entry."""
    from herzen import audit
    from herzen.aid import ledger
    from herzen.domain.accounting import AccountKind

    drafts = [
        ledger.Draft(
            memo=f"payout {number} send",
            legs=[
                ledger.Leg(AccountKind.BUDGET, -150_00, "EUR"),
                ledger.Leg(AccountKind.IN_TRANSIT, 150_00, "EUR"),
            ],
        )
        for number in range(first, first + size)
    ]
    entries = ledger.post_many(actor=actor, programme=programme, drafts=drafts)
    audit.record_each(
        actor=actor,
        action="aid_ledger.post",
        targets=[(entry, None) for entry in entries],
        changed_fields={"programme", "memo"},
    )


def posting(payouts: int, batch: int = 1000, reference_single: int = 1000) -> dict[str, Any]:
    """Our batch path against pgbench running the same rows in the same batches (without the audit events,
    whose MAC pgbench cannot compute), and for context pgbench's one transaction per payout."""
    from django.db import transaction

    from herzen.aid import ledger
    from herzen.aid.models import LedgerAccount
    from herzen.domain.accounting import AccountKind

    actor, programme = _world()
    ledger.accounts_of(programme, [(AccountKind.BUDGET, "EUR"), (AccountKind.IN_TRANSIT, "EUR")])
    statements = _statements_per_payout(actor, programme, batch)
    started = time.perf_counter()
    for first in range(0, payouts, batch):
        with transaction.atomic():
            _post_batch(actor, programme, first, min(batch, payouts - first))
    ours = payouts / (time.perf_counter() - started)
    budget = LedgerAccount.objects.get(programme=programme, kind="budget", currency="EUR")
    transit = LedgerAccount.objects.get(programme=programme, kind="in_transit", currency="EUR")

    def script(rows: int) -> str:
        return f"""BEGIN;
SELECT id FROM aid_ledgeraccount WHERE id IN ('{budget.pk}', '{transit.pk}') ORDER BY id FOR UPDATE;
WITH e AS (INSERT INTO aid_ledgerentry (id, created_at, updated_at, organisation_id, programme_id, effective_on, \
memo, fx_source, created_by_id) SELECT gen_random_uuid(), now(), now(), '{programme.organisation_id}', \
'{programme.pk}', current_date, 'pgbench payout', '', {actor.user.pk} FROM generate_series(1, {rows}) RETURNING id) \
INSERT INTO aid_ledgerposting (entry_id, account_id, amount, currency) \
SELECT e.id, v.a::uuid, v.s, 'EUR' FROM e, (VALUES ('{budget.pk}', -15000), ('{transit.pk}', 15000)) v(a, s);
UPDATE aid_ledgeraccount SET balance = balance - 15000 * {rows} WHERE id = '{budget.pk}';
UPDATE aid_ledgeraccount SET balance = balance + 15000 * {rows} WHERE id = '{transit.pk}';
COMMIT;
"""  # noqa: S608 (pgbench script over our own rows' ids)

    reference = _pgbench(script(batch), max(payouts // batch, 1)) * batch
    single = _pgbench(script(1), reference_single)
    return {
        "payouts": payouts,
        "batch": batch,
        "statements_per_payout": statements,
        "ours_per_second": ours,
        "pgbench_per_second": reference,
        "ratio": ours / reference,
        "pgbench_one_transaction_per_payout_per_second": single,
        "load_average": os.getloadavg(),
    }


def verifying(postings: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from herzen.aid.ledger import unbalanced_entries, verify_books
    from herzen.aid.models import LedgerPosting

    actor, programme = _world()
    have = LedgerPosting.objects.count()
    missing = max(postings - have, 0) // 2
    if missing:
        with connection.cursor() as cursor:  # a bulk load: entries of two balanced postings each, by SQL
            cursor.execute("SELECT id, kind FROM aid_ledgeraccount WHERE programme_id = %s", [programme.pk])
            accounts = {kind: pk for pk, kind in cursor.fetchall()}
            budget, transit = accounts.get("budget"), accounts.get("funding")
            cursor.execute(
                """WITH e AS (INSERT INTO aid_ledgerentry (id, created_at, updated_at, organisation_id, programme_id,
                     effective_on, memo, fx_source, created_by_id)
                   SELECT gen_random_uuid(), now(), now(), %s, %s, current_date, 'bulk', '', %s
                   FROM generate_series(1, %s) RETURNING id)
                   INSERT INTO aid_ledgerposting (entry_id, account_id, amount, currency)
                   SELECT id, a, s * 100, 'EUR' FROM e, (VALUES (%s::uuid, 1), (%s::uuid, -1)) v(a, s)""",
                [programme.organisation_id, programme.pk, actor.user.pk, missing, budget, transit],
            )
            # the kept balances follow the bulk postings, as the posting service keeps them
            cursor.execute(
                "UPDATE aid_ledgeraccount SET balance = balance + %s WHERE id = %s", [missing * 100, budget]
            )
            cursor.execute(
                "UPDATE aid_ledgeraccount SET balance = balance - %s WHERE id = %s", [missing * 100, transit]
            )
    total = LedgerPosting.objects.count()
    timings: dict[str, list[float]] = {"verify": [], "sum": [], "entries": []}
    for _ in range(3):
        started = time.perf_counter()
        assert not verify_books()
        timings["verify"].append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT account_id, currency, SUM(amount) FROM aid_ledgerposting GROUP BY 1, 2")
            cursor.fetchall()
        timings["sum"].append(time.perf_counter() - started)
    started = time.perf_counter()
    assert not unbalanced_entries()
    timings["entries"].append(time.perf_counter() - started)
    call_command("ledger", "verify", verbosity=0)
    verify, reference = statistics.median(timings["verify"]), statistics.median(timings["sum"])
    return {"postings": total, "verify_seconds": verify, "sum_group_by_seconds": reference,
            "ratio": verify / reference, "entries_recheck_seconds": timings["entries"][0]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payouts", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--payees", type=int, default=2000)
    parser.add_argument("--list-entries", type=int, default=20_000)
    parser.add_argument("--record", action="store_true")
    arguments = parser.parse_args()
    # Posting first, in a fresh process as a worker would post: the screening's name caches (hundreds of
    # thousands of objects) would otherwise slow every garbage collection of the posting's allocations.
    _setup_django()
    posted = posting(arguments.payouts, arguments.batch)
    print(json.dumps({"posting": posted}, indent=1))
    verified = verifying(arguments.postings)
    print(json.dumps({"verify": verified}, indent=1))
    screened = screening(arguments.payees, arguments.list_entries)
    print(json.dumps({"screening": screened}, indent=1))
    if arguments.record:
        from bench.results import figure, record

        scale = (f"{arguments.payouts} payouts in batches of {arguments.batch}, {verified['postings']} postings "
                 f"(goal's 10M scaled down), {arguments.payees} payees extrapolated to 100k against "
                 f"{arguments.list_entries} synthetic list entries; machine shared by 6 agents on 2 cores, load average "
                 f"{os.getloadavg()[0]:.1f}")  # fmt: skip
        record({
            "name": "ledger",
            "figures": [
                figure("posting a batch of payouts (entries, balances, audit)", posted["ours_per_second"],
                       "payouts/s", reference_label="pgbench, same rows in the same batches, without audit", reference=posted["pgbench_per_second"],
                       goal=">= 0.25", met=posted["ratio"] >= 0.25),
                figure("herzen ledger verify", verified["verify_seconds"], "s",
                       reference_label="SUM ... GROUP BY account", reference=verified["sum_group_by_seconds"],
                       goal="<= 2x", met=verified["ratio"] <= 2),
                figure("sanctions screening, 100k payees (extrapolated)", screened["extrapolated_100k_seconds"],
                       "s", goal="<= 60 s", met=screened["extrapolated_100k_seconds"] <= 60),
                figure("sanctions screening, 100k payees with the index build (extrapolated)",
                       screened["extrapolated_100k_with_index_seconds"], "s", goal="<= 60 s",
                       met=screened["extrapolated_100k_with_index_seconds"] <= 60),
            ],
            "details": {"scale": scale, "posting": posted, "verify": verified, "screening": screened},
        }, scale=scale)  # fmt: skip


if __name__ == "__main__":
    main()
