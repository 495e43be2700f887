"""Risk signals for a case, computed from plain data."""

from herzen.domain.risk.factors import (
    ANTI_WAR_ARTICLES,
    CriminalStage,
    RiskFactorKind,
    Vulnerability,
    WantedScope,
    summons_deemed_served,
    summons_further_restrictions,
)
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
    "ANTI_WAR_ARTICLES",
    "DEFAULT_STAY_RULES",
    "CountryStayRule",
    "CriminalStage",
    "DeadlineKind",
    "LegalBasis",
    "PerEntryLimit",
    "RiskFactorKind",
    "RollingLimit",
    "StayDeadline",
    "StayLimit",
    "StayPeriod",
    "Vulnerability",
    "WantedScope",
    "legal_stay_deadline",
    "load_stay_rules",
    "summons_deemed_served",
    "summons_further_restrictions",
]
