"""Reads of evidence and vouches, always scoped to the actor's organisation."""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.evidence import storage
from herzen.evidence.models import EvidenceItem, Vouch
from herzen.evidence.permissions import can_open_evidence_file, can_view_evidence
from herzen.people.models import HouseholdMember, RiskFactor


def _with_details(items: QuerySet[EvidenceItem]) -> QuerySet[EvidenceItem]:
    return items.select_related("person", "uploaded_by", "organisation", "case").prefetch_related(
        "risk_factors",
        Prefetch(
            "vouches",
            queryset=Vouch.objects.select_related("organisation", "vouched_by", "withdrawn_by"),
            to_attr="vouch_history",
        ),
    )


def evidence_list(*, actor: Actor, case: Case) -> QuerySet[EvidenceItem]:
    """A case's evidence, newest first, with the person, risk factors and vouch history of each."""
    return _with_details(EvidenceItem.objects.for_actor(actor).filter(case=case)).order_by("-created_at")


def evidence_for_cases(*, actor: Actor, case_ids: list[object]) -> QuerySet[EvidenceItem]:
    return _with_details(EvidenceItem.objects.for_actor(actor).filter(case_id__in=case_ids)).order_by(
        "case_id", "-created_at"
    )


def evidence_get(*, actor: Actor, evidence_id: object) -> EvidenceItem:
    item = get_scoped(_with_details(EvidenceItem.objects), actor, evidence_id)
    if not can_view_evidence(actor, item):
        raise NotFound()
    return item


def evidence_file(*, actor: Actor, evidence_id: object) -> tuple[EvidenceItem, bytes]:
    """An item and the bytes of its file; NotFound if it has none."""
    item = evidence_get(actor=actor, evidence_id=evidence_id)
    if not can_open_evidence_file(actor, item):
        raise PermissionDenied(_("Your role cannot open evidence files."))
    if not item.has_file:
        raise NotFound()
    return item, storage.read(item.stored_name)


def vouch_get(*, actor: Actor, vouch_id: object) -> Vouch:
    return get_scoped(Vouch.objects.select_related("evidence"), actor, vouch_id)


def case_risk_factor_choices(*, actor: Actor, case: Case) -> QuerySet[RiskFactor]:
    """Risk factors of the case household's members, which evidence can be linked to."""
    members = HouseholdMember.objects.for_actor(actor).filter(household_id=case.household_id)
    return (
        RiskFactor.objects.for_actor(actor)
        .filter(person_id__in=members.values("person_id"))
        .select_related("person")
        .order_by("person__surname", "kind")
    )


def case_person_choices(*, actor: Actor, case: Case) -> QuerySet[HouseholdMember]:
    return (
        HouseholdMember.objects.for_actor(actor)
        .filter(household_id=case.household_id)
        .select_related("person")
        .order_by("person__surname", "person__given_name")
    )
