"""The dangers a household faces: typed risk factors, so the demo's work queue has something to order.

Shares follow ../shared/DOMAIN.md only loosely (criminal cases under anti-war articles, "foreign agent"
listings, electronic summonses, exit bans and passport refusals, wanted lists with extradition exposure in
Kazakhstan and Kyrgyzstan, vulnerabilities). Narratives are generic and in Russian, about no real person or
event. Each household draws from its own generator, seeded from the principal's plan, so adding this step
changes no other part of the demo's output for a seed.
"""

import random
from dataclasses import replace
from datetime import date, timedelta

from herzen.demo.planning.people import age_on
from herzen.demo.plans import Itinerary, PersonPlan, RiskFactorPlan

ARTICLES = (("207.3", 5), ("280.3", 4), ("205.2", 2), ("284.1", 2), ("275", 1), ("330.1", 1))
STAGES = (("suspect", 4), ("accused", 3), ("in_absentia", 3), ("convicted", 1))
NARRATIVES = {
    "criminal_case": "Возбуждено дело по ст. {article} УК РФ после публикаций в соцсетях.",
    "administrative_case": "Два протокола по ст. 20.3.3 КоАП; следующий грозит уголовным делом по ст. 280.3.",
    "foreign_agent": "Внесён(а) в реестр «иностранных агентов» Минюста.",
    "mobilisation_summons": "Электронная повестка размещена в реестре повесток.",
    "exit_ban": "Сообщили о запрете на выезд; родственникам звонили из военкомата.",
    "passport_refusal": "Консульство отказало в выдаче загранпаспорта.",
    "wanted_list": "Объявлен(а) в розыск; проверяем, передан ли запрос в другие страны.",
    "transit_country_risk": "Отказ во въезде на границе; возможны проблемы с продлением пребывания.",
    "vulnerability": "",
}
HARMED_PASSPORTS = ("seized", "renewal_refused", "annulled")


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], weights=[weight for _, weight in weighted])[0]


def _factor(
    kind: str,
    *,
    criminal_article: str = "",
    criminal_stage: str = "",
    wanted_scope: str = "",
    country: str = "",
    occurred_on: date | None = None,
) -> RiskFactorPlan:
    return RiskFactorPlan(
        kind=kind,
        criminal_article=criminal_article,
        criminal_stage=criminal_stage,
        wanted_scope=wanted_scope,
        country=country,
        occurred_on=occurred_on,
        narrative=NARRATIVES[kind].format(article=criminal_article),
    )


def _principal_factors(
    rng: random.Random, person: PersonPlan, itinerary: Itinerary, today: date
) -> list[RiskFactorPlan]:
    factors: list[RiskFactorPlan] = []
    departure = itinerary.stays[0].entry_date
    country = itinerary.stays[-1].country
    if rng.random() < 0.3:
        article = _pick(rng, ARTICLES)
        opened = departure + timedelta(days=rng.randint(30, 700))
        factors.append(
            _factor(
                "criminal_case",
                criminal_article=article,
                criminal_stage=_pick(rng, STAGES),
                occurred_on=min(opened, today - timedelta(days=3)),
            )
        )
    elif rng.random() < 0.15:
        factors.append(
            _factor("administrative_case", occurred_on=today - timedelta(days=rng.randint(60, 900)))
        )
    if rng.random() < 0.15:
        factors.append(_factor("foreign_agent", occurred_on=today - timedelta(days=rng.randint(20, 900))))
    if person.sex == "M" and 18 <= age_on(person.date_of_birth, today) <= 50 and rng.random() < 0.3:
        # Posted within the last four weeks: some not yet deemed served, some already.
        factors.append(
            _factor("mobilisation_summons", occurred_on=today - timedelta(days=rng.randint(0, 28)))
        )
    if rng.random() < 0.12:
        scope = _pick(
            rng, (("domestic", 5), ("interstate", 3 if country in ("KZ", "KG") else 1), ("interpol", 1))
        )
        factors.append(
            _factor(
                "wanted_list", wanted_scope=scope, occurred_on=today - timedelta(days=rng.randint(10, 400))
            )
        )
    if rng.random() < 0.06:
        factors.append(_factor("exit_ban", occurred_on=departure - timedelta(days=rng.randint(1, 30))))
    passport = next((d for d in person.documents if d.key == "intl"), None)
    if passport is not None and passport.status in HARMED_PASSPORTS:
        factors.append(_factor("passport_refusal"))
    if itinerary.refusals:
        refusal = itinerary.refusals[0]
        factors.append(
            _factor("transit_country_risk", country=refusal.country, occurred_on=refusal.refused_on)
        )
    if rng.random() < 0.05:
        factors.append(RiskFactorPlan(kind="vulnerability", vulnerability="lgbtq"))
    if rng.random() < 0.05:
        factors.append(RiskFactorPlan(kind="vulnerability", vulnerability="family_pressure"))
    return factors


def plan_risk_factors(members: list[PersonPlan], itinerary: Itinerary, today: date) -> list[PersonPlan]:
    principal = members[0]
    rng = random.Random(f"risks|{principal.full_name}|{principal.date_of_birth}")
    planned = [replace(principal, risk_factors=tuple(_principal_factors(rng, principal, itinerary, today)))]
    for member in members[1:]:
        factors: list[RiskFactorPlan] = []
        if age_on(member.date_of_birth, today) < 18 and rng.random() < 0.3:
            factors.append(RiskFactorPlan(kind="vulnerability", vulnerability="minor"))
        if rng.random() < 0.05:
            factors.append(RiskFactorPlan(kind="vulnerability", vulnerability="health"))
        planned.append(replace(member, risk_factors=tuple(factors)))
    return planned


def spotlight_risk_factors(today: date) -> tuple[RiskFactorPlan, ...]:
    """Anna Shchukina: accused under 207.3 and listed as a "foreign agent", near her stay deadline in Georgia —
    near the top of the Tbilisi queue."""
    return (
        _factor(
            "criminal_case",
            criminal_article="207.3",
            criminal_stage="accused",
            occurred_on=today - timedelta(days=120),
        ),
        _factor("foreign_agent", occurred_on=today - timedelta(days=60)),
    )
