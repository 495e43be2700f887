"""The pathways Herzen ships, as tables. Facts from ../shared/DOMAIN.md and research/domain.md (as of 2025).

Each table is validated when this module is imported: a broken definition stops the application at start,
not on the day someone tries the missing move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from herzen.domain.workflow.machine import (
    APPOINTMENT_ON,
    ASYLUM_AUTHORITY,
    CLAIMED_ON,
    EMBASSY_CONSULATE,
    ENTERED_ON,
    FOREIGN_MINISTRY,
    IMMIGRATION_OFFICE,
    INTERIOR_MINISTRY,
    LABOUR_AUTHORITY,
    MUST_REAPPLY,
    NGO,
    NOTE,
    OPTIONAL_NOTE,
    POLICY,
    REQUIRE_REAPPLICATION,
    SUBMITTED_ON,
    SUSPEND_BY_POLICY,
    SUSPENDED_BY_POLICY,
    VALID_UNTIL,
    DeadlineRule,
    Fact,
    OutcomeKind,
    Pathway,
    State,
    Transition,
    authority,
    validate_pathway,
)

# Deadline kinds (dated, stored on the application while its state lasts).
VISA_APPOINTMENT = "visa_appointment"
VISA_VALID_UNTIL = "visa_valid_until"
PERMIT_VALID_UNTIL = "permit_valid_until"
ASYLUM_INTERVIEW = "asylum_interview"
TRAVEL_DOCUMENT_VALID_UNTIL = "travel_document_valid_until"
DEADLINE_KINDS = (
    VISA_APPOINTMENT,
    VISA_VALID_UNTIL,
    PERMIT_VALID_UNTIL,
    ASYLUM_INTERVIEW,
    TRAVEL_DOCUMENT_VALID_UNTIL,
)

# Evidence kinds a checklist can name (the evidence records that satisfy them come later).
IDENTITY = "identity_document"
PUBLIC_ACTIVITY = "public_activity"
PERSECUTION = "persecution"
LINK_TO_DESTINATION = "link_to_destination"
FAMILY = "family_composition"
PUBLIC_POSITION = "public_political_position"
SECURITY_DECLARATION = "security_declaration"
EMPLOYMENT_OFFER = "employment_offer"
QUALIFICATION = "qualification"
ENTRY_PROOF = "entry_proof"
PROGRAMME_DECLARATIONS = "programme_declarations"
EVIDENCE_KINDS = (
    IDENTITY,
    PUBLIC_ACTIVITY,
    PERSECUTION,
    LINK_TO_DESTINATION,
    FAMILY,
    PUBLIC_POSITION,
    SECURITY_DECLARATION,
    EMPLOYMENT_OFFER,
    QUALIFICATION,
    ENTRY_PROOF,
    PROGRAMME_DECLARATIONS,
)

DOSSIER = State("dossier", "Dossier in preparation", pending=True)
VOUCHED = State("vouched", "Vouched for by the organisation", pending=True)
REFUSED = State("refused", "Refused", terminal=True)
WITHDRAWN = State("withdrawn", "Withdrawn", terminal=True)
SUSPENDED = State(SUSPENDED_BY_POLICY, "Suspended by policy")
REAPPLY = State(MUST_REAPPLY, "Must re-apply", terminal=True)
CLOSING_STATES = (REFUSED, WITHDRAWN, SUSPENDED, REAPPLY)


def _by(*kinds: str) -> frozenset[str]:
    return frozenset(authority(kind) for kind in kinds)


def move(
    source: str,
    name: str,
    target: str,
    actors: Iterable[str],
    *facts: Fact,
    decision: bool = False,
    deadline: DeadlineRule | None = None,
    refers_to: str | None = None,
) -> Transition:
    return Transition(
        source=source,
        name=name,
        target=target,
        actors=frozenset(actors),
        facts=facts,
        decision=decision,
        deadlines=(deadline,) if deadline else (),
        refers_to=refers_to,
    )


def vouching() -> tuple[Transition, ...]:
    """The NGO vouches for the complete dossier in its own name before it goes to a state, and can take the
    vouch back (with a note why) — e.g. when it finds falsified information."""
    return (
        move("dossier", "vouch", "vouched", NGO),
        move("vouched", "withdraw_vouch", "dossier", NGO, NOTE),
    )


def refusal(source: str, by: str) -> Transition:
    return move(source, "refuse", "refused", _by(by), decision=True)


def closing_moves(states: Iterable[State]) -> tuple[Transition, ...]:
    """What every pathway shares: the NGO withdraws what is in process; a regime change suspends what is
    pending, and a later regime can require the suspended to re-apply."""
    rows: list[Transition] = []
    for state in states:
        if state.pending:
            rows.append(move(state.code, SUSPEND_BY_POLICY, SUSPENDED_BY_POLICY, {POLICY}))
        if state.pending or state.waiting_on_authority:
            rows.append(move(state.code, "withdraw", "withdrawn", NGO, OPTIONAL_NOTE))
    rows.append(move(SUSPENDED_BY_POLICY, REQUIRE_REAPPLICATION, MUST_REAPPLY, {POLICY}))
    rows.append(move(SUSPENDED_BY_POLICY, "withdraw", "withdrawn", NGO, OPTIONAL_NOTE))
    return tuple(rows)


def pathway(*, states: tuple[State, ...], transitions: tuple[Transition, ...], **fields: object) -> Pathway:
    all_states = (*states, *CLOSING_STATES)
    return validate_pathway(
        Pathway(
            states=all_states,
            transitions=(*transitions, *closing_moves(all_states)),
            initial_state="dossier",
            **fields,  # type: ignore[arg-type]
        )
    )


# Germany, § 22 sentence 2 AufenthG: the Foreign Office approves, the Interior Ministry declares admission,
# the mission abroad issues a national visa (often 3 months), and after entry the local immigration office
# issues the residence permit (up to 3 years, with an assigned federal state and a residence obligation).
DE_22_2 = pathway(
    code="de_22_2",
    name="Germany: humanitarian admission (§ 22 sentence 2 AufenthG)",
    destination_country="DE",
    legal_basis=(
        "§ 22 sentence 2 Residence Act (AufenthG): residence permit after the Federal Interior Ministry "
        "declares admission to safeguard the political interests of Germany; two stages — admission "
        "declaration, then a national visa from the mission abroad; permit up to 3 years (§ 26(1)), "
        "residence obligation (§ 12a)."
    ),
    outcome=OutcomeKind.ADMISSION_VISA_RESIDENCE,
    deciding_authorities=frozenset(
        {FOREIGN_MINISTRY, INTERIOR_MINISTRY, EMBASSY_CONSULATE, IMMIGRATION_OFFICE}
    ),
    evidence_checklist=(IDENTITY, PUBLIC_ACTIVITY, PERSECUTION, LINK_TO_DESTINATION, FAMILY),
    states=(
        DOSSIER,
        VOUCHED,
        State(
            "submitted_foreign_ministry",
            "Submitted to the foreign ministry",
            pending=True,
            waiting_on_authority=True,
        ),
        State(
            "approved_foreign_ministry",
            "Approved by the foreign ministry",
            pending=True,
            waiting_on_authority=True,
        ),
        State("admission_declared", "Admission declared", pending=True),
        State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
        State("visa_issued", "Visa issued"),
        State("entered", "Entered", waiting_on_authority=True),
        State("residence_permit_issued", "Residence permit issued", terminal=True),
    ),
    transitions=(
        *vouching(),
        move(
            "vouched",
            "submit",
            "submitted_foreign_ministry",
            NGO,
            SUBMITTED_ON,
            refers_to=FOREIGN_MINISTRY,
        ),
        move("submitted_foreign_ministry", "request_information", "dossier", _by(FOREIGN_MINISTRY), NOTE),
        move(
            "submitted_foreign_ministry",
            "approve",
            "approved_foreign_ministry",
            _by(FOREIGN_MINISTRY),
            decision=True,
            refers_to=INTERIOR_MINISTRY,
        ),
        refusal("submitted_foreign_ministry", FOREIGN_MINISTRY),
        move(
            "approved_foreign_ministry",
            "declare_admission",
            "admission_declared",
            _by(INTERIOR_MINISTRY),
            decision=True,
        ),
        # The Interior Ministry can stop an approved case before the visa (it did so in July 2025).
        refusal("approved_foreign_ministry", INTERIOR_MINISTRY),
        move(
            "admission_declared",
            "book_appointment",
            "visa_appointment",
            NGO,
            APPOINTMENT_ON,
            deadline=DeadlineRule(VISA_APPOINTMENT, "appointment_on"),
            refers_to=EMBASSY_CONSULATE,
        ),
        move(
            "visa_appointment",
            "issue_visa",
            "visa_issued",
            _by(EMBASSY_CONSULATE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
        ),
        refusal("visa_appointment", EMBASSY_CONSULATE),
        move("visa_issued", "record_entry", "entered", NGO, ENTERED_ON, refers_to=IMMIGRATION_OFFICE),
        move(
            "entered",
            "issue_residence_permit",
            "residence_permit_issued",
            _by(IMMIGRATION_OFFICE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(PERMIT_VALID_UNTIL, "valid_until"),
        ),
    ),
    notes=(
        "Fast track for Russia/Belarus suspended July 2025; standard individual procedure from August 2025; "
        "earlier applicants must re-apply."
    ),
)


# Czech Republic, "Civil Society" programme: the Foreign Ministry selects with NGOs (a public political
# position and the danger it causes must be shown), the Interior Ministry runs a security check, the mission
# issues a long-term visa. Quota 500 people a year.
CZ_CIVIL_SOCIETY = pathway(
    code="cz_civil_society",
    name="Czech Republic: Civil Society programme",
    destination_country="CZ",
    legal_basis=(
        "Government programme 'Občanská společnost' (approved 2022) for endangered Russian and Belarusian "
        "civil-society representatives, journalists and academics, run by the Foreign Ministry with NGOs; "
        "long-term visa or residence permit."
    ),
    outcome=OutcomeKind.NATIONAL_VISA,
    deciding_authorities=frozenset({FOREIGN_MINISTRY, INTERIOR_MINISTRY, EMBASSY_CONSULATE}),
    evidence_checklist=(IDENTITY, PUBLIC_POSITION, PERSECUTION, FAMILY),
    annual_quota=500,
    states=(
        DOSSIER,
        VOUCHED,
        State(
            "submitted_foreign_ministry",
            "Submitted to the foreign ministry",
            pending=True,
            waiting_on_authority=True,
        ),
        State("security_check", "Security check", pending=True, waiting_on_authority=True),
        State("approved", "Approved", pending=True),
        State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
        State("visa_issued", "Visa issued"),
        State("entered", "Entered", terminal=True),
    ),
    transitions=(
        *vouching(),
        move(
            "vouched",
            "submit",
            "submitted_foreign_ministry",
            NGO,
            SUBMITTED_ON,
            refers_to=FOREIGN_MINISTRY,
        ),
        move(
            "submitted_foreign_ministry",
            "select_for_programme",
            "security_check",
            _by(FOREIGN_MINISTRY),
            decision=True,
            refers_to=INTERIOR_MINISTRY,
        ),
        refusal("submitted_foreign_ministry", FOREIGN_MINISTRY),
        move("security_check", "clear_security_check", "approved", _by(INTERIOR_MINISTRY), decision=True),
        refusal("security_check", INTERIOR_MINISTRY),
        move(
            "approved",
            "book_appointment",
            "visa_appointment",
            NGO,
            APPOINTMENT_ON,
            deadline=DeadlineRule(VISA_APPOINTMENT, "appointment_on"),
            refers_to=EMBASSY_CONSULATE,
        ),
        move(
            "visa_appointment",
            "issue_visa",
            "visa_issued",
            _by(EMBASSY_CONSULATE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
        ),
        refusal("visa_appointment", EMBASSY_CONSULATE),
        move("visa_issued", "record_entry", "entered", NGO, ENTERED_ON),
    ),
)


def _ministry_mediated_visa(code: str, name: str, country: str, legal_basis: str, notes: str) -> Pathway:
    """A humanitarian national visa decided by the foreign ministry, issued by the mission (LV, LT)."""
    return pathway(
        code=code,
        name=name,
        destination_country=country,
        legal_basis=legal_basis,
        outcome=OutcomeKind.NATIONAL_VISA,
        deciding_authorities=frozenset({FOREIGN_MINISTRY, EMBASSY_CONSULATE}),
        evidence_checklist=(IDENTITY, PUBLIC_ACTIVITY, PERSECUTION, FAMILY),
        notes=notes,
        states=(
            DOSSIER,
            VOUCHED,
            State(
                "submitted_foreign_ministry",
                "Submitted to the foreign ministry",
                pending=True,
                waiting_on_authority=True,
            ),
            State("approved_foreign_ministry", "Approved by the foreign ministry", pending=True),
            State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
            State("visa_issued", "Visa issued"),
            State("entered", "Entered", terminal=True),
        ),
        transitions=(
            *vouching(),
            move(
                "vouched",
                "submit",
                "submitted_foreign_ministry",
                NGO,
                SUBMITTED_ON,
                refers_to=FOREIGN_MINISTRY,
            ),
            move(
                "submitted_foreign_ministry",
                "approve",
                "approved_foreign_ministry",
                _by(FOREIGN_MINISTRY),
                decision=True,
            ),
            refusal("submitted_foreign_ministry", FOREIGN_MINISTRY),
            move(
                "approved_foreign_ministry",
                "book_appointment",
                "visa_appointment",
                NGO,
                APPOINTMENT_ON,
                deadline=DeadlineRule(VISA_APPOINTMENT, "appointment_on"),
                refers_to=EMBASSY_CONSULATE,
            ),
            move(
                "visa_appointment",
                "issue_visa",
                "visa_issued",
                _by(EMBASSY_CONSULATE),
                VALID_UNTIL,
                decision=True,
                deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
            ),
            refusal("visa_appointment", EMBASSY_CONSULATE),
            move("visa_issued", "record_entry", "entered", NGO, ENTERED_ON),
        ),
    )


LV_HUMANITARIAN = _ministry_mediated_visa(
    "lv_humanitarian_visa",
    "Latvia: humanitarian national visa",
    "LV",
    "Latvian national (D) visa on humanitarian grounds, decided by the Foreign Ministry; any negative "
    "finding of the security services refuses the application.",
    "From September 2022 Latvia refused humanitarian visas to people evading mobilisation.",
)
LT_HUMANITARIAN = _ministry_mediated_visa(
    "lt_humanitarian_visa",
    "Lithuania: humanitarian national visa",
    "LT",
    "Lithuanian national visa on humanitarian grounds; an application is accepted only when the Foreign "
    "Ministry mediates it; individual assessment with a national-security check.",
    "Mobilisation evaders are not admitted.",
)

# Poland: the consulate takes the application for a humanitarian national visa and decides it.
PL_HUMANITARIAN = pathway(
    code="pl_humanitarian_visa",
    name="Poland: humanitarian national visa",
    destination_country="PL",
    legal_basis=(
        "Polish national (D) visa for humanitarian reasons, applied for and decided at a Polish consulate; "
        "used for persecuted persons and opposition members (452 such visas in early 2024)."
    ),
    outcome=OutcomeKind.NATIONAL_VISA,
    deciding_authorities=frozenset({EMBASSY_CONSULATE}),
    evidence_checklist=(IDENTITY, PUBLIC_ACTIVITY, PERSECUTION, FAMILY),
    states=(
        DOSSIER,
        VOUCHED,
        State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
        State("visa_issued", "Visa issued"),
        State("entered", "Entered", terminal=True),
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
            "issue_visa",
            "visa_issued",
            _by(EMBASSY_CONSULATE),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
        ),
        refusal("visa_appointment", EMBASSY_CONSULATE),
        move("visa_issued", "record_entry", "entered", NGO, ENTERED_ON),
    ),
)

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
        State("asylum_claimed", "Asylum claimed", terminal=True),
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
        move("visa_issued", "record_entry", "entered", NGO, ENTERED_ON),
        move("entered", "record_asylum_claim", "asylum_claimed", NGO, CLAIMED_ON),
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
# refugee then gets a refugee travel document from the immigration office.
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
        refusal("interview_scheduled", ASYLUM_AUTHORITY),
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
