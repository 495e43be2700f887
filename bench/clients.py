"""HTTP clients for the intake and load benchmarks: an applicant filling in /apply/ and a caseworker browsing
cases, both with httpx (async), plus the timing record every request goes through.

No Django here: these modules run in the benchmark's own process, against a server started by
bench/server.py on 127.0.0.1. The Django side (drafts, staff accounts, checks) is bench/http_fixtures.py,
run in a subprocess.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

# Cyrillic names (the intake insists on Cyrillic for the Russian names) and their passport spellings.
SURNAMES = [
    ("Иванов", "IVANOV"),
    ("Смирнов", "SMIRNOV"),
    ("Кузнецов", "KUZNETSOV"),
    ("Попов", "POPOV"),
    ("Соколов", "SOKOLOV"),
    ("Лебедев", "LEBEDEV"),
    ("Щукин", "SHCHUKIN"),
    ("Морозов", "MOROZOV"),
    ("Волков", "VOLKOV"),
    ("Жуков", "ZHUKOV"),
]
GIVEN_NAMES = {
    "M": [("Алексей", "ALEKSEI"), ("Дмитрий", "DMITRII"), ("Павел", "PAVEL"), ("Илья", "ILIA")],
    "F": [("Анна", "ANNA"), ("Мария", "MARIIA"), ("Ольга", "OLGA"), ("Вера", "VERA")],
}
PATRONYMICS = {"M": ["Сергеевич", "Ильич", "Петрович"], "F": ["Сергеевна", "Ильинична", "Петровна"]}
# Spellings a caseworker might type into the name search (any script, any transliteration).
SEARCH_TERMS = ["Иванов", "Ivanova", "Schtschukina", "Ščukina", "Smirnov", "Кузнецова", "Popova", "Volkov"]

REFERENCE = re.compile(r'id="reference">\s*([^<\s]+)\s*<')
CASE_LINK = re.compile(r'href="(/cases/[0-9a-f-]{36}/)"')
PERSON_LINK = re.compile(r'href="(/persons/[0-9a-f-]{36}/)"')


def _surname(base: str, sex: str) -> str:
    return base + "а" if sex == "F" else base


def applicant_answers(rng: random.Random, organisation_id: str, country: str) -> dict[str, dict[str, Any]]:
    """A complete application, shaped as the intake stores it (and as its forms accept it): the applicant,
    a partner and a child, two documents, two dangers, every step answered."""
    today = date.today()
    sex = rng.choice("MF")
    surname, latin_surname = rng.choice(SURNAMES)
    given, latin_given = rng.choice(GIVEN_NAMES[sex])
    partner_sex = "F" if sex == "M" else "M"
    suffix = rng.randrange(10**6)

    def person(member_sex: str, born: date, role: str = "") -> dict[str, Any]:
        name = rng.choice(GIVEN_NAMES[member_sex])[0]
        values: dict[str, Any] = {
            "surname": _surname(surname, member_sex),
            "given_name": name,
            "patronymic": rng.choice(PATRONYMICS[member_sex]),
            "sex": member_sex,
            "date_of_birth": born.isoformat(),
        }
        if role:
            values["role"] = role
        return values

    return {
        "about": {
            **person(sex, date(rng.randrange(1960, 2004), rng.randrange(1, 13), rng.randrange(1, 29))),
            "given_name": given,
            "latin1_surname": latin_surname + ("A" if sex == "F" else ""),
            "latin1_given_name": latin_given,
            "latin2_surname": "",
            "latin2_given_name": "",
            "citizenships": ["RU"],
            "other_citizenship": "",
            "email": f"applicant{suffix}@example.org",
            "phone": f"+995 555 {suffix:06d}",
            "telegram": f"@applicant{suffix}",
            "signal": "",
            "preferred": rng.choice(["email", "phone", "telegram"]),
        },
        "household": {
            "members": [
                person(partner_sex, date(1985, 3, 2), "spouse_partner"),
                person(rng.choice("MF"), date(2016, 5, 17), "child"),
            ],
            "visited": True,
        },
        "location": {
            "country": country,
            "city": "Тбилиси" if country == "GE" else "Астана",
            "entry_date": (today - timedelta(days=rng.randrange(5, 80))).isoformat(),
            "legal_basis": "visa_free",
            "authorised_until": "",
            "document_used": "international_passport",
        },
        "documents": {
            "items": [
                {
                    "document_type": "international_passport",
                    "number": f"75 {suffix:07d}",
                    "issuing_country": "RU",
                    "expiry_date": "2031-01-01",
                    "status": "valid",
                },
                {
                    "document_type": "internal_passport",
                    "number": f"4510 {suffix:06d}",
                    "issuing_country": "RU",
                    "expiry_date": "",
                    "status": "seized",
                },
            ],
            "visited": True,
        },
        "risks": {
            "kinds": ["criminal_case", "foreign_agent"],
            "criminal_article": "207.3",
            "criminal_stage": "accused",
            "summons_date": "",
            "wanted_scope": "",
            "vulnerability": "",
            "narrative": "Обыск в марте, уголовное дело по 207.3.",
        },
        "declarations": {"borders": True, "destalinisation": True},
        "needs": {"pathway": "yes", "housing": True, "work": False, "financial": True, "other_needs": ""},
        "organisation": {"organisation": organisation_id},
    }


def form_data(values: dict[str, Any]) -> dict[str, Any]:
    """Answers as a browser posts them: ticked boxes as "on", unticked ones left out."""
    posted: dict[str, Any] = {}
    for name, value in values.items():
        if value is True:
            posted[name] = "on"
        elif value is False:
            continue
        else:
            posted[name] = value
    return posted


# --- Timing -------------------------------------------------------------------------------------------------


@dataclass
class Timings:
    """Every request's latency by kind, and every failure (5xx, unexpected status, timeout, connection)."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)

    def failed(self, kind: str, reason: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 20:
            self.error_samples.append(f"{kind}: {reason}")

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())

    def summary(self) -> dict[str, dict[str, float]]:
        return {kind: percentiles(values) for kind, values in sorted(self.latencies.items())}


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000, 1)

    return {
        "count": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
    }


class RequestFailed(Exception):
    pass


async def timed(
    timings: Timings,
    kind: str,
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    expect: tuple[int, ...] = (200, 302),
    **kwargs: Any,
) -> httpx.Response:
    """One request, timed under `kind`; anything but an expected status is an error and stops the flow."""
    if method == "POST":
        kwargs.setdefault("headers", {})["X-CSRFToken"] = client.cookies.get("csrftoken", "")
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        timings.failed(kind, f"{type(error).__name__}: {error}")
        raise RequestFailed(kind) from error
    elapsed = time.perf_counter() - started
    if response.status_code not in expect:
        timings.failed(kind, f"HTTP {response.status_code} for {method} {url}")
        raise RequestFailed(kind)
    timings.latencies[kind].append(elapsed)
    return response


def new_client(base_url: str, timeout: float) -> httpx.AsyncClient:
    # No redirects followed: each page the browser would load is its own timed request. No kept-alive
    # connections: gunicorn's gthread worker closes one that has waited its keep-alive time (2 s) in the
    # worker's queue even when a request is already on it, which a saturated server does, and the client
    # sees "Server disconnected" (a browser would retry; we would count an error the server never saw).
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=timeout,
        follow_redirects=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


# --- The applicant ------------------------------------------------------------------------------------------


Think = Any  # an async callable: await think()


async def _no_think() -> None:
    return None


async def apply(
    client: httpx.AsyncClient,
    timings: Timings,
    answers: dict[str, dict[str, Any]],
    think: Think = _no_think,
    language: str = "ru",
) -> str:
    """Start an application at /apply/, answer every step as a browser does, send it; the reference shown."""
    await timed(timings, "apply: start page", client, "GET", "/apply/")
    await think()
    await timed(timings, "apply: start", client, "POST", "/apply/", data={"language": language})
    await think()
    await timed(timings, "apply: step page", client, "GET", "/apply/about/")
    await think()
    await timed(
        timings, "apply: save step", client, "POST", "/apply/about/", data=form_data(answers["about"])
    )
    for member in answers["household"]["members"]:
        await think()
        data = {"action": "add", **form_data(member)}
        await timed(timings, "apply: add item", client, "POST", "/apply/household/", data=data)
    await timed(timings, "apply: save step", client, "POST", "/apply/household/", data={"action": "continue"})
    await think()
    data = form_data(answers["location"])
    await timed(timings, "apply: save step", client, "POST", "/apply/location/", data=data)
    await timed(timings, "apply: step page", client, "GET", "/apply/location/?saved=1")
    for document in answers["documents"]["items"]:
        await think()
        data = {"action": "add", **form_data(document)}
        await timed(timings, "apply: add item", client, "POST", "/apply/documents/", data=data)
    await timed(timings, "apply: save step", client, "POST", "/apply/documents/", data={"action": "continue"})
    for step in ("risks", "declarations", "needs", "organisation"):
        await timed(timings, "apply: step page", client, "GET", f"/apply/{step}/")
        await think()
        data = form_data(answers[step])
        await timed(timings, "apply: save step", client, "POST", f"/apply/{step}/", data=data)
    await timed(timings, "apply: step page", client, "GET", "/apply/evidence/")
    await timed(timings, "apply: save step", client, "POST", "/apply/evidence/", data={"action": "continue"})
    await timed(timings, "apply: check page", client, "GET", "/apply/check/")
    await think()
    return await submit(client, timings)


async def submit(client: httpx.AsyncClient, timings: Timings, kind: str = "apply: submit") -> str:
    """The final POST of /apply/check/: the confirmation page with the case reference."""
    response = await timed(timings, kind, client, "POST", "/apply/check/", data={}, expect=(200,))
    found = REFERENCE.search(response.text)
    if found is None:
        timings.failed(kind, "no reference on the confirmation page")
        raise RequestFailed(kind)
    return found.group(1)


# --- The caseworker -----------------------------------------------------------------------------------------


async def log_in(
    client: httpx.AsyncClient, timings: Timings, username: str, password: str, totp_secret: str
) -> None:
    """allauth's two stages: username and password, then the current TOTP code."""
    await timed(timings, "staff: login page", client, "GET", "/login/")
    response = await timed(
        timings, "staff: login", client, "POST", "/login/", data={"login": username, "password": password}
    )
    if "/2fa/authenticate" not in response.headers.get("location", ""):
        timings.failed("staff: login", f"no second-factor step for {username}")
        raise RequestFailed("staff: login")
    await timed(timings, "staff: login page", client, "GET", "/accounts/2fa/authenticate/")
    response = await timed(
        timings,
        "staff: login code",
        client,
        "POST",
        "/accounts/2fa/authenticate/",
        data={"code": await fresh_totp_code(totp_secret)},
        expect=(302,),
    )
    if "/2fa/" in response.headers.get("location", "") or "/login/" in response.headers.get("location", ""):
        timings.failed("staff: login code", f"code refused for {username}")
        raise RequestFailed("staff: login code")


async def fresh_totp_code(secret: str) -> str:
    """The code of the current 30-second window, waiting out a window about to end (no tolerance)."""
    import base64
    import hashlib
    import hmac
    import struct

    left = 30 - time.time() % 30
    if left < 3:
        await asyncio.sleep(left + 0.1)
    counter = int(time.time()) // 30
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**6:06d}"


async def browse(
    client: httpx.AsyncClient, timings: Timings, rng: random.Random, country: str, think: Think = _no_think
) -> None:
    """One round of a caseworker's work: the filtered case list, a name search, a case, a person."""
    query = urlencode({"status": "open", "country": country, "sort": "priority"})
    response = await timed(timings, "staff: case list (filtered)", client, "GET", f"/cases/?{query}")
    cases = CASE_LINK.findall(response.text)
    await think()
    query = urlencode({"q": rng.choice(SEARCH_TERMS)})
    response = await timed(timings, "staff: name search", client, "GET", f"/cases/?{query}")
    cases += CASE_LINK.findall(response.text)
    await think()
    if not cases:
        return
    response = await timed(timings, "staff: case page", client, "GET", rng.choice(cases))
    persons = PERSON_LINK.findall(response.text)
    await think()
    if persons:
        await timed(timings, "staff: person page", client, "GET", rng.choice(persons))
