"""The pathways Herzen ships, as tables. Facts from ../shared/DOMAIN.md and research/domain.md (as of 2025).

Each table is validated when this module is imported: a broken definition stops the application at start,
not on the day someone tries the missing move.
"""

from __future__ import annotations

from collections.abc import Mapping

from herzen.domain.workflow.admission import (
    CZ_CIVIL_SOCIETY,
    DE_22_2,
    LT_HUMANITARIAN,
    LV_HUMANITARIAN,
    PL_HUMANITARIAN,
)
from herzen.domain.workflow.building import (
    APPEAL_DUE,
    ASYLUM_CLAIM_WINDOW,
    ASYLUM_INTERVIEW,
    DEADLINE_KINDS,
    DOSSIER,
    EMPLOYMENT_OFFER,
    ENTRY_PROOF,
    EVIDENCE_KINDS,
    FAMILY,
    IDENTITY,
    OFPRA_FILE_DUE,
    PERMIT_VALID_UNTIL,
    PERSECUTION,
    PUBLIC_ACTIVITY,
    QUALIFICATION,
    TRAVEL_DOCUMENT_VALID_UNTIL,
    VISA_APPOINTMENT,
    VISA_VALID_UNTIL,
    VOUCHED,
    _by,
    move,
    pathway,
    refusal,
    vouching,
)
from herzen.domain.workflow.deadline_sources import (
    APPEAL_ONE_WEEK,
    APPEAL_TWO_WEEKS,
    ASYLUM_CLAIM_WITHIN_90_DAYS_FR,
    OFPRA_FILE_21_DAYS_FR,
)
from herzen.domain.workflow.machine import (
    APPOINTMENT_ON,
    ASYLUM_AUTHORITY,
    CLAIMED_ON,
    EMBASSY_CONSULATE,
    ENTERED_ON,
    IMMIGRATION_OFFICE,
    INTERIOR_MINISTRY,
    LABOUR_AUTHORITY,
    NGO,
    OPTIONAL_NOTE,
    SUBMITTED_ON,
    VALID_UNTIL,
    DeadlineRule,
    Fact,
    FactKind,
    OutcomeKind,
    Pathway,
    State,
)

__all__ = ["DEADLINE_KINDS", "EVIDENCE_KINDS", "PATHWAYS", "SHIPPED", "VISA_VALID_UNTIL", "get_pathway"]

# France: the consulate takes the application, only the minister in charge of asylum decides, the visa only
# lets the person enter; the asylum claim is then made at the prefecture and decided by OFPRA (a separate
# pathway: refugee status).
FR_ASYLUM_VISA = pathway(
    code="fr_asylum_visa",
    name="France: asylum visa",
    destination_country="FR",
    legal_basis=(
        "Visa au titre de l'asile: a visa to enter France and then claim asylum (prefecture, then OFPRA); "
        "decided only by the minister in charge of asylum; an asylum path, not a residence permit."
    ),
    outcome=OutcomeKind.ASYLUM_VISA,
    deciding_authorities=frozenset({INTERIOR_MINISTRY, EMBASSY_CONSULATE}),
    evidence_checklist=(IDENTITY, PUBLIC_ACTIVITY, PERSECUTION, FAMILY),
    states=(
        DOSSIER,
        VOUCHED,
        State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
        State(
            "ministry_review",
            "Under review by the ministry in charge of asylum",
            pending=True,
            waiting_on_authority=True,
        ),
        State("approved_ministry", "Approved by the ministry", pending=True, waiting_on_authority=True),
        State("visa_issued", "Visa issued"),
        State("entered", "Entered"),
        State("asylum_claimed", "Asylum claimed"),
        State("ofpra_file_lodged", "Application file lodged with OFPRA", terminal=True),
    ),
    transitions=(
        *vouching(),
        move(
            "vouched",
            "book_appointment",
            "visa_appointment",
            NGO,
            APPOINTMENT_ON,
            deadline=DeadlineRule(VISA_APPOINTMENT, "appointment_on"),
            refers_to=EMBASSY_CONSULATE,
        ),
        move(
            "visa_appointment",
            "forward_to_ministry",
            "ministry_review",
            _by(EMBASSY_CONSULATE),
            refers_to=INTERIOR_MINISTRY,
        ),
        move("ministry_review", "approve", "approved_ministry", _by(INTERIOR_MINISTRY), decision=True),
        refusal("ministry_review", INTERIOR_MINISTRY),
        move(
            "approved_ministry",
            "issue_visa",
            "visa_issued",
            _by(EMBASSY_CONSULATE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
        ),
        # After arrival: claim asylum at the prefecture within 90 days (later risks the accelerated procedure),
        # then lodge the OFPRA file within 21 days of the asylum certificate (claimed_on is its date).
        move(
            "visa_issued",
            "record_entry",
            "entered",
            NGO,
            ENTERED_ON,
            deadline=DeadlineRule(
                ASYLUM_CLAIM_WINDOW, "entered_on", offset_days=90, source_note=ASYLUM_CLAIM_WITHIN_90_DAYS_FR
            ),
        ),
        move(
            "entered",
            "record_asylum_claim",
            "asylum_claimed",
            NGO,
            CLAIMED_ON,
            deadline=DeadlineRule(
                OFPRA_FILE_DUE, "claimed_on", offset_days=21, source_note=OFPRA_FILE_21_DAYS_FR
            ),
        ),
        move("asylum_claimed", "lodge_ofpra_file", "ofpra_file_lodged", NGO, SUBMITTED_ON),
    ),
)

# A national work visa: the consulate takes the application, the labour authority approves the employment,
# the consulate issues the visa, the immigration office issues the permit after entry.
WORK_VISA = pathway(
    code="work_visa",
    name="National work visa",
    destination_country="",
    legal_basis=(
        "The destination country's ordinary national work visa: consulate and labour authority, then a "
        "work or residence permit after entry; for people outside the humanitarian criteria."
    ),
    outcome=OutcomeKind.WORK_VISA,
    deciding_authorities=frozenset({EMBASSY_CONSULATE, LABOUR_AUTHORITY, IMMIGRATION_OFFICE}),
    evidence_checklist=(IDENTITY, EMPLOYMENT_OFFER, QUALIFICATION),
    states=(
        DOSSIER,
        State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
        State(
            "labour_review",
            "Under review by the labour authority",
            pending=True,
            waiting_on_authority=True,
        ),
        State("employment_approved", "Employment approved", pending=True, waiting_on_authority=True),
        State("visa_issued", "Visa issued"),
        State("entered", "Entered", waiting_on_authority=True),
        State("work_permit_issued", "Work permit issued", terminal=True),
    ),
    transitions=(
        move(
            "dossier",
            "book_appointment",
            "visa_appointment",
            NGO,
            APPOINTMENT_ON,
            deadline=DeadlineRule(VISA_APPOINTMENT, "appointment_on"),
            refers_to=EMBASSY_CONSULATE,
        ),
        move(
            "visa_appointment",
            "forward_to_labour_authority",
            "labour_review",
            _by(EMBASSY_CONSULATE),
            refers_to=LABOUR_AUTHORITY,
        ),
        refusal("visa_appointment", EMBASSY_CONSULATE),
        move(
            "labour_review", "approve_employment", "employment_approved", _by(LABOUR_AUTHORITY), decision=True
        ),
        refusal("labour_review", LABOUR_AUTHORITY),
        move(
            "employment_approved",
            "issue_visa",
            "visa_issued",
            _by(EMBASSY_CONSULATE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
        ),
        refusal("employment_approved", EMBASSY_CONSULATE),
        move("visa_issued", "record_entry", "entered", NGO, ENTERED_ON, refers_to=IMMIGRATION_OFFICE),
        move(
            "entered",
            "issue_work_permit",
            "work_permit_issued",
            _by(IMMIGRATION_OFFICE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(PERMIT_VALID_UNTIL, "valid_until"),
        ),
    ),
)

# Refugee status: asylum cannot be claimed from abroad; after entry the asylum authority decides, and a
# refugee then gets a refugee travel document from the immigration office. A refusal opens an appeal window
# (Germany: 2 weeks, 1 week when refused as manifestly unfounded); the court's judgment is recorded by the NGO
# (a court is not an authority that uses Herzen), and a judgment for the person sends the claim back to the
# asylum authority to grant.
JUDGMENT_ON = Fact("judgment_on", FactKind.DATE)
REFUGEE_STATUS = pathway(
    code="refugee_status",
    name="Refugee status and travel document",
    destination_country="",
    legal_basis=(
        "1951 Refugee Convention and the destination's asylum law: the claim is made on the territory; the "
        "asylum authority decides; a recognised refugee receives a Convention travel document."
    ),
    outcome=OutcomeKind.REFUGEE_STATUS,
    deciding_authorities=frozenset({ASYLUM_AUTHORITY, IMMIGRATION_OFFICE}),
    evidence_checklist=(IDENTITY, PERSECUTION, ENTRY_PROOF, FAMILY),
    states=(
        DOSSIER,
        State("claim_registered", "Asylum claim registered", pending=True, waiting_on_authority=True),
        State("interview_scheduled", "Interview scheduled", pending=True, waiting_on_authority=True),
        State("refugee_status_granted", "Refugee status granted"),
        State("subsidiary_protection_granted", "Subsidiary protection granted", terminal=True),
        State("travel_document_applied", "Travel document applied for", waiting_on_authority=True),
        State("travel_document_issued", "Travel document issued", terminal=True),
        State("asylum_refused", "Refused: appeal possible"),
        State("appeal_lodged", "Appeal lodged with the court"),
        State("appeal_allowed", "Appeal allowed by the court", waiting_on_authority=True),
    ),
    transitions=(
        move("dossier", "register_claim", "claim_registered", NGO, CLAIMED_ON, refers_to=ASYLUM_AUTHORITY),
        move(
            "claim_registered",
            "schedule_interview",
            "interview_scheduled",
            _by(ASYLUM_AUTHORITY),
            APPOINTMENT_ON,
            deadline=DeadlineRule(ASYLUM_INTERVIEW, "appointment_on"),
        ),
        move(
            "interview_scheduled",
            "grant_refugee_status",
            "refugee_status_granted",
            _by(ASYLUM_AUTHORITY),
            decision=True,
        ),
        move(
            "interview_scheduled",
            "grant_subsidiary_protection",
            "subsidiary_protection_granted",
            _by(ASYLUM_AUTHORITY),
            decision=True,
        ),
        move(
            "interview_scheduled",
            "refuse",
            "asylum_refused",
            _by(ASYLUM_AUTHORITY),
            decision=True,
            deadline=DeadlineRule(APPEAL_DUE, "decided_on", offset_days=14, source_note=APPEAL_TWO_WEEKS),
        ),
        move(
            "interview_scheduled",
            "refuse_as_manifestly_unfounded",
            "asylum_refused",
            _by(ASYLUM_AUTHORITY),
            decision=True,
            deadline=DeadlineRule(APPEAL_DUE, "decided_on", offset_days=7, source_note=APPEAL_ONE_WEEK),
        ),
        move("asylum_refused", "lodge_appeal", "appeal_lodged", NGO, SUBMITTED_ON),
        move("asylum_refused", "close_without_appeal", "refused", NGO, OPTIONAL_NOTE),
        move("appeal_lodged", "record_appeal_allowed", "appeal_allowed", NGO, JUDGMENT_ON),
        move("appeal_lodged", "record_appeal_dismissed", "refused", NGO, JUDGMENT_ON),
        move(
            "appeal_allowed",
            "grant_refugee_status",
            "refugee_status_granted",
            _by(ASYLUM_AUTHORITY),
            decision=True,
        ),
        move(
            "refugee_status_granted",
            "apply_for_travel_document",
            "travel_document_applied",
            NGO,
            SUBMITTED_ON,
            refers_to=IMMIGRATION_OFFICE,
        ),
        move(
            "travel_document_applied",
            "issue_travel_document",
            "travel_document_issued",
            _by(IMMIGRATION_OFFICE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(TRAVEL_DOCUMENT_VALID_UNTIL, "valid_until"),
        ),
    ),
)

SHIPPED: tuple[Pathway, ...] = (
    DE_22_2,
    CZ_CIVIL_SOCIETY,
    LV_HUMANITARIAN,
    LT_HUMANITARIAN,
    PL_HUMANITARIAN,
    FR_ASYLUM_VISA,
    WORK_VISA,
    REFUGEE_STATUS,
)
PATHWAYS: Mapping[str, Pathway] = {p.code: p for p in SHIPPED}


def get_pathway(code: str) -> Pathway:
    """The shipped pathway with this code; KeyError if there is none."""
    return PATHWAYS[code]
