"""Risk signals for a case, computed from plain data."""

from herzen.domain.risk.stay import (
    DEFAULT_STAY_RULES,
    CountryStayRule,
    DeadlineKind,
    LegalBasis,
    PerEntryLimit,
    RollingLimit,
    StayDeadline,
    StayLimit,
    StayPeriod,
    legal_stay_deadline,
    load_stay_rules,
)

__all__ = [
    "DEFAULT_STAY_RULES",
    "CountryStayRule",
    "DeadlineKind",
    "LegalBasis",
    "PerEntryLimit",
    "RollingLimit",
    "StayDeadline",
    "StayLimit",
    "StayPeriod",
    "legal_stay_deadline",
    "load_stay_rules",
]
