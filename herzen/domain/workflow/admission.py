"""Admission and humanitarian-visa pathways: Germany § 22, the Czech Civil Society programme, and the Latvian,
Lithuanian and Polish humanitarian national visas. Facts from ../shared/DOMAIN.md (as of 2025)."""

from __future__ import annotations

from herzen.domain.workflow.building import (
    DOSSIER,
    FAMILY,
    IDENTITY,
    LINK_TO_DESTINATION,
    PERMIT_VALID_UNTIL,
    PERSECUTION,
    PUBLIC_ACTIVITY,
    PUBLIC_POSITION,
    RESIDENCE_PERMIT_APPLICATION_DUE,
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
    PERMIT_BEFORE_VISA_EXPIRES_DE,
    PERMIT_BEFORE_VISA_EXPIRES_NATIONAL,
)
from herzen.domain.workflow.machine import (
    APPOINTMENT_ON,
    EMBASSY_CONSULATE,
    ENTERED_ON,
    FOREIGN_MINISTRY,
    IMMIGRATION_OFFICE,
    INTERIOR_MINISTRY,
    NGO,
    NOTE,
    SUBMITTED_ON,
    VALID_UNTIL,
    DeadlineRule,
    OutcomeKind,
    Pathway,
    State,
    Transition,
)

# § 81(4) AufenthG: the permit is applied for before the national visa expires; the deadline takes the date
# of the visa deadline still open when the entry is recorded.
PERMIT_DUE_DE = DeadlineRule(
    RESIDENCE_PERMIT_APPLICATION_DUE, carried_from=VISA_VALID_UNTIL, source_note=PERMIT_BEFORE_VISA_EXPIRES_DE
)
PERMIT_DUE_NATIONAL = DeadlineRule(
    RESIDENCE_PERMIT_APPLICATION_DUE,
    carried_from=VISA_VALID_UNTIL,
    source_note=PERMIT_BEFORE_VISA_EXPIRES_NATIONAL,
)


def after_entry(deadline: DeadlineRule) -> tuple[Transition, ...]:
    """From entry to the residence permit: the NGO records the entry (the permit deadline opens) and the
    application to the immigration office (it closes); the office issues or refuses the permit."""
    return (
        move(
            "visa_issued",
            "record_entry",
            "entered",
            NGO,
            ENTERED_ON,
            deadline=deadline,
            refers_to=IMMIGRATION_OFFICE,
        ),
        move("entered", "apply_for_residence_permit", "residence_permit_applied", NGO, SUBMITTED_ON),
        *(
            move(
                source,
                "issue_residence_permit",
                "residence_permit_issued",
                _by(IMMIGRATION_OFFICE),
                VALID_UNTIL,
                decision=True,
                deadline=DeadlineRule(PERMIT_VALID_UNTIL, "valid_until"),
            )
            # From "entered" too: a permit applied for before Herzen tracked the application.
            for source in ("entered", "residence_permit_applied")
        ),
        refusal("residence_permit_applied", IMMIGRATION_OFFICE),
    )


ENTERED = State("entered", "Entered", waiting_on_authority=True)
PERMIT_APPLIED = State("residence_permit_applied", "Residence permit applied for", waiting_on_authority=True)
PERMIT_ISSUED = State("residence_permit_issued", "Residence permit issued", terminal=True)

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
        ENTERED,
        PERMIT_APPLIED,
        PERMIT_ISSUED,
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
        *after_entry(PERMIT_DUE_DE),
    ),
    notes=(
        "Procedures suspended from mid-May 2025 (announced at the end of July), including visas for "
        "admissions already declared; resumed mid-August 2025 without the fast track, under narrower criteria "
        "('particularly exceptional cases of outstanding political significance'); earlier applicants must "
        "re-apply. The regimes are in herzen.domain.workflow.regimes."
    ),
)


# Czech Republic, "Civil Society" programme: the Foreign Ministry selects with NGOs (a public political
# position and the danger it causes must be shown). Long-term visas are decided exclusively by the Interior
# Ministry (Czech Foreign Ministry consular pages): it runs the security check and decides the visa, which the
# mission then affixes. Quota 500 people a year.
CZ_CIVIL_SOCIETY = pathway(
    code="cz_civil_society",
    name="Czech Republic: Civil Society programme",
    destination_country="CZ",
    legal_basis=(
        "Government programme 'Občanská společnost' (approved 2022) for endangered Russian and Belarusian "
        "civil-society representatives, journalists and academics, run by the Foreign Ministry with NGOs; "
        "long-term visa or residence permit. Long-term visas are decided exclusively by the Interior Ministry; "
        "the mission takes the application and affixes the visa."
    ),
    outcome=OutcomeKind.NATIONAL_VISA,
    deciding_authorities=frozenset({FOREIGN_MINISTRY, INTERIOR_MINISTRY, IMMIGRATION_OFFICE}),
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
        ENTERED,
        PERMIT_APPLIED,
        PERMIT_ISSUED,
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
        # The Interior Ministry decides the long-term visa; the mission only takes the application.
        move(
            "visa_appointment",
            "issue_visa",
            "visa_issued",
            _by(INTERIOR_MINISTRY),
            VALID_UNTIL,
            decision=True,
            deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
        ),
        refusal("visa_appointment", INTERIOR_MINISTRY),
        *after_entry(PERMIT_DUE_NATIONAL),
    ),
)


def _ministry_mediated_visa(
    code: str, name: str, country: str, legal_basis: str, notes: str, visa_decider: str = EMBASSY_CONSULATE
) -> Pathway:
    """A humanitarian national visa approved by the foreign ministry and decided by `visa_decider` (LV: the
    mission; LT: the Migration Department, an immigration office)."""
    return pathway(
        code=code,
        name=name,
        destination_country=country,
        legal_basis=legal_basis,
        outcome=OutcomeKind.NATIONAL_VISA,
        deciding_authorities=frozenset({FOREIGN_MINISTRY, visa_decider, IMMIGRATION_OFFICE}),
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
            ENTERED,
            PERMIT_APPLIED,
            PERMIT_ISSUED,
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
                refers_to=visa_decider,
            ),
            move(
                "visa_appointment",
                "issue_visa",
                "visa_issued",
                _by(visa_decider),
                VALID_UNTIL,
                decision=True,
                deadline=DeadlineRule(VISA_VALID_UNTIL, "valid_until"),
            ),
            refusal("visa_appointment", visa_decider),
            *after_entry(PERMIT_DUE_NATIONAL),
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
    "Ministry mediates it; the Migration Department under the Interior Ministry decides visas and residence "
    "permits, after an individual assessment with a national-security check.",
    "Mobilisation summonses are assessed case by case. Since May 2025 a residence permit can be annulled "
    "after more than one trip to Russia (or Belarus) within 3 months.",
    visa_decider=IMMIGRATION_OFFICE,
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
    deciding_authorities=frozenset({EMBASSY_CONSULATE, IMMIGRATION_OFFICE}),
    evidence_checklist=(IDENTITY, PUBLIC_ACTIVITY, PERSECUTION, FAMILY),
    states=(
        DOSSIER,
        VOUCHED,
        State("visa_appointment", "Visa appointment", pending=True, waiting_on_authority=True),
        State("visa_issued", "Visa issued"),
        ENTERED,
        PERMIT_APPLIED,
        PERMIT_ISSUED,
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
        *after_entry(PERMIT_DUE_NATIONAL),
    ),
)
