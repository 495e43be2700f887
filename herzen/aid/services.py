"""Funders, programmes and grants: created, proposed and decided here, audited, booked in the ledger.

Four eyes is checked by `permissions.can_decide_grant`, which every caller (page, API, admin action, shell)
reaches only through `grant_decide`; the database refuses it too (constraint aid_grant_four_eyes).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.aid import ledger, selectors
from herzen.aid.audit_actions import DECIDE_FIELDS, FUNDER_FIELDS, GRANT_FIELDS, PROGRAMME_FIELDS
from herzen.aid.models import Funder, Grant, GrantStatus, Programme, Tranche
from herzen.aid.permissions import can_decide_grant, can_manage_programmes, can_propose_grant, is_proposer
from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.accounting import AccountKind, CurrencyError, currency
from herzen.domain.aid.grants import (
    GrantCalculation,
    ProgrammeRulesError,
    load_programme_rules,
)
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.people.models import HouseholdMember, Person


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


@transaction.atomic
def funder_create(*, actor: Actor, name: str, funder_organisation_id: object = None) -> Funder:
    if not can_manage_programmes(actor):
        raise PermissionDenied(_("Your role cannot manage aid programmes."))
    if not name.strip():
        raise _invalid("name", _("Give the funder's name."))
    funder_organisation = None
    if funder_organisation_id:
        funder_organisation = Organisation.objects.filter(
            pk=funder_organisation_id, kind=OrganisationKind.FUNDER
        ).first()
        if funder_organisation is None:
            raise _invalid("funder_organisation", _("Choose an organisation registered as a funder."))
    funder = Funder.objects.create(
        organisation=actor.organisation, name=name.strip(), funder_organisation=funder_organisation
    )
    audit.record(actor=actor, action="aid_funder.create", target=funder, changed_fields=FUNDER_FIELDS)
    return funder


@transaction.atomic
def programme_create(
    *,
    actor: Actor,
    funder_id: object,
    title: str,
    currency_code: str,
    budget: int,
    starts_on: date,
    ends_on: date,
    rules: dict[str, Any],
    supervisor_threshold: int,
) -> Programme:
    """A programme and its budget, booked as the funder's contribution to the programme's budget account."""
    if not can_manage_programmes(actor):
        raise PermissionDenied(_("Your role cannot manage aid programmes."))
    funder = get_scoped(Funder, actor, funder_id)
    try:
        code = currency(currency_code).code
    except CurrencyError:
        raise _invalid("currency", _("Choose a currency from the list.")) from None
    if budget <= 0:
        raise _invalid("budget", _("The budget must be more than zero."))
    if ends_on < starts_on:
        raise _invalid("ends_on", _("The programme must end after it starts."))
    try:
        load_programme_rules(rules, code)
    except ProgrammeRulesError as error:
        raise _invalid("rules", _("The rules are not valid: %(error)s") % {"error": error}) from None
    programme = Programme.objects.create(
        organisation=actor.organisation,
        funder=funder,
        title=title.strip(),
        currency=code,
        budget=budget,
        starts_on=starts_on,
        ends_on=ends_on,
        rules=rules,
        supervisor_threshold=supervisor_threshold,
    )
    audit.record(
        actor=actor, action="aid_programme.create", target=programme, changed_fields=PROGRAMME_FIELDS
    )
    entry = ledger.move(
        actor=actor,
        programme=programme,
        memo="budget from funder",
        source=AccountKind.FUNDING,
        target=AccountKind.BUDGET,
        amount=budget,
    )
    audit.record(actor=actor, action="aid_ledger.post", target=entry, changed_fields={"programme", "memo"})
    return programme


def explanation_document(calculation: GrantCalculation) -> dict[str, Any]:
    return {
        "screening": calculation.screening.to_document(),
        "steps": [{"key": step.key, "values": dict(step.values)} for step in calculation.steps],
        "tranches": [
            {"number": t.number, "due_on": t.due.isoformat(), "amount": t.amount}
            for t in calculation.tranches
        ],
    }


@transaction.atomic
def grant_propose(*, actor: Actor, programme_id: object, case_id: object, payee_id: object) -> Grant:
    programme = get_scoped(Programme, actor, programme_id)
    if not can_propose_grant(actor, programme):
        raise PermissionDenied(_("Your role cannot propose grants."))
    case = get_scoped(Case.objects.select_related("household"), actor, case_id)
    payee = get_scoped(Person, actor, payee_id)
    if not HouseholdMember.objects.filter(household_id=case.household_id, person=payee).exists():
        raise _invalid("payee", _("The payee must be a member of the case's household."))
    today = timezone.localdate()
    if not programme.starts_on <= today <= programme.ends_on:
        raise Conflict(_("The programme is not running today."))
    calculation = selectors.grant_calculate(actor=actor, programme=programme, case=case, today=today)
    if not calculation.total:
        raise Conflict(_("The programme's rules give this household nothing; see the explanation."))
    budget = ledger.balances(programme).get(AccountKind.BUDGET.value, 0)
    if calculation.total > budget:
        raise Conflict(_("The programme's remaining budget is smaller than this grant."))
    grant = Grant(
        programme=programme,
        case=case,
        payee=payee,
        total=calculation.total,
        explanation=explanation_document(calculation),
        proposed_by=actor.user,
    )
    grant.save()
    Tranche.objects.bulk_create(
        Tranche(grant=grant, number=t.number, due_on=t.due, amount=t.amount) for t in calculation.tranches
    )
    audit.record(
        actor=actor, action="aid_grant.propose", target=grant, parent=case, changed_fields=GRANT_FIELDS
    )
    return grant


@transaction.atomic
def grant_decide(*, actor: Actor, grant_id: object, approve: bool) -> Grant:
    """Approve (commit the money) or reject a proposed grant. The proposer is refused, always."""
    grant = get_scoped(Grant.objects.select_related("programme"), actor, grant_id, for_update=True)
    if is_proposer(actor, grant):
        raise PermissionDenied(_("You proposed this grant; another person must decide it."))
    if not can_decide_grant(actor, grant):
        raise PermissionDenied(_("Your role cannot decide this grant; it needs a supervisor."))
    if grant.status != GrantStatus.PROPOSED:
        raise Conflict(_("This grant has already been decided."))
    grant.status = GrantStatus.APPROVED if approve else GrantStatus.REJECTED
    grant.decided_by = actor.user
    grant.decided_at = timezone.now()
    grant.save(update_fields=[*DECIDE_FIELDS, "updated_at"])
    if approve:
        audit.record(
            actor=actor,
            action="aid_grant.approve",
            target=grant,
            parent=grant.case,
            changed_fields=DECIDE_FIELDS,
        )
    else:
        audit.record(
            actor=actor,
            action="aid_grant.reject",
            target=grant,
            parent=grant.case,
            changed_fields=DECIDE_FIELDS,
        )
    if approve:
        if grant.total > ledger.balances(grant.programme).get(AccountKind.BUDGET.value, 0):
            raise Conflict(_("The programme's remaining budget is smaller than this grant."))
        entry = ledger.move(
            actor=actor,
            programme=grant.programme,
            memo=f"grant {grant.pk} approved",
            source=AccountKind.BUDGET,
            target=AccountKind.COMMITTED,
            amount=grant.total,
            grant=grant,
        )
        audit.record(
            actor=actor, action="aid_ledger.post", target=entry, changed_fields={"programme", "memo", "grant"}
        )
    return grant
