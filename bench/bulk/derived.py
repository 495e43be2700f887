"""What the services derive from the rows they write, computed the same way from row values: the last legal
day of each stay (people.services refresh_stay_deadlines) and the facts a case's priority is assessed from
(cases.priority), in the order the services read them."""

from typing import Any

from herzen.domain.risk import (
    CriminalStage,
    LegalBasis,
    RiskFactorFacts,
    RiskFactorKind,
    StayPeriod,
    Vulnerability,
    WantedScope,
    legal_stay_deadline,
    registration_deadline,
)
from herzen.people.stay_rules import registration_duties, stay_rules


def set_deadlines(stays: list[dict[str, Any]]) -> None:
    """refresh_stay_deadlines: the last legal day and the registration due on the open stay (stay_deadline,
    stay_registration), none on closed ones."""
    rules = stay_rules()
    duties = registration_duties()
    for stay in stays:
        stay["registration_deadline"] = None
        if stay["exit_date"] is not None:
            stay["legal_deadline"] = None
            continue
        if stay["legal_basis"] in ("visa_free", "visa"):
            registration = registration_deadline(
                country=stay["country"],
                entry=stay["entry_date"],
                moved_on=stay["address_changed_on"],
                registered_on=stay["registered_on"],
                duties=duties,
            )
            stay["registration_deadline"] = registration.due_on if registration is not None else None
        periods = [
            StayPeriod(
                entry=s["entry_date"],
                exit=s["exit_date"],
                basis=LegalBasis(s["legal_basis"]),
                authorised_until=s["authorised_until"],
            )
            for s in stays
            if s["country"] == stay["country"]
        ]
        stay["legal_deadline"] = legal_stay_deadline(
            country=stay["country"], periods=periods, rules=rules
        ).last_legal_day


def factor_order(factor: dict[str, Any]) -> tuple[Any, ...]:
    # RiskFactor's default ordering ("person", "kind", "-occurred_on"), as case_priority reads them;
    # PostgreSQL puts NULLs first when descending.
    occurred = factor["occurred_on"]
    return (
        factor["person_id"],
        factor["kind"],
        occurred is not None,
        -(occurred.toordinal() if occurred else 0),
    )


def factor_facts(factor: dict[str, Any]) -> RiskFactorFacts:
    """herzen.cases.priority.risk_factor_facts, from the row values."""
    return RiskFactorFacts(
        kind=RiskFactorKind(factor["kind"]),
        reference=str(factor["id"]),
        subject=str(factor["person_id"]),
        criminal_article=factor["criminal_article"],
        criminal_stage=CriminalStage(factor["criminal_stage"]) if factor["criminal_stage"] else None,
        wanted_scope=WantedScope(factor["wanted_scope"]) if factor["wanted_scope"] else None,
        vulnerability=Vulnerability(factor["vulnerability"]) if factor["vulnerability"] else None,
        occurred_on=factor["occurred_on"],
        appearance_on=factor["appearance_on"],
    )
