"""Risk factors: the typed dangers a person faces, recorded by staff or brought in by an application."""

from datetime import date
from typing import Any

from django.db import transaction

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import apply_changes, validate
from herzen.core.lookup import get_scoped
from herzen.people.household_changes import household_of_person, household_risk_changed
from herzen.people.models import RiskFactor
from herzen.people.services.lookup import editable_person

RISK_FACTOR_FIELDS = frozenset(
    {
        "kind",
        "criminal_article",
        "criminal_stage",
        "wanted_scope",
        "vulnerability",
        "country",
        "occurred_on",
        "appearance_on",
        "narrative",
        "is_current",
    }
)


@transaction.atomic
def risk_factor_record(
    *,
    actor: Actor,
    person_id: object,
    kind: str,
    criminal_article: str = "",
    criminal_stage: str = "",
    wanted_scope: str = "",
    vulnerability: str = "",
    country: str = "",
    occurred_on: date | None = None,
    appearance_on: date | None = None,
    narrative: str = "",
) -> RiskFactor:
    person = editable_person(actor, person_id)
    factor = RiskFactor(
        person=person,
        kind=kind,
        criminal_article=criminal_article.strip(),
        criminal_stage=criminal_stage,
        wanted_scope=wanted_scope,
        vulnerability=vulnerability,
        country=country.upper(),
        occurred_on=occurred_on,
        appearance_on=appearance_on if kind == "mobilisation_summons" else None,
        narrative=narrative.strip(),
    )
    validate(factor)
    factor.save()
    audit.record(
        actor=actor,
        action="risk_factor.record",
        target=factor,
        parent=person,
        changed_fields=RISK_FACTOR_FIELDS,
    )
    household_risk_changed(actor, household_of_person(person.pk))
    return factor


@transaction.atomic
def risk_factor_update(*, actor: Actor, risk_factor_id: object, **changes: Any) -> RiskFactor:
    """Change a factor; `is_current=False` keeps a past danger on record without letting it raise priority."""
    factor = get_scoped(RiskFactor, actor, risk_factor_id, for_update=True)
    person = editable_person(actor, factor.person_id)
    changed = apply_changes(factor, changes, allowed=RISK_FACTOR_FIELDS)
    if not changed:
        return factor
    validate(factor)
    factor.save(update_fields=[*changed, "updated_at"])
    audit.record(
        actor=actor, action="risk_factor.update", target=factor, parent=person, changed_fields=changed
    )
    household_risk_changed(actor, household_of_person(person.pk))
    return factor
