"""A grant's explanation steps (herzen.domain.aid.grants.Step, stored as keys and values) in the reader's
language, the way screening is explained: one sentence per step, amounts with their currency."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from herzen.domain.accounting import format_money

RECOMMENDATIONS = {
    "eligible": lambda: _("eligible"),
    "not_eligible": lambda: _("not eligible"),
    "needs_review": lambda: _("needs review: a fact is missing"),
}


def step_text(key: str, values: dict[str, Any], currency: str) -> str:
    def money(name: str) -> str:
        return format_money(int(values[name]), currency)

    if key == "eligibility":
        recommendation = RECOMMENDATIONS.get(values.get("recommendation", ""), lambda: "")()
        return _("The programme's eligibility rules: %(result)s.") % {"result": recommendation}
    if key == "amount_for_size":
        return _("A household of %(size)s receives %(amount)s.") % {
            "size": values["size"],
            "amount": money("amount"),
        }
    if key == "amount_with_extra_members":
        return _("A household of %(size)s receives %(amount)s, plus %(per)s for each of %(extra)s more members.") % {
            "size": values["size"], "amount": money("amount"), "per": money("per_member"), "extra": values["extra"],
        }  # fmt: skip
    if key == "ceiling_applied":
        return _("Capped at the ceiling of %(ceiling)s per household (it would have been %(before)s).") % {
            "ceiling": money("ceiling"), "before": money("before"),
        }  # fmt: skip
    if key == "tranches":
        return _("Paid in %(count)s tranches, %(days)s days apart.") % {
            "count": values["count"], "days": values["interval_days"],
        }  # fmt: skip
    if key == "household_size_unknown":
        return _("The household's size is not recorded.")
    return ""


def grant_steps(grant: Any) -> list[str]:
    steps = grant.explanation.get("steps", []) if isinstance(grant.explanation, dict) else []
    return [
        text for step in steps if (text := step_text(step["key"], step["values"], grant.programme.currency))
    ]


LIST_NAMES = {"eu": "EU", "un": "UN", "ofac": "OFAC SDN"}
SCHEME_NAMES = {
    "as written": "as written",
    "icao_9303": "ICAO",
    "gost_52535": "GOST",
    "mvd_1997": "MVD",
    "iso_9": "ISO 9",
    "german": "German",
    "mrz_internal": "MRZ",
    "sound": "sound",
}


def hit_step_text(key: str, values: dict[str, Any]) -> str:
    if key == "surname_matches":
        return _("The surname matches %(list)s entry %(entry)s (“%(listed)s”) in spelling: %(schemes)s.") % {
            "list": LIST_NAMES.get(values.get("list", ""), values.get("list", "")),
            "entry": values.get("entry", ""),
            "listed": values.get("listed", ""),
            "schemes": ", ".join(SCHEME_NAMES.get(s, s) for s in values.get("schemes", [])),
        }
    if key == "given_name_matches":
        return _("The given name matches “%(listed)s”.") % {"listed": values.get("listed", "")}
    if key == "birth_matches":
        return _("The date of birth is the same.")
    if key == "birth_near":
        return _("The dates of birth differ by %(years)s year(s).") % {"years": values.get("years", "")}
    if key == "birth_differs":
        return _("The dates of birth differ by %(years)s years: probably another person.") % {
            "years": values.get("years", "")
        }
    if key == "birth_unknown":
        return _("A date of birth is not known on one side.")
    if key == "nationality_matches":
        return _("The nationality is the same (%(countries)s).") % {
            "countries": ", ".join(values.get("countries", []))
        }
    if key == "nationality_differs":
        return _("The nationalities differ.")
    return ""


def hit_steps(hit: Any) -> list[str]:
    steps = hit.explanation if isinstance(hit.explanation, list) else []
    return [text for step in steps if (text := hit_step_text(step.get("key", ""), step.get("values", {})))]
