"""Reads of evidence and vouches, always scoped to the actor's organisation."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _
from django_countries import countries

from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.referrals import Cell
from herzen.encryption.keys import KeyErased
from herzen.evidence import storage
from herzen.evidence.models import EvidenceItem, VerificationStatus, Vouch
from herzen.evidence.permissions import (
    GATHERERS,
    can_open_evidence_file,
    can_view_evidence,
    can_view_referred_evidence,
)
from herzen.pathways.labels import PATHWAY_NAMES, STATE_LABELS, label
from herzen.pathways.models import Application
from herzen.pathways.selectors import ApplicationFilters, application_get, application_list
from herzen.people.choices import HouseholdRole
from herzen.people.latin import latin_spelling, travel_document
from herzen.people.models import HouseholdMember, NameVariant, Person, RiskFactor
from herzen.people.selectors import household_member_order, risk_factor_list


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
    try:
        return item, storage.read(item.stored_name, owner=storage.owner_of(item))
    except KeyErased:
        raise NotFound() from None  # the household was erased: the file is gone for everyone


def application_evidence(*, actor: Actor, application_id: object) -> list[EvidenceItem]:
    """The evidence that goes with an application: its case's, newest first, without what was rejected as
    falsified (the NGO no longer stands behind it). The NGO reads its own; an authority reads it only for an
    application referred to it (`application_get` answers 404 otherwise) and only with a role that may."""
    application = application_get(actor=actor, application_id=application_id)
    if actor.organisation_id == application.organisation_id:
        items = evidence_list(actor=actor, case=application.case)
    elif can_view_referred_evidence(actor, application):
        # Read for the referred application only, as pathways' application_household reads its household.
        items = _with_details(
            EvidenceItem.objects.filter(
                case_id=application.case_id, organisation_id=application.organisation_id
            )
        ).order_by("-created_at")
    else:
        return []
    return [item for item in items if item.verification_status != VerificationStatus.REJECTED]


def application_evidence_bytes(*, actor: Actor, application_id: object) -> int:
    """How many bytes of evidence files an application's dossier carries (what makes a dossier large): the
    same items as `application_evidence`, summed in the database rather than read."""
    application = application_get(actor=actor, application_id=application_id)
    if actor.organisation_id != application.organisation_id and not can_view_referred_evidence(
        actor, application
    ):
        return 0
    items = EvidenceItem.objects.filter(
        case_id=application.case_id, organisation_id=application.organisation_id
    )
    total = items.exclude(verification_status=VerificationStatus.REJECTED).aggregate(total=Sum("file_size"))
    return int(total["total"] or 0)


def application_evidence_file(
    *, actor: Actor, application_id: object, evidence_id: object
) -> tuple[EvidenceItem, bytes]:
    """An evidence file of an application (see `application_evidence`); NotFound for any other."""
    item = next(
        (
            i
            for i in application_evidence(actor=actor, application_id=application_id)
            if str(i.pk) == str(evidence_id)
        ),
        None,
    )
    if item is None or not item.has_file:
        raise NotFound()
    if actor.organisation_id == item.organisation_id and not can_open_evidence_file(actor, item):
        raise PermissionDenied(_("Your role cannot open evidence files."))
    try:
        return item, storage.read(item.stored_name, owner=storage.owner_of(item))
    except KeyErased:
        raise NotFound() from None


def application_risk_factors(*, actor: Actor, application_id: object) -> list[RiskFactor]:
    """The current risk factors of an application's household, as its dossier states them: for the NGO and
    for an authority the application was referred to (it reads them in the dossier it is sent)."""
    application = application_get(actor=actor, application_id=application_id)
    if actor.organisation_id == application.organisation_id:
        factors = risk_factor_list(actor=actor, current_only=True)
    elif can_view_referred_evidence(actor, application):
        factors = RiskFactor.objects.filter(
            person__organisation_id=application.organisation_id, is_current=True
        )
    else:
        return []
    return list(
        factors.filter(person__household_membership__household_id=application.case.household_id)
        .select_related("person")
        .order_by("created_at")
    )


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


def referral_applications(
    *, actor: Actor, authority_id: object | None = None, application_ids: Iterable[object] | None = None
) -> list[Application]:
    """The applications a referral list covers: those the actor sees (an NGO its own, an authority those
    referred to it), optionally only those now with one authority, or only the ones named."""
    applications = application_list(actor=actor)
    if authority_id not in (None, ""):
        applications = applications.filter(authority_id=authority_id)
    if application_ids is not None:
        applications = applications.filter(pk__in=[str(pk) for pk in application_ids])
    return list(applications.order_by("created_at"))


def referral_application_count(*, actor: Actor, authority_id: object | None = None) -> int:
    """How many applications a referral list would carry (to decide whether it is exported by a job)."""
    applications = application_list(actor=actor)
    if authority_id not in (None, ""):
        applications = applications.filter(authority_id=authority_id)
    return applications.count()


@dataclass(frozen=True)
class ReferralList:
    applications: list[Application]
    rows: list[dict[str, Cell]]
    principals: list[Person]  # the people the rows name, so that exporting them can be recorded


def referral_list(
    *, actor: Actor, authority_id: object | None = None, application_ids: Iterable[object] | None = None
) -> ReferralList:
    """The applications of a referral list (see `referral_applications`) and their rows."""
    applications = referral_applications(
        actor=actor, authority_id=authority_id, application_ids=application_ids
    )
    rows, principals = _referral_rows(applications)
    return ReferralList(applications, rows, principals)


def _referral_rows(applications: Sequence[Application]) -> tuple[list[dict[str, Cell]], list[Person]]:
    """One row per application, in the columns of `herzen.domain.referrals`: who it is for (the principal's
    name in Cyrillic and as the passport spells it, date of birth and travel document, the household's size)
    and where it stands. Nothing else of the NGO's file."""
    households = {a.case.household_id for a in applications}
    # The applications were read through the actor's scope; their households are read for them only, as
    # pathways' application_household does (an authority has no scope over the NGO's people).
    members = (
        HouseholdMember.objects.filter(household_id__in=households)
        .select_related("person")
        .prefetch_related(
            Prefetch("person__name_variants", queryset=NameVariant.objects.select_related("source_document")),
            "person__documents",
        )
        .order_by(*household_member_order())
    )
    by_household: dict[object, list[HouseholdMember]] = {}
    for member in members:
        by_household.setdefault(member.household_id, []).append(member)
    rows: list[dict[str, Cell]] = []
    principals: list[Person] = []
    for application in applications:
        household = by_household.get(application.case.household_id, [])
        principal = next((m.person for m in household if m.role == HouseholdRole.PRINCIPAL), None)
        latin = document = None
        if principal is not None:
            principals.append(principal)
            latin = latin_spelling(principal, principal.name_variants.all())
            document = travel_document(principal.documents.all())
        rows.append(
            {
                "application_id": str(application.pk),
                "case_reference": application.case.reference,
                "pathway": application.pathway,
                "pathway_name": str(PATHWAY_NAMES.get(application.pathway, application.pathway)),
                "destination": application.destination_country,
                "destination_name": str(countries.name(application.destination_country)),
                "referrer": application.organisation.name,
                "principal": principal.full_name if principal else "",
                "principal_latin": latin.name if latin else "",
                "latin_source": latin.source if latin else "",
                "document_type": document.get_document_type_display() if document else "",
                "document_number": str(document.number) if document else "",
                "date_of_birth": principal.date_of_birth if principal else None,
                "household_size": len(household),
                "status": application.state,
                "status_name": label(STATE_LABELS, application.state),
            }
        )
    return rows, principals


def referral_authority_choices(*, actor: Actor) -> list[tuple[str, str]]:
    """The authorities the actor's applications are now with, for filtering a referral list."""
    rows = (
        application_list(actor=actor)
        .exclude(authority__isnull=True)
        .order_by("authority__name")
        .values_list("authority_id", "authority__name")
        .distinct()
    )
    return [(str(pk), name) for pk, name in rows]


def case_dossier_applications(*, actor: Actor, case: Case) -> QuerySet[Application]:
    """The applications of a case whose dossier the actor may export (none for those who may not)."""
    if case.organisation_id != actor.organisation_id or not actor.has_any_role(*GATHERERS):
        return application_list(actor=actor).none()
    return application_list(actor=actor, filters=ApplicationFilters(case_id=case.pk))
