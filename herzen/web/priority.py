"""A case's stored priority, said in the reader's language: one line per contribution, and the dated deadlines.

The domain explains in codes ("criminal_case.stage" = "accused", 35 points); the page turns each code into a
translated sentence here, names the person it concerns (the explanation stores ids only) and shows the points,
which add up to the score.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext

from herzen.cases.models import Case, PriorityBand
from herzen.people.choices import CriminalStage, RiskFactorKind, Vulnerability, WantedScope
from herzen.web.deadlines import days_left_text, long_date, registration_days_text


@dataclass(frozen=True)
class PriorityLine:
    text: str
    points: int
    person: str  # whose factor, when it is one person's
    counted: bool


@dataclass(frozen=True)
class DeadlineLine:
    text: str
    on: date
    person: str
    passed: bool


@dataclass(frozen=True)
class PriorityView:
    score: int
    band: str
    band_label: str
    lines: list[PriorityLine]
    deadlines: list[DeadlineLine]
    as_of: date | None
    weights_version: str


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _day(value: str) -> str:
    try:
        return long_date(date.fromisoformat(value))
    except ValueError:
        return value


def line_text(rule: str, value: str) -> str:
    kind, _dot, part = rule.partition(".")
    if part == "already_counted":
        return gettext("%(kind)s — already counted: the strongest factor of a kind counts") % {
            "kind": _label(RiskFactorKind, kind)
        }
    texts = {
        "criminal_case.stage": lambda: (
            gettext("Criminal case, stage: %(stage)s") % {"stage": _label(CriminalStage, value)}
        ),
        "criminal_case.anti_war_article": lambda: (
            gettext("Anti-war article %(article)s of the Criminal Code") % {"article": value}
        ),
        "mobilisation_summons.posted": lambda: (
            gettext("Mobilisation summons posted on %(date)s") % {"date": _day(value)}
        ),
        "mobilisation_summons.deemed_served": lambda: (
            gettext("The summons counts as served since %(date)s: exit ban") % {"date": _day(value)}
        ),
        "wanted_list.scope": lambda: _label(WantedScope, value),
        "vulnerability.vulnerability": lambda: (
            gettext("Vulnerability: %(what)s") % {"what": _label(Vulnerability, value)}
        ),
        "extradition_exposure.country": lambda: (
            gettext("Exposed to extradition: on an interstate or Interpol list while in %(country)s")
            % {"country": value}
        ),
        "stay_deadline.days_left": lambda: (
            gettext("Legal stay: %(days)s") % {"days": days_left_text(int(value))}
        ),
        "registration_deadline.days_left": lambda: (
            gettext("Registration in the transit country: %(days)s")
            % {"days": registration_days_text(int(value))}
        ),
    }
    if rule in texts:
        return texts[rule]()
    return _label(RiskFactorKind, kind)  # "<kind>.present": the kind alone


DEADLINE_TEXTS = {
    "stay_limit": lambda: gettext("Last legal day of the stay"),
    "registration": lambda: gettext("Registration due in the transit country"),
    "summons_deemed_served": lambda: gettext("Summons counts as served (exit ban)"),
    "summons_further_restrictions": lambda: gettext("Further restrictions after the summons"),
}


def priority_view(case: Case, names: Mapping[str, str], today: date) -> PriorityView | None:
    """`names` maps a person's id to their name; None when the case has no computed priority yet."""
    document = case.priority_explanation or {}
    if not document:
        return None
    lines = [
        PriorityLine(
            text=line_text(item["rule"], item["value"]),
            points=item["points"],
            person=names.get(item.get("subject", ""), ""),
            counted=not item["rule"].endswith(".already_counted"),
        )
        for item in document.get("contributions", [])
    ]
    lines.sort(key=lambda line: -line.points)  # the largest contributions first; the total is unchanged
    deadlines = [
        DeadlineLine(
            text=DEADLINE_TEXTS.get(item["kind"], lambda k=item["kind"]: k)(),
            on=date.fromisoformat(item["on"]),
            person=names.get(item.get("subject", ""), ""),
            passed=date.fromisoformat(item["on"]) < today,
        )
        for item in document.get("deadlines", [])
    ]
    as_of = document.get("as_of")
    return PriorityView(
        score=case.priority_score,
        band=case.priority_band,
        band_label=_label(PriorityBand, case.priority_band),
        lines=lines,
        deadlines=deadlines,
        as_of=date.fromisoformat(as_of) if as_of else None,
        weights_version=document.get("weights_version", ""),
    )
