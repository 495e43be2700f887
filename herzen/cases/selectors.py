"""Reads of cases, always scoped to the actor's organisation."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from herzen.cases.duplicates import PossibleDuplicate
from herzen.cases.models import Case, CaseNote
from herzen.cases.permissions import can_view_case
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.domain.evidence import Verification
from herzen.domain.references import normalise_reference
from herzen.people.choices import DocumentStatus, DocumentType, HouseholdRole
from herzen.people.declaration_texts import SCREENING_FACTS
from herzen.people.models import Declaration, Household, HouseholdMember, IdentityDocument, Person, RiskFactor
from herzen.people.selectors import household_member_order, persons_matching_name, unlock_persons

# The nearer of the household's last legal day and its next registration due (either may be missing; LEAST of
# two COALESCEs is the same on PostgreSQL, which skips NULLs, and SQLite, which would return NULL).
_STAY, _REGISTRATION = F("household__earliest_stay_deadline"), F("household__earliest_registration_deadline")
NEAREST_TRANSIT_DEADLINE = Least(Coalesce(_STAY, _REGISTRATION), Coalesce(_REGISTRATION, _STAY))

SORTS = {
    "opened": ("opened_at", "reference"),
    "-opened": ("-opened_at", "reference"),
    "deadline": (NEAREST_TRANSIT_DEADLINE.asc(nulls_last=True), "-opened_at"),
    "reference": ("reference",),
    # The work queue: most urgent first, then whatever falls due soonest (an overstay counts as due).
    "priority": (
        "-priority_score",
        F("priority_next_deadline").asc(nulls_last=True),
        NEAREST_TRANSIT_DEADLINE.asc(nulls_last=True),
        "-opened_at",
    ),
}
DEFAULT_SORT = "deadline"


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    country: str = ""
    caseworker_id: str = ""  # a user id, or "none" for unassigned cases
    # the legal stay ends, or a registration falls due, within N days ("stay or registration due within 14 days")
    deadline_within_days: int | None = None
    due_within_days: int | None = None  # the next deadline of any kind falls within N days ("due this week")
    band: str = ""  # a priority band
    query: str = ""  # a name in any script or spelling, or a reference number
    household_id: object | None = None  # the cases of one household (a person page lists them)
    sort: str = DEFAULT_SORT


def case_list(
    *, actor: Actor, filters: CaseFilters = CaseFilters(), today: date | None = None
) -> QuerySet[Case]:
    cases = Case.objects.for_actor(actor)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.household_id is not None:
        cases = cases.filter(household_id=filters.household_id)
    if filters.country:
        cases = cases.filter(household__current_country=filters.country.upper())
    if filters.caseworker_id == "none":
        cases = cases.filter(assigned_caseworker__isnull=True)
    elif filters.caseworker_id:
        cases = cases.filter(assigned_caseworker_id=filters.caseworker_id)
    if filters.deadline_within_days is not None:
        today = today or timezone.localdate()
        until = today + timedelta(days=filters.deadline_within_days)
        cases = cases.filter(
            Q(household__earliest_stay_deadline__lte=until)
            | Q(household__earliest_registration_deadline__lte=until)
        )
    if filters.due_within_days is not None:
        today = today or timezone.localdate()
        cases = cases.filter(priority_next_deadline__lte=today + timedelta(days=filters.due_within_days))
    if filters.band:
        cases = cases.filter(priority_band=filters.band)
    if filters.query.strip():
        cases = _matching_query(actor, cases, filters.query)
    principal = Prefetch(
        "household__members",
        queryset=HouseholdMember.objects.select_related("person").order_by(*household_member_order()),
        to_attr="ordered_members",
    )
    return (
        cases.select_related("household", "assigned_caseworker")
        .prefetch_related(principal)
        .order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))
    )


def _matching_query(actor: Actor, cases: QuerySet[Case], query: str) -> QuerySet[Case]:
    """A reference number finds its case; the text is also searched as a name in every spelling.

    Both, because an 11-letter Latin surname can pass a reference's checksum by chance (1 in 32).
    """
    persons = persons_matching_name(Person.objects.for_actor(actor), query)
    matches = Q(household_id__in=HouseholdMember.objects.filter(person__in=persons).values("household_id"))
    reference = normalise_reference(query)
    if reference is not None:
        matches |= Q(reference=reference)
    return cases.filter(matches)


# The distinct countries of an organisation's households by walking the (organisation, current_country)
# index from one country to the next ("loose index scan"): one probe per country instead of reading every
# household, so the case list's country menu costs the same for 100 households or 400,000.
_COUNTRIES_OF_ORGANISATION = """
WITH RECURSIVE countries(code) AS (
    SELECT MIN(current_country) FROM people_household WHERE organisation_id = %(organisation)s
        AND current_country > ''
    UNION ALL
    SELECT (SELECT MIN(h.current_country) FROM people_household h WHERE h.organisation_id = %(organisation)s
            AND h.current_country > countries.code)
    FROM countries WHERE countries.code IS NOT NULL
)
SELECT code FROM countries WHERE code IS NOT NULL
"""


def case_country_choices(*, actor: Actor) -> list[str]:
    """The countries (ISO codes) where the organisation's households are now, each once, in code order.

    Households rather than cases: a case always belongs to its household's organisation, and a country
    whose households have no case yet only offers a filter that finds nothing.
    """
    if actor.organisation_id is None:
        return []
    organisation = Household._meta.get_field("organisation").get_db_prep_value(
        actor.organisation_id, connection
    )
    with connection.cursor() as cursor:
        cursor.execute(_COUNTRIES_OF_ORGANISATION, {"organisation": organisation})
        return [code for (code,) in cursor.fetchall()]


def case_get(*, actor: Actor, case_id: object) -> Case:
    case = get_scoped(Case.objects.select_related("household", "assigned_caseworker"), actor, case_id)
    if not can_view_case(actor, case):
        raise NotFound()
    return case


def case_notes(*, actor: Actor, case: Case) -> QuerySet[CaseNote]:
    return case_notes_of(actor=actor, cases=[case])


def case_notes_of(*, actor: Actor, cases: list[Case]) -> QuerySet[CaseNote]:
    """The notes of several cases in one query (an export of a household's cases)."""
    return CaseNote.objects.for_actor(actor).filter(case__in=cases).select_related("author", "case")


PASSPORTS = (DocumentType.INTERNATIONAL_PASSPORT, DocumentType.FOREIGNERS_PASSPORT)


def case_screening_facts(*, actor: Actor, case: Case, today: date) -> dict[str, Any]:
    """What the record knows for screening (herzen.domain.rules) the case's principal. Facts it cannot know —
    a job offer, a vouching organisation, ties to the destination — are left out, so screening says "needs
    review" until the application supplies them; they are never guessed. Risk factors are the whole
    household's: a danger to one member is the household's reason to move.

    The two declarations come from the principal's recorded declarations: standing is true, withdrawn (and
    none standing) is false, never recorded is unknown. The danger is documented when evidence not rejected as
    falsified is linked to a current risk factor of the household; without such evidence it stays unknown
    (evidence may exist that nobody has linked yet). Pass the result (plus what the application knows) to
    `herzen.domain.rules.evaluate`."""
    household = case.household
    members = list(
        HouseholdMember.objects.for_actor(actor).filter(household=household).select_related("person")
    )
    principal = next((m.person for m in members if m.role == HouseholdRole.PRINCIPAL), None)
    factors = list(
        RiskFactor.objects.for_actor(actor).filter(
            person__household_membership__household=household, is_current=True
        )
    )
    country = household.current_country.code or ""
    documented = RiskFactor.objects.for_actor(actor).filter(
        pk__in=[f.pk for f in factors],
        evidence_items__verification_status__in=[
            state.value for state in Verification if state is not Verification.REJECTED
        ],
    )
    facts: dict[str, Any] = {
        "risk_factor_kinds": frozenset(f.kind for f in factors),
        "criminal_stages": frozenset(f.criminal_stage for f in factors if f.criminal_stage),
        "criminal_articles": frozenset(f.criminal_article for f in factors if f.criminal_article),
        "wanted_scopes": frozenset(f.wanted_scope for f in factors if f.wanted_scope),
        "vulnerabilities": frozenset(f.vulnerability for f in factors if f.vulnerability),
        "household_size": len(members),
        "stay_deadline": household.earliest_stay_deadline,
    }
    if country:
        facts["current_country"] = country
        facts["is_outside_russia"] = country != "RU"
    if factors and documented.exists():
        facts["risk_is_documented"] = True
    if principal is not None:
        for declaration in (
            Declaration.objects.for_actor(actor).filter(person=principal).order_by("withdrawn_at")
        ):
            fact = SCREENING_FACTS[declaration.kind]
            facts[fact] = facts.get(fact, False) or declaration.withdrawn_at is None
        facts["date_of_birth"] = principal.date_of_birth
        facts["citizenships"] = frozenset(c.code for c in principal.citizenships)
        facts["has_valid_passport"] = (
            IdentityDocument.objects.for_actor(actor)
            .filter(person=principal, document_type__in=PASSPORTS, status=DocumentStatus.VALID)
            .exclude(expiry_date__lt=today)
            .exists()
        )
    return facts


def case_possible_duplicates(*, actor: Actor, case: Case) -> list[PossibleDuplicate]:
    """The records flagged as possibly the same people as the case's household, not yet dismissed."""
    flagged = list(
        PossibleDuplicate.objects.for_actor(actor)
        .filter(case=case, dismissed_at__isnull=True)
        .select_related("person", "existing")
    )
    unlock_persons([f.person for f in flagged] + [f.existing for f in flagged])
    return flagged
