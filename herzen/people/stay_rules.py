"""The transit-country stay rules and registration duties in force: the domain's defaults, overridden by the deployment's JSON file."""

import functools
import json
from pathlib import Path

from django.conf import settings

from herzen.domain.risk import (
    DEFAULT_REGISTRATION_DUTIES,
    DEFAULT_STAY_RULES,
    CountryStayRule,
    RegistrationDuty,
    load_registration_duties,
    load_stay_rules,
)


@functools.cache
def stay_rules() -> dict[str, CountryStayRule]:
    rules = dict(DEFAULT_STAY_RULES)
    path = getattr(settings, "HERZEN_STAY_RULES_FILE", "")
    if path:
        # A deployment can add countries or correct a rule without a code change.
        rules.update(load_stay_rules(json.loads(Path(path).read_text(encoding="utf-8"))))
    return rules


@functools.cache
def registration_duties() -> dict[str, RegistrationDuty]:
    duties = dict(DEFAULT_REGISTRATION_DUTIES)
    path = getattr(settings, "HERZEN_REGISTRATION_DUTIES_FILE", "")
    if path:
        duties.update(load_registration_duties(json.loads(Path(path).read_text(encoding="utf-8"))))
    return duties
