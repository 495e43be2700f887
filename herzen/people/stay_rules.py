"""The transit-country stay rules in force: the domain's defaults, overridden by the deployment's JSON file."""

import functools
import json
from pathlib import Path

from django.conf import settings

from herzen.domain.risk import DEFAULT_STAY_RULES, CountryStayRule, load_stay_rules


@functools.cache
def stay_rules() -> dict[str, CountryStayRule]:
    rules = dict(DEFAULT_STAY_RULES)
    path = getattr(settings, "HERZEN_STAY_RULES_FILE", "")
    if path:
        # A deployment can add countries or correct a rule without a code change.
        rules.update(load_stay_rules(json.loads(Path(path).read_text(encoding="utf-8"))))
    return rules
