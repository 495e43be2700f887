"""A case's priority from its household's record: the bridge from stored risk factors to herzen.domain.risk."""

from datetime import date

from herzen.cases.models import Case
from herzen.cases.priority_weights import priority_weights
from herzen.core.actor import Actor
from herzen.domain.risk import (
    CriminalStage,
    Priority,
    RiskFactorFacts,
    RiskFactorKind,
    Vulnerability,
    WantedScope,
    assess_priority,
)
from herzen.people.models import RiskFactor

PRIORITY_FIELDS = (
    "priority_score",
    "priority_band",
    "priority_explanation",
    "priority_next_deadline",
    "priority_refreshed_at",
)


def risk_factor_facts(factor: RiskFactor) -> RiskFactorFacts:
    """The stored factor as the domain's plain facts. The explanation names the factor and the person by id
    only: a name copied into the case would outlive the person record's erasure."""
    return RiskFactorFacts(
        kind=RiskFactorKind(factor.kind),
        reference=str(factor.pk),
        subject=str(factor.person_id),
        criminal_article=factor.criminal_article,
        criminal_stage=CriminalStage(factor.criminal_stage) if factor.criminal_stage else None,
        wanted_scope=WantedScope(factor.wanted_scope) if factor.wanted_scope else None,
        vulnerability=Vulnerability(factor.vulnerability) if factor.vulnerability else None,
        occurred_on=factor.occurred_on,
        appearance_on=factor.appearance_on,
    )


def case_priority(actor: Actor, case: Case, today: date) -> Priority:
    """The household's current risk factors (every member's), its earliest last legal day and where it is now."""
    household = case.household
    factors = RiskFactor.objects.for_actor(actor).filter(
        person__household_membership__household=household, is_current=True
    )
    return assess_priority(
        [risk_factor_facts(factor) for factor in factors],
        as_of=today,
        stay_deadline=household.earliest_stay_deadline,
        registration_deadline=household.earliest_registration_deadline,
        current_country=household.current_country.code or "",
        weights=priority_weights(),
    )


def apply_priority(case: Case, priority: Priority, now: object) -> list[str]:
    """Put `priority` on the case; return the names of the fields whose value changed (none: nothing to do)."""
    values = {
        "priority_score": priority.score,
        "priority_band": priority.band.value,
        "priority_explanation": priority.to_document(),
        "priority_next_deadline": priority.next_deadline,
    }
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, values[name])
    if changed:
        case.priority_refreshed_at = now
        changed.append("priority_refreshed_at")
    return changed
