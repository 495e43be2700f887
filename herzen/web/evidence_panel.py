"""The evidence part of the case page: the case's evidence with its status, and the form to add more."""

from typing import Any

from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.evidence.permissions import can_add_evidence
from herzen.evidence.selectors import (
    case_dossier_applications,
    case_person_choices,
    case_risk_factor_choices,
    evidence_list,
)
from herzen.pathways.labels import PATHWAY_NAMES
from herzen.web.evidence_forms import EvidenceForm


def evidence_form(actor: Actor, case: Case, data: Any = None, files: Any = None) -> EvidenceForm:
    return EvidenceForm(
        data,
        files,
        prefix="evidence",
        members=case_person_choices(actor=actor, case=case),
        risk_factors=case_risk_factor_choices(actor=actor, case=case),
    )


def evidence_panel(actor: Actor, case: Case, bound: dict[str, object]) -> dict[str, object]:
    form = None
    if can_add_evidence(actor, case):
        form = bound["evidence"] if "evidence" in bound else evidence_form(actor, case)
    return {
        "items": evidence_list(actor=actor, case=case),
        "form": form,
        "dossiers": [
            {"application": a, "pathway": PATHWAY_NAMES.get(a.pathway, a.pathway)}
            for a in case_dossier_applications(actor=actor, case=case)
        ],
    }
