"""What the demo generator produces, as plain data: no database, no Django models.

A plan describes one household completely (who, which papers, which spellings, where they have been, the
case an organisation keeps on them). The planners in `herzen.demo.planning` make plans from a seeded
random generator; a writer turns them into records. Today the writer goes through the real services
(`herzen.demo.writer`); a bulk loader for a million persons can consume the very same plans.

Documents are referred to by a key local to their person ("internal", "intl", "intl_old", …), because a
plan exists before any database id does.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DocumentPlan:
    key: str
    document_type: str  # herzen.people.choices.DocumentType value
    number: str
    issuing_country: str
    issuer: str
    issue_date: date | None
    expiry_date: date | None
    status: str  # herzen.people.choices.DocumentStatus value
    retains_legacy_spelling: bool = False


@dataclass(frozen=True)
class NameVariantPlan:
    surname: str
    given_name: str
    patronymic: str
    scheme: str  # herzen.people.choices.NameScheme value
    source_document: str | None  # a DocumentPlan.key of the same person
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class ContactPlan:
    kind: str  # herzen.people.choices.ContactKind value
    value: str
    is_preferred: bool = False


@dataclass(frozen=True)
class StayPlan:
    country: str
    city: str
    entry_date: date
    exit_date: date | None
    legal_basis: str  # herzen.people.choices.LegalBasis value
    authorised_until: date | None = None
    document: str | None = None  # a DocumentPlan.key of the same person
    registered_on: date | None = None  # registration in the transit country, where it has a duty


@dataclass(frozen=True)
class RefusalPlan:
    country: str
    refused_on: date
    border_point: str
    reason_given: str


@dataclass(frozen=True)
class RiskFactorPlan:
    kind: str  # herzen.people.choices.RiskFactorKind value
    criminal_article: str = ""
    criminal_stage: str = ""
    wanted_scope: str = ""
    vulnerability: str = ""
    country: str = ""
    occurred_on: date | None = None
    narrative: str = ""


@dataclass(frozen=True)
class PersonPlan:
    role: str  # herzen.people.choices.HouseholdRole value
    surname: str
    given_name: str
    patronymic: str
    sex: str
    date_of_birth: date
    citizenships: tuple[str, ...]
    languages: tuple[str, ...]
    profession: str
    documents: tuple[DocumentPlan, ...] = ()
    name_variants: tuple[NameVariantPlan, ...] = ()
    contacts: tuple[ContactPlan, ...] = ()
    stays: tuple[StayPlan, ...] = ()
    refusals: tuple[RefusalPlan, ...] = ()
    risk_factors: tuple[RiskFactorPlan, ...] = ()

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass(frozen=True)
class CasePlan:
    status: str  # herzen.cases.models.CaseStatus value
    # Which of the organisation's caseworkers holds the file: an index taken modulo their number, or None.
    assignee: int | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Itinerary:
    """Where a household has been since leaving Russia, shared by its members."""

    stays: tuple[StayPlan, ...]
    refusals: tuple[RefusalPlan, ...] = ()
    # What the planner aimed for: "overdue", "urgent" (within 14 days), "soon", "later" or "none".
    urgency: str = "none"
    # The last legal day the planner expects for the current stay (None: none applies).
    expected_deadline: date | None = None


@dataclass(frozen=True)
class HouseholdPlan:
    organisation_index: int
    members: tuple[PersonPlan, ...]  # the principal first
    itinerary: Itinerary
    case: CasePlan

    @property
    def principal(self) -> PersonPlan:
        return self.members[0]


@dataclass
class Summary:
    """What a generation run wrote, for the command's output and for tests."""

    households: int = 0
    persons: int = 0
    documents: int = 0
    name_variants: int = 0
    contact_points: int = 0
    stays: int = 0
    entry_refusals: int = 0
    risk_factors: int = 0
    cases: int = 0
    notes: int = 0
    seconds: float = 0.0
    documents_by_status: dict[str, int] = field(default_factory=dict)
    stays_by_country: dict[str, int] = field(default_factory=dict)
    households_by_urgency: dict[str, int] = field(default_factory=dict)
    cases_by_status: dict[str, int] = field(default_factory=dict)
    cases_by_priority: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        def spread(counts: dict[str, int]) -> str:
            return ", ".join(f"{key} {value}" for key, value in sorted(counts.items(), key=lambda kv: -kv[1]))

        return [
            f"{self.households} households, {self.persons} persons, {self.cases} cases with {self.notes} notes",
            f"{self.documents} identity documents ({spread(self.documents_by_status)})",
            f"{self.name_variants} stored spellings, {self.contact_points} contact points",
            f"{self.stays} stays ({spread(self.stays_by_country)}), {self.entry_refusals} entry refusals",
            f"households by legal-stay urgency: {spread(self.households_by_urgency)}",
            f"cases: {spread(self.cases_by_status)}",
            f"{self.risk_factors} risk factors; cases by priority: {spread(self.cases_by_priority)}",
        ]
