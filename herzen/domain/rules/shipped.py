"""The rule sets Herzen ships, one JSON document per pathway code, in rule_sets/.

They are starting points a policy regime copies and adapts (the pathways app stores a rule-set document on each
regime); they encode the publicly reported conditions of each route, marked UNVERIFIED where nobody on the
project has checked them against the law or programme rules themselves.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from herzen.domain.rules.language import RuleSet, load_rule_set

SHIPPED_RULE_SET_CODES: tuple[str, ...] = (
    "de_22_2",
    "cz_civil_society",
    "lv_humanitarian_visa",
    "lt_humanitarian_visa",
    "pl_humanitarian_visa",
    "fr_asylum_visa",
    "work_visa",
    "refugee_status",
)


def shipped_rule_set_document(code: str) -> dict[str, Any]:
    """The shipped document for a pathway code, as plain data (a fresh copy each call)."""
    if code not in SHIPPED_RULE_SET_CODES:
        raise KeyError(f"no shipped rule set for pathway {code!r}")
    text = resources.files("herzen.domain.rules").joinpath("rule_sets", f"{code}.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def shipped_rule_set(code: str) -> RuleSet:
    return load_rule_set(shipped_rule_set_document(code))
