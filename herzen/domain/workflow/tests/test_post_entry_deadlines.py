"""Post-entry deadlines in the pathway tables, as worked examples from the law."""

from datetime import date

from herzen.domain.provenance import Verified
from herzen.domain.workflow import NGO_CASEWORKER, get_pathway
from herzen.domain.workflow.machine import Allowed, FactValue, Refused, authority, check_move

TODAY = date(2026, 6, 30)
DECISION: dict[str, FactValue] = {
    "decided_on": TODAY,
    "deciding_body": "BAMF Außenstelle",
    "reasons_given": True,
    "reasons": "x",
}


def allowed(
    pathway: str,
    state: str,
    move: str,
    actors: set[str],
    facts: dict[str, FactValue],
    open_deadlines: dict[str, date] | None = None,
) -> Allowed:
    result = check_move(
        get_pathway(pathway), state, move, actors, facts, today=TODAY, open_deadlines=open_deadlines
    )
    assert isinstance(result, Allowed), result
    return result


def test_germany_residence_permit_is_due_before_the_national_visa_expires() -> None:
    # given a national visa valid until 30 September 2026, still open when the entry is recorded
    # when
    result = allowed(
        "de_22_2",
        "visa_issued",
        "record_entry",
        {NGO_CASEWORKER},
        {"entered_on": date(2026, 6, 29)},
        open_deadlines={"visa_valid_until": date(2026, 9, 30)},
    )

    # then the entered state carries the § 81(4) deadline: apply for the permit by the visa's last day
    assert [(d.kind, d.due_on) for d in result.deadlines] == [
        ("residence_permit_application_due", date(2026, 9, 30))
    ]
    rule = result.transition.deadlines[0]
    assert rule.source_note is not None
    assert "§ 81(4)" in rule.source_note.summary
    assert rule.source_note.verified is Verified.CONFIRMED


def test_germany_applying_for_the_permit_leaves_the_entered_state() -> None:
    # when
    result = allowed(
        "de_22_2", "entered", "apply_for_residence_permit", {NGO_CASEWORKER}, {"submitted_on": TODAY}
    )

    # then
    assert result.target == "residence_permit_applied"


def test_every_national_visa_pathway_sets_the_permit_deadline_on_entry() -> None:
    for code in ("cz_civil_society", "lv_humanitarian_visa", "lt_humanitarian_visa", "pl_humanitarian_visa"):
        result = allowed(
            code,
            "visa_issued",
            "record_entry",
            {NGO_CASEWORKER},
            {"entered_on": TODAY},
            open_deadlines={"visa_valid_until": date(2026, 12, 31)},
        )
        assert [(d.kind, d.due_on) for d in result.deadlines] == [
            ("residence_permit_application_due", date(2026, 12, 31))
        ], code


def test_france_ofpra_file_is_due_21_days_after_the_asylum_certificate() -> None:
    # given the prefecture registered the claim and issued the certificate on 1 June 2026
    # when
    result = allowed(
        "fr_asylum_visa", "entered", "record_asylum_claim", {NGO_CASEWORKER}, {"claimed_on": date(2026, 6, 1)}
    )

    # then 21 days after the certificate (the day itself not counted): 22 June 2026
    assert [(d.kind, d.due_on) for d in result.deadlines] == [("ofpra_file_due", date(2026, 6, 22))]


def test_france_claim_after_90_days_from_arrival_risks_the_accelerated_procedure() -> None:
    # when
    result = allowed(
        "fr_asylum_visa", "visa_issued", "record_entry", {NGO_CASEWORKER}, {"entered_on": date(2026, 4, 1)}
    )

    # then 90 days after 1 April: 30 June 2026
    assert [(d.kind, d.due_on) for d in result.deadlines] == [("asylum_claim_window", date(2026, 6, 30))]


def test_germany_appeal_two_weeks_or_one_week_when_manifestly_unfounded() -> None:
    asylum = {authority("asylum_authority")}
    # when
    refused = allowed("refugee_status", "interview_scheduled", "refuse", asylum, DECISION)
    unfounded = allowed(
        "refugee_status", "interview_scheduled", "refuse_as_manifestly_unfounded", asylum, DECISION
    )

    # then the appeal is due 14 or 7 days after the decision, and the claim is not closed yet
    assert refused.target == unfounded.target == "asylum_refused"
    assert [(d.kind, d.due_on) for d in refused.deadlines] == [("appeal_due", date(2026, 7, 14))]
    assert [(d.kind, d.due_on) for d in unfounded.deadlines] == [("appeal_due", date(2026, 7, 7))]


def test_an_appeal_is_lodged_and_the_judgment_recorded_by_the_ngo_but_granted_by_the_authority() -> None:
    # when
    lodged = allowed(
        "refugee_status", "asylum_refused", "lodge_appeal", {NGO_CASEWORKER}, {"submitted_on": TODAY}
    )
    judged = allowed(
        "refugee_status", "appeal_lodged", "record_appeal_allowed", {NGO_CASEWORKER}, {"judgment_on": TODAY}
    )
    by_ngo = check_move(
        get_pathway("refugee_status"),
        "appeal_allowed",
        "grant_refugee_status",
        {NGO_CASEWORKER},
        DECISION,
        today=TODAY,
    )

    # then
    assert lodged.target == "appeal_lodged"
    assert judged.target == "appeal_allowed"
    assert isinstance(by_ngo, Refused)


def test_czech_long_term_visa_is_decided_by_the_interior_ministry_not_the_consulate() -> None:
    # given
    pathway = get_pathway("cz_civil_society")
    facts: dict[str, FactValue] = {**DECISION, "valid_until": date(2026, 12, 31)}

    # when
    by_consulate = check_move(
        pathway, "visa_appointment", "issue_visa", {authority("embassy_consulate")}, facts, today=TODAY
    )
    by_ministry = check_move(
        pathway, "visa_appointment", "issue_visa", {authority("interior_ministry")}, facts, today=TODAY
    )

    # then
    assert isinstance(by_consulate, Refused)
    assert isinstance(by_ministry, Allowed)
    assert "embassy_consulate" not in pathway.deciding_authorities


def test_lithuania_migration_department_decides_and_the_annulment_rule_is_noted() -> None:
    # given
    pathway = get_pathway("lt_humanitarian_visa")

    # then
    issue_visa = pathway.transition("visa_appointment", "issue_visa")
    assert issue_visa is not None
    assert issue_visa.actors == {authority("immigration_office")}
    assert "Migration Department" in pathway.legal_basis
    assert "annulled" in pathway.notes
