"""Where a household has been since it left Russia: stays in transit countries and refusals at borders.

The current stay is built backwards from the deadline the planner wants the household to face, so that
a chosen share of households is close to, or past, its last legal day on `today`. The deadline itself is
computed by `herzen.domain.risk`, the same function the services use, so plan and app agree.
"""

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from herzen.demo.plans import Itinerary, RefusalPlan, StayPlan
from herzen.domain.risk import (
    DEFAULT_REGISTRATION_DUTIES,
    DEFAULT_STAY_RULES,
    LegalBasis,
    NoTimeLimit,
    PerEntryLimit,
    StayPeriod,
    legal_stay_deadline,
)

TRANSIT_COUNTRIES = ("GE", "AM", "KZ", "TR", "RS", "KG", "UZ")
# Roughly where people went and stayed after 2022: Georgia and Armenia first, then Kazakhstan, Turkey
# and Serbia; fewer in Kyrgyzstan and Uzbekistan.
COUNTRY_WEIGHTS = {"GE": 26, "AM": 19, "KZ": 16, "TR": 14, "RS": 13, "KG": 7, "UZ": 5}
# Russians may enter these with the internal passport alone (EAEU).
INTERNAL_PASSPORT_COUNTRIES = frozenset({"AM", "KZ", "KG"})

CITIES: dict[str, tuple[tuple[str, int], ...]] = {
    "GE": (("Тбилиси", 70), ("Батуми", 20), ("Кутаиси", 10)),
    "AM": (("Ереван", 85), ("Гюмри", 10), ("Ванадзор", 5)),
    "KZ": (("Алматы", 55), ("Астана", 35), ("Уральск", 10)),
    "TR": (("Стамбул", 55), ("Анталья", 30), ("Измир", 15)),
    "RS": (("Белград", 75), ("Нови-Сад", 25)),
    "KG": (("Бишкек", 85), ("Ош", 15)),
    "UZ": (("Ташкент", 85), ("Самарканд", 15)),
    # Only for short trips out of Serbia.
    "ME": (("Херцег-Нови", 60), ("Будва", 40)),
    "BA": (("Требинье", 70), ("Сараево", 30)),
}

# The legal basis of the current stay, by country (weights). Turkey and Serbia: most people who stayed
# moved to a residence permit, because the visa-free allowance there is short.
BASIS_WEIGHTS: dict[str, dict[str, int]] = {
    "GE": {"visa_free": 85, "residence_permit": 10, "asylum_seeker": 5},
    "AM": {"visa_free": 74, "residence_permit": 23, "asylum_seeker": 3},
    "KZ": {"visa_free": 70, "residence_permit": 27, "asylum_seeker": 3},
    "TR": {"visa_free": 45, "residence_permit": 48, "visa": 7},
    "RS": {"visa_free": 33, "residence_permit": 54, "visa": 6, "asylum_seeker": 7},
    "KG": {"visa_free": 75, "residence_permit": 25},
    "UZ": {"visa_free": 72, "residence_permit": 28},
}

# The share of households by how close their legal-stay deadline is on `today`.
URGENCY_WEIGHTS = {"overdue": 4, "urgent": 15, "soon": 20, "later": 61}

# Where people go for a "visa run" from a country that counts days in a rolling window.
RUN_COUNTRIES = {"KZ": ("KG", "UZ"), "KG": ("KZ", "UZ"), "TR": ("GE",)}
# Where people go for a few days when a per-entry allowance runs out.
RUN_DESTINATIONS = {
    "GE": ("AM", "TR"),
    "AM": ("GE",),
    "KZ": ("KG", "UZ"),
    "KG": ("KZ",),
    "UZ": ("KZ", "KG"),
    "TR": ("GE",),
    "RS": ("ME", "BA"),
}

# Waves of departure from Russia: the invasion (Feb-Mar 2022), mobilisation (Sep-Oct 2022), after.
DEPARTURE_WAVES: tuple[tuple[date, date, int], ...] = (
    (date(2022, 2, 24), date(2022, 4, 30), 25),
    (date(2022, 9, 21), date(2022, 10, 31), 40),
    (date(2022, 11, 1), date(2023, 12, 31), 17),
    (date(2024, 1, 1), date(2024, 12, 31), 10),
    (date(2025, 1, 1), date(2026, 6, 30), 8),
)

GEORGIA_BORDER_POINTS = ("КПП Верхний Ларс", "Аэропорт Тбилиси", "Аэропорт Кутаиси", "КПП Садахло")
GEORGIA_REFUSAL_REASONS = (
    "Без объяснения причин",
    "«Иные обстоятельства» (формулировка в бланке отказа)",
    "",
)

_REFERENCE_DAY = date(2000, 1, 1)  # where relative patterns are anchored before the real dates are known


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def random_day(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def pick_city(rng: random.Random, country: str) -> str:
    cities = CITIES[country]
    return rng.choices([city for city, _ in cities], weights=[weight for _, weight in cities])[0]


def pick_country(rng: random.Random, home_country: str | None) -> str:
    """A household's current country: often where its organisation works, otherwise anywhere."""
    if home_country in COUNTRY_WEIGHTS and rng.random() < 0.4:
        return home_country
    return weighted(rng, COUNTRY_WEIGHTS)


# How long a planned stay lasts where the country sets no time limit (Uzbekistan): about a year.
_UNLIMITED_PLANNING_DAYS = 365


def visa_free_allowance(country: str) -> int:
    """The longest lawful single visa-free stay, used to keep earlier stays lawful."""
    rule = DEFAULT_STAY_RULES[country]
    days = [limit.days for limit in rule.limits if not isinstance(limit, NoTimeLimit)]
    return min(days, default=_UNLIMITED_PLANNING_DAYS)


def _uses_rolling_window(country: str) -> bool:
    """Whether earlier stays count against the current one (any limit that a border run does not reset)."""
    return any(
        not isinstance(limit, PerEntryLimit | NoTimeLimit) for limit in DEFAULT_STAY_RULES[country].limits
    )


def deadline_of(stays: Sequence[StayPlan], *, as_of: date | None = None) -> date | None:
    """The last legal day of the open stay in `stays`, as the services will store it (default rules)."""
    current = next((stay for stay in stays if stay.exit_date is None), None)
    if current is None:
        return None
    periods = [
        StayPeriod(
            entry=stay.entry_date,
            exit=stay.exit_date,
            basis=LegalBasis(stay.legal_basis),
            authorised_until=stay.authorised_until,
        )
        for stay in stays
        if stay.country == current.country
    ]
    return legal_stay_deadline(country=current.country, periods=periods, as_of=as_of).last_legal_day


def _days_left_target(rng: random.Random, urgency: str, longest: int | None) -> int:
    """Days from `today` to the last legal day the planner aims for; `longest` caps what a stay allows."""
    low, high = {"overdue": (-40, -1), "urgent": (0, 14), "soon": (15, 60), "later": (61, 900)}[urgency]
    if longest is not None:
        high = min(high, longest)
        low = min(low, high)
    return rng.randint(low, high)


def _visa_run_pattern(rng: random.Random, country: str) -> list[StayPlan]:
    """Earlier stays shortly before the current entry (day 0 = _REFERENCE_DAY): in and out of `country`
    with short trips to a neighbour, so the rolling 90/180 count matters."""
    stays: list[StayPlan] = []
    cursor = _REFERENCE_DAY
    budget = 85
    for _cycle in range(rng.choice((1, 1, 2))):
        run_country = rng.choice(RUN_COUNTRIES[country])
        run_exit = cursor - timedelta(days=1)
        run_entry = run_exit - timedelta(days=rng.randint(0, 5))
        stays.append(StayPlan(run_country, pick_city(rng, run_country), run_entry, run_exit, "visa_free"))
        length = rng.randint(15, max(16, min(75, budget)))
        budget -= length
        exit_ = run_entry - timedelta(days=1)
        entry = exit_ - timedelta(days=length - 1)
        stays.append(StayPlan(country, pick_city(rng, country), entry, exit_, "visa_free"))
        cursor = entry
        if budget < 20:
            break
    return stays


def _shifted(stays: list[StayPlan], days: int) -> list[StayPlan]:
    delta = timedelta(days=days)
    return [
        StayPlan(
            s.country,
            s.city,
            s.entry_date + delta,
            s.exit_date + delta if s.exit_date else None,
            s.legal_basis,
            s.authorised_until + delta if s.authorised_until else None,
            s.document,
        )
        for s in stays
    ]


def _departure(rng: random.Random) -> date:
    first, last, _ = rng.choices(DEPARTURE_WAVES, weights=[wave[2] for wave in DEPARTURE_WAVES])[0]
    return random_day(rng, first, last)


def _current_stay(
    rng: random.Random, today: date, country: str, basis: str, urgency: str, departure: date
) -> tuple[list[StayPlan], str]:
    """The open stay (last in the list) and any visa-run pattern right before it, plus the urgency."""
    city = pick_city(rng, country)
    if basis == "asylum_seeker":
        entry = random_day(rng, min(departure, today - timedelta(days=60)), today - timedelta(days=30))
        return [StayPlan(country, city, entry, None, basis)], "none"
    if basis in ("residence_permit", "visa"):
        days_left = _days_left_target(rng, urgency, None if basis == "residence_permit" else 300)
        until = today + timedelta(days=days_left)
        if basis == "visa":
            entry = random_day(
                rng,
                max(until - timedelta(days=364), today - timedelta(days=200)),
                min(today, until) - timedelta(days=5),
            )
        else:
            latest = min(today, until) - timedelta(days=30)
            entry = random_day(rng, min(latest, max(departure, today - timedelta(days=3 * 365))), latest)
        return [StayPlan(country, city, entry, None, basis, authorised_until=until)], urgency

    earlier: list[StayPlan] = []
    if country in RUN_COUNTRIES and rng.random() < 0.55:
        earlier = _visa_run_pattern(rng, country)
    current = StayPlan(country, city, _REFERENCE_DAY, None, basis)
    relative_deadline = deadline_of([*earlier, current])
    if relative_deadline is None:  # no time limit (Uzbekistan): the stay has no deadline to aim for
        entry = random_day(rng, max(departure, today - timedelta(days=400)), today - timedelta(days=5))
        return [StayPlan(country, city, entry, None, basis)], "none"
    longest = (relative_deadline - _REFERENCE_DAY).days  # the last legal day, counted from the entry
    days_left = _days_left_target(rng, urgency, max(longest, 0))
    entry = today + timedelta(days=days_left - longest)
    stays = sorted([*earlier, current], key=lambda stay: stay.entry_date)
    return _shifted(stays, (entry - _REFERENCE_DAY).days), urgency


def _earlier_stays(rng: random.Random, before: date, departure: date, current_country: str) -> list[StayPlan]:
    """Closed stays between leaving Russia and `before`, walking backwards.

    Households keep returning to one country and leave it briefly when the allowance runs out (GE -> AM
    -> GE, a year in Tbilisi and three days in Yerevan); some move on, some went back to Russia for a while.
    Caseworkers record the history since departure as the household tells it: up to ten earlier stays
    (about four on average, so about five stays a person with the current one, the shape of the national
    data set), fewer for those who left recently, as the walk stops at the departure.
    """
    stays: list[StayPlan] = []
    cursor = before
    home = current_country if rng.random() < 0.6 else weighted(rng, COUNTRY_WEIGHTS)
    following = current_country
    for _ in range(rng.choices(range(11), weights=(6, 10, 12, 13, 13, 12, 10, 8, 7, 5, 4))[0]):
        gap = rng.choices((1, 2, 3, 7, 30, 90), weights=(60, 12, 8, 10, 6, 4))[0]
        exit_ = cursor - timedelta(days=gap)
        if exit_ <= departure:
            break
        near_current = (before - exit_).days < 200
        if following == home and rng.random() < 0.35:
            country = rng.choice(RUN_DESTINATIONS[home])
            basis, length, until = "visa_free", rng.randint(1, 6), None
        else:
            candidates = {c: w for c, w in COUNTRY_WEIGHTS.items() if c != following}
            if near_current and _uses_rolling_window(current_country):
                candidates.pop(current_country, None)  # keep the current rolling count as planned
            country = home if home in candidates else weighted(rng, candidates)
            if rng.random() < 0.75:
                allowance = visa_free_allowance(country)
                basis, length, until = "visa_free", rng.randint(max(1, allowance * 2 // 5), allowance), None
            else:
                basis, length = "residence_permit", rng.randint(150, 700)
                until = exit_ + timedelta(days=rng.randint(0, 200))
        if near_current and _uses_rolling_window(current_country) and country == current_country:
            country = rng.choice(RUN_DESTINATIONS[current_country])
        entry = max(departure, exit_ - timedelta(days=length - 1))
        stays.append(StayPlan(country, pick_city(rng, country), entry, exit_, basis, authorised_until=until))
        cursor = entry
        following = country
        if rng.random() < 0.15:
            home = weighted(rng, COUNTRY_WEIGHTS)  # the household moved on
    return sorted(stays, key=lambda stay: stay.entry_date)


def _georgian_refusal(rng: random.Random, stays: list[StayPlan]) -> RefusalPlan | None:
    """A refusal at the Georgian border: coming from Russia before the first stay, or flying in later."""
    first = stays[0]
    if first.country != "GE" and rng.random() < 0.5:
        return RefusalPlan(
            "GE",
            first.entry_date - timedelta(days=rng.randint(1, 3)),
            "КПП Верхний Ларс",
            rng.choice(GEORGIA_REFUSAL_REASONS),
        )
    # A trip to Georgia during an earlier stay elsewhere, turned back at the airport.
    elsewhere = [
        stay
        for stay in stays
        if stay.country != "GE" and stay.exit_date is not None and stay.exit_date > stay.entry_date
    ]
    if not elsewhere:
        return None
    stay = rng.choice(elsewhere)
    assert stay.exit_date is not None
    return RefusalPlan(
        "GE",
        random_day(rng, stay.entry_date + timedelta(days=1), stay.exit_date),
        rng.choice(GEORGIA_BORDER_POINTS[1:3]),
        rng.choice(GEORGIA_REFUSAL_REASONS),
    )


def plan_itinerary(
    rng: random.Random,
    *,
    today: date,
    home_country: str | None,
    country: str | None = None,
    urgency: str | None = None,
) -> Itinerary:
    """Stays since departure, the open one last; `country` and `urgency` fix what is otherwise drawn."""
    country = country or pick_country(rng, home_country)
    basis = weighted(rng, BASIS_WEIGHTS[country])
    urgency = urgency or weighted(rng, URGENCY_WEIGHTS)
    departure = _departure(rng)
    recent, urgency = _current_stay(rng, today, country, basis, urgency, departure)
    # Nobody can have entered before they left: an early recent pattern moves the departure back.
    departure = min(departure, recent[0].entry_date - timedelta(days=rng.randint(0, 3)))
    stays = [*_earlier_stays(rng, recent[0].entry_date, departure, country), *recent]
    refusals: list[RefusalPlan] = []
    if rng.random() < 0.07:
        refusal = _georgian_refusal(rng, stays)
        if refusal is not None:
            refusals.append(refusal)
    stays = [*stays[:-1], registered(stays[-1], today)]
    return Itinerary(
        stays=tuple(stays), refusals=tuple(refusals), urgency=urgency, expected_deadline=deadline_of(stays)
    )


# Where a visitor must register (herzen.domain.risk.registration); the demo's hosts register the day after
# arrival, except in the last week, so that some registrations are still due when the demo is shown.
REGISTRATION_COUNTRIES = frozenset(DEFAULT_REGISTRATION_DUTIES)
REGISTRATION_STILL_DUE_DAYS = 7


def registered(stay: StayPlan, today: date) -> StayPlan:
    """The open stay with its registration recorded, unless it is recent (or the country has no duty)."""
    if (
        stay.exit_date is not None
        or stay.country not in REGISTRATION_COUNTRIES
        or stay.legal_basis not in ("visa_free", "visa")
        or (today - stay.entry_date).days < REGISTRATION_STILL_DUE_DAYS
    ):
        return stay
    return replace(stay, registered_on=stay.entry_date + timedelta(days=1))


def urgency_of(deadline: date | None, today: date) -> str:
    """The bucket a stored deadline falls into on `today` (the same names the planner aims for)."""
    if deadline is None:
        return "none"
    days = (deadline - today).days
    if days < 0:
        return "overdue"
    if days <= 14:
        return "urgent"
    if days <= 60:
        return "soon"
    return "later"
