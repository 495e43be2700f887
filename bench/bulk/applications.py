"""Pathway applications at national scale: walked once through the real services, then copied.

The demo's own walk (`herzen.demo.applications.write_applications`: three policy regimes per shipped pathway
and an application in every state of every pathway) runs through the services on the first chunk's cases of
one NGO. Each walked application, with its history, deadlines, decisions, referrals and audit events, becomes
a template; every later case gets a copy of one template (rotating through them, terminal ones for closed
cases) with new ids, the case's organisation and staff in place of the template's, and its encrypted facts
and reasons sealed again with the case household's data key in their new rows.
"""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import models, transaction

from herzen.audit.models import AuditEvent
from herzen.cases.models import Case
from herzen.demo.applications import ApplicationDesk, write_applications
from herzen.demo.staffing import DemoStaff
from herzen.pathways.models import (
    Application,
    ApplicationDeadline,
    ApplicationDecision,
    ApplicationReferral,
    ApplicationStateChange,
)

from .batch import TABLES, AuditSpec, Batch, Clock
from .households import HouseholdWriter
from .ids import new_id
from .tables import Table

MODELS = (Application, ApplicationStateChange, ApplicationDeadline, ApplicationDecision, ApplicationReferral)
for _model in MODELS:
    TABLES.setdefault(_model, Table(_model))
TEMPLATE_NGO = "tbilisi"


@dataclass(frozen=True)
class Template:
    state: str  # "<pathway>/<state>"
    terminal: bool
    case_id: UUID
    rows: tuple[tuple[type, dict[str, Any]], ...]  # plaintext values by attribute name, in insert order
    audit: tuple[AuditSpec, ...]


@dataclass
class Templates:
    organisation_id: object  # the NGO whose cases the templates were walked on
    staff: dict[object, tuple[int, int]]  # NGO id -> (caseworker user id, supervisor user id)
    all: list[Template] = field(default_factory=list)

    @property
    def terminal(self) -> list[Template]:
        return [t for t in self.all if t.terminal] or self.all


def walk_demo_applications(staff: DemoStaff, today: Any) -> dict[str, int]:
    """The demo's applications, through the services, on the template NGO's cases (as `herzen demo` does)."""
    ngo_staff = staff.ngo_staff()
    organisation = staff.organisations[TEMPLATE_NGO]
    cases = list(Case.objects.filter(organisation=organisation).order_by("opened_at", "reference"))
    with transaction.atomic():
        summary = write_applications(
            operator=staff.operator,
            desk=ApplicationDesk(ngo_staff=ngo_staff, authorities=staff.authority_actors()),
            cases=cases,
            today=today,
        )
    return {f"{pathway}/{state}": number for (pathway, state), number in summary.by_pathway_state.items()}


def _values(instance: models.Model) -> dict[str, Any]:
    # Attribute access opens encrypted fields: templates hold plaintext, sealed again for every copy.
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def capture_templates(staff: DemoStaff) -> Templates:
    ngo_staff = staff.ngo_staff()
    templates = Templates(
        organisation_id=staff.organisations[TEMPLATE_NGO].pk,
        staff={org: (cw.user.pk, sup.user.pk) for org, (cw, sup) in ngo_staff.items()},
    )
    for application in Application.objects.filter(organisation_id=templates.organisation_id).order_by(
        "created_at", "id"
    ):
        rows: list[tuple[type, dict[str, Any]]] = [(Application, _values(application))]
        changes = list(
            ApplicationStateChange.objects.filter(application=application).order_by("occurred_at", "id")
        )
        rows += [(ApplicationStateChange, _values(c)) for c in changes]
        for model in (ApplicationDeadline, ApplicationDecision, ApplicationReferral):
            rows += [
                (model, _values(r))
                for r in model.objects.filter(application=application).order_by("created_at", "id")
            ]
        ids = [str(values["id"]) for _, values in rows]
        events = AuditEvent.objects.filter(target_id__in=ids).order_by("sequence")
        audit = tuple(
            (
                event.occurred_at,
                event.actor_user_id,
                event.organisation_id,
                event.action,
                event.target_type,
                event.target_id,
                event.parent_type,
                event.parent_id,
                list(event.changed_fields),
            )
            for event in events
        )
        templates.all.append(
            Template(
                state=f"{application.pathway}/{application.state}",
                terminal=application.is_terminal,
                case_id=application.case_id,
                rows=tuple(rows),
                audit=audit,
            )
        )
    return templates


def _foreign_keys(model: type[models.Model]) -> frozenset[str]:
    return frozenset(f.attname for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey))


_FOREIGN_KEYS = {model: _foreign_keys(model) for model in MODELS}


def clone_for_cases(batch: Batch, templates: Templates, clock: Clock) -> dict[str, int]:
    """One copied application per case made in `batch`; returns how many per pathway/state."""
    if not templates.all:
        return {}
    counts: dict[str, int] = {}
    terminal = templates.terminal
    source_worker, source_supervisor = templates.staff[templates.organisation_id]
    keys = HouseholdWriter.__new__(HouseholdWriter)
    keys.batch, keys.clock = batch, clock
    for number, (case_id, organisation_id, household_id, status) in enumerate(batch.cases):
        pool = terminal if status == "closed" else templates.all
        template = pool[(number * 7919 + len(batch.audit)) % len(pool)]
        worker, supervisor = templates.staff[organisation_id]
        swap: dict[object, object] = {
            templates.organisation_id: organisation_id,
            source_worker: worker,
            source_supervisor: supervisor,
            template.case_id: case_id,
        }
        for _, values in template.rows:
            swap[values["id"]] = new_id()
        key = keys.household_key(household_id)
        for model, values in template.rows:
            fks = _FOREIGN_KEYS[model]
            copied = {
                name: swap.get(value, value) if (name in fks or name == "id") else value
                for name, value in values.items()
            }
            batch.add(model, copied, key)
        text_swap = {str(old): str(new) for old, new in swap.items()}
        for spec in template.audit:
            _, actor, organisation, action, target_type, target_id, parent_type, parent_id, changed = spec
            batch.audit.append(
                (
                    clock.tick(),
                    swap.get(actor, actor),
                    swap.get(organisation, organisation),
                    action,
                    target_type,
                    text_swap.get(target_id, target_id),
                    parent_type,
                    text_swap.get(parent_id, parent_id),
                    changed,
                )
            )
        counts[template.state] = counts.get(template.state, 0) + 1
    return counts
