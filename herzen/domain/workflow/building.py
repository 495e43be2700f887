"""The building blocks of the shipped pathway tables: the deadline and evidence vocabularies, the states every
pathway shares, and small constructors that keep each table short."""

from __future__ import annotations

from collections.abc import Iterable

from herzen.domain.workflow.machine import (
    MUST_REAPPLY,
    NGO,
    NOTE,
    OPTIONAL_NOTE,
    POLICY,
    REQUIRE_REAPPLICATION,
    SUSPEND_BY_POLICY,
    SUSPENDED_BY_POLICY,
    DeadlineRule,
    Fact,
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
# Post-entry deadlines (sources in deadline_sources.py).
RESIDENCE_PERMIT_APPLICATION_DUE = "residence_permit_application_due"
ASYLUM_CLAIM_WINDOW = "asylum_claim_window"  # FR: after 90 days from arrival the accelerated procedure looms
OFPRA_FILE_DUE = "ofpra_file_due"
APPEAL_DUE = "appeal_due"
DEADLINE_KINDS = (
    VISA_APPOINTMENT,
    VISA_VALID_UNTIL,
    PERMIT_VALID_UNTIL,
    ASYLUM_INTERVIEW,
    TRAVEL_DOCUMENT_VALID_UNTIL,
    RESIDENCE_PERMIT_APPLICATION_DUE,
    ASYLUM_CLAIM_WINDOW,
    OFPRA_FILE_DUE,
    APPEAL_DUE,
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
