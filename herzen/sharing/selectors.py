"""Reads of sharing consents: the owner's list, and the grantee's view of what a person agreed to share.

The grantee's reads are the only place another organisation touches a person's record. They never hand out a
model: `SharedPerson` is a plain value holding only the consented parts, so a page cannot reach the rest.
Without a live consent (none, revoked, expired, or for another organisation) the answer is the same NotFound
as for an id that does not exist.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.people.choices import HouseholdRole
from herzen.people.models import HouseholdMember, Person
from herzen.sharing.models import SharedPart, SharingConsent
from herzen.sharing.permissions import can_read_shared_person


def sharing_consent_list(*, actor: Actor, person: Person) -> QuerySet[SharingConsent]:
    """Every consent of a person (live, expired and revoked), for the owning organisation's person page."""
    return (
        SharingConsent.objects.for_actor(actor)
        .filter(person=person)
        .select_related("grantee", "granted_by", "revoked_by")
    )


def sharing_consent_get(*, actor: Actor, consent_id: object) -> SharingConsent:
    return get_scoped(SharingConsent.objects.select_related("person", "grantee"), actor, consent_id)


def sharing_grantee_choices(*, actor: Actor) -> QuerySet[Organisation]:
    """Organisations a person's record can be shared with: any other NGO-like organisation, not authorities
    (they are shown what an application's referral gives them, nothing more)."""
    return (
        Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY)
        .exclude(pk=actor.organisation_id)
        .order_by("name")
    )


# The grantee's side ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedIdentity:
    full_name: str
    sex: str
    date_of_birth: date | None
    citizenships: tuple[str, ...]
    languages: tuple[str, ...]
    profession: str


@dataclass(frozen=True)
class SharedContact:
    kind: str
    value: str
    is_preferred: bool


@dataclass(frozen=True)
class SharedDocument:
    document_type: str
    number: str
    issuing_country: str
    expiry_date: date | None
    status: str


@dataclass(frozen=True)
class SharedStay:
    country: str
    city: str
    entry_date: date
    exit_date: date | None
    legal_basis: str
    legal_deadline: date | None


@dataclass(frozen=True)
class SharedRisk:
    kind: str
    criminal_article: str
    occurred_on: date | None
    narrative: str
    is_current: bool


@dataclass(frozen=True)
class SharedHousehold:
    """The person's own role and the roles of the others: the others have not consented, so no names."""

    role: str
    other_roles: tuple[str, ...]


@dataclass(frozen=True)
class SharedPerson:
    id: object
    owner: str  # the organisation that holds the record and recorded the consent
    parts: frozenset[str]
    valid_until: date
    identity: SharedIdentity | None = None
    contacts: tuple[SharedContact, ...] | None = None
    documents: tuple[SharedDocument, ...] | None = None
    stays: tuple[SharedStay, ...] | None = None
    risks: tuple[SharedRisk, ...] | None = None
    household: SharedHousehold | None = None

    @property
    def categories(self) -> list[str]:
        """The audit DataCategory names of what this view holds (they are the consented parts)."""
        return [part for part in SharedPart.values if part in self.parts]


@dataclass(frozen=True)
class SharedPersonSummary:
    id: object
    owner: str
    full_name: str | None  # only when identity is shared
    parts: tuple[str, ...]
    valid_until: date


def live_consents_for_grantee(*, actor: Actor) -> QuerySet[SharingConsent]:
    """Consents naming the actor's organisation as grantee, in force today. This, not for_actor, is the scope
    of the grantee's reads: the records stay owned by (and scoped to) the organisation that holds them."""
    if actor.organisation_id is None or not can_read_shared_person(actor):
        return SharingConsent.objects.none()
    return (
        SharingConsent.objects.filter(grantee_id=actor.organisation_id)
        .live(timezone.localdate())
        .select_related("person__organisation")
    )


def shared_person_list(*, actor: Actor) -> list[SharedPersonSummary]:
    summaries = []
    for consent in live_consents_for_grantee(actor=actor).order_by("valid_until"):
        person = consent.person
        shows_identity = SharedPart.IDENTITY in consent.parts
        summaries.append(
            SharedPersonSummary(
                id=person.pk,
                owner=person.organisation.name,
                full_name=str(person.full_name) if shows_identity else None,
                parts=tuple(
                    str(SharedPart(part).label) for part in consent.parts if part in SharedPart.values
                ),
                valid_until=consent.valid_until,
            )
        )
    return summaries


def shared_person_get(*, actor: Actor, person_id: object) -> SharedPerson:
    try:
        consent = live_consents_for_grantee(actor=actor).filter(person_id=person_id).first()
    except (ValidationError, ValueError):
        consent = None
    if consent is None:
        raise NotFound()
    person = consent.person
    parts = frozenset(consent.parts) & frozenset(SharedPart.values)
    view: dict[str, object] = {}
    if SharedPart.IDENTITY in parts:
        view["identity"] = SharedIdentity(
            full_name=str(person.full_name),
            sex=str(person.get_sex_display()),
            date_of_birth=person.date_of_birth or None,
            citizenships=tuple(str(country.name) for country in person.citizenships),
            languages=tuple(person.languages),
            profession=str(person.profession),
        )
    if SharedPart.CONTACT in parts:
        view["contacts"] = tuple(
            SharedContact(kind=str(c.get_kind_display()), value=str(c.value), is_preferred=c.is_preferred)
            for c in person.contact_points.all()
        )
    if SharedPart.DOCUMENTS in parts:
        view["documents"] = tuple(
            SharedDocument(
                document_type=str(d.get_document_type_display()),
                number=str(d.number),
                issuing_country=str(d.issuing_country.name),
                expiry_date=d.expiry_date,
                status=str(d.get_current_status_display()),
            )
            for d in person.documents.all()
        )
    if SharedPart.STAYS in parts:
        view["stays"] = tuple(
            SharedStay(
                country=str(s.country.name),
                city=str(s.city),
                entry_date=s.entry_date,
                exit_date=s.exit_date,
                legal_basis=str(s.get_legal_basis_display()),
                legal_deadline=s.legal_deadline,
            )
            for s in person.stays.order_by("-entry_date")
        )
    if SharedPart.RISK in parts:
        view["risks"] = tuple(
            SharedRisk(
                kind=str(r.get_kind_display()),
                criminal_article=r.criminal_article,
                occurred_on=r.occurred_on,
                narrative=str(r.narrative),
                is_current=r.is_current,
            )
            for r in person.risk_factors.all()
        )
    if SharedPart.HOUSEHOLD in parts:
        view["household"] = _shared_household(person)
    return SharedPerson(
        id=person.pk,
        owner=person.organisation.name,
        parts=parts,
        valid_until=consent.valid_until,
        **view,  # type: ignore[arg-type]
    )


def _shared_household(person: Person) -> SharedHousehold | None:
    membership = HouseholdMember.objects.filter(person=person).first()
    if membership is None:
        return None
    # Ordered by role alone: ordering by age would decrypt the other members' birth dates for nothing.
    roles = {role: position for position, role in enumerate(HouseholdRole.values)}
    others = sorted(
        HouseholdMember.objects.filter(household_id=membership.household_id).exclude(person=person),
        key=lambda member: roles.get(member.role, len(roles)),
    )
    return SharedHousehold(
        role=str(membership.get_role_display()),
        other_roles=tuple(str(member.get_role_display()) for member in others),
    )
