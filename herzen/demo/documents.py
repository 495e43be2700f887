"""Sealed documents for the demo: each authority that declared an admission or issued a visa seals one notice
of it, and one NGO attests one of its cases, so the verifier page has something real to check."""

from herzen.core.actor import Role
from herzen.documents import services
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import Membership
from herzen.pathways.models import Application, ApplicationDecision

DEMO_DOCUMENTS = {"declare_admission": "admission_notice", "issue_visa": "visa_confirmation"}


def _actor_of(organisation_id: object):  # type: ignore[no-untyped-def]
    membership = (
        Membership.objects.filter(
            organisation_id=organisation_id, role__in=[Role.CASEWORKER, Role.SUPERVISOR]
        )
        .select_related("user")
        .first()
    )
    return actor_for_user(membership.user, organisation_id=organisation_id) if membership else None


def write_documents() -> int:
    written = 0
    for transition, document_type in DEMO_DOCUMENTS.items():
        decision = ApplicationDecision.objects.filter(transition=transition).order_by("created_at").first()
        actor = _actor_of(decision.deciding_organisation_id) if decision else None
        if decision is not None and actor is not None:
            services.document_issue(
                actor=actor, document_type=document_type, application_id=decision.application_id
            )
            written += 1
    application = Application.objects.order_by("created_at").first()
    actor = _actor_of(application.organisation_id) if application else None
    if application is not None and actor is not None:
        services.document_issue(
            actor=actor,
            document_type="ngo_attestation",
            application_id=application.pk,
            case_id=application.case_id,
        )
        written += 1
    return written
