"""check_move over every shipped table: every row is allowed to its actors and refused to everyone else, every
absent row is refused naming the state and the move, and decisions are never open to an NGO."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from herzen.domain.workflow import (
    KNOWN_ACTOR_KINDS,
    NGO,
    POLICY,
    SHIPPED,
    Allowed,
    FactKind,
    FactProblem,
    FactValue,
    Pathway,
    RefusalReason,
    Refused,
    Transition,
    authority,
    check_move,
    definition_problems,
    moves_for,
    path_to,
    validate_pathway,
)
from herzen.domain.workflow.admission import DE_22_2
from herzen.domain.workflow.building import VISA_VALID_UNTIL
from herzen.domain.workflow.machine import PathwayDefinitionError

TODAY = date(2025, 8, 1)


def good_facts(transition: Transition) -> dict[str, FactValue]:
    """Plausible values for every fact a transition declares."""
    values: dict[str, FactValue] = {}
    for fact in transition.all_facts:
        if fact.kind is FactKind.DATE:
            values[fact.name] = (
                TODAY + timedelta(days=90) if fact.name in ("valid_until", "appointment_on") else TODAY
            )
        elif fact.kind is FactKind.BOOL:
            values[fact.name] = True
        else:
            values[fact.name] = f"some {fact.name}"
    return values


def refused(result: Allowed | Refused) -> Refused:
    assert isinstance(result, Refused), result
    return result


ROWS = [(p, t) for p in SHIPPED for t in p.transitions]
ROW_IDS = [f"{p.code}:{t.source}->{t.name}" for p, t in ROWS]


@pytest.mark.parametrize(("pathway", "transition"), ROWS, ids=ROW_IDS)
def test_every_row_is_allowed_to_its_actors_and_refused_to_all_others(
    pathway: Pathway, transition: Transition
) -> None:
    for actor in sorted(KNOWN_ACTOR_KINDS):
        result = check_move(
            pathway, transition.source, transition.name, {actor}, good_facts(transition), today=TODAY
        )
        if actor in transition.actors:
            assert isinstance(result, Allowed), (actor, result)
            assert result.target == transition.target
        else:
            assert result == Refused(transition.source, transition.name, RefusalReason.ACTOR_NOT_ALLOWED)


ABSENT = [
    (p, state.code, name)
    for p in SHIPPED
    for state in p.states
    for name in sorted(p.move_names)
    if p.transition(state.code, name) is None
]


@pytest.mark.parametrize(
    ("pathway", "state", "name"), ABSENT, ids=[f"{p.code}:{s}->{n}" for p, s, n in ABSENT]
)
def test_every_move_absent_from_a_state_is_refused_to_everyone_naming_state_and_move(
    pathway: Pathway, state: str, name: str
) -> None:
    result = check_move(pathway, state, name, KNOWN_ACTOR_KINDS, {}, today=TODAY)
    assert result == Refused(state, name, RefusalReason.NOT_FROM_STATE)
    assert repr(state) in str(result)
    assert repr(name) in str(result)


@pytest.mark.parametrize("pathway", SHIPPED, ids=lambda p: p.code)
def test_no_ngo_and_no_policy_change_can_record_a_decision(pathway: Pathway) -> None:
    decisions = [t for t in pathway.transitions if t.decision]
    assert decisions, "every pathway ends in some authority's decision"
    for transition in decisions:
        assert not transition.actors & (NGO | {POLICY})
        for actor in NGO | {POLICY}:
            result = check_move(
                pathway, transition.source, transition.name, {actor}, good_facts(transition), today=TODAY
            )
            assert isinstance(result, Refused)


@pytest.mark.parametrize("pathway", SHIPPED, ids=lambda p: p.code)
def test_every_pending_state_can_be_suspended_by_policy_and_nothing_else_can(pathway: Pathway) -> None:
    suspendable = {t.source for t in pathway.transitions if t.name == "suspend_by_policy"}
    assert suspendable == pathway.pending_states
    assert pathway.initial_state in pathway.pending_states


def test_an_unknown_move_or_state_is_refused() -> None:
    teleport = refused(check_move(DE_22_2, "dossier", "teleport", NGO, {}, today=TODAY))
    assert teleport.reason is RefusalReason.UNKNOWN_MOVE
    assert (
        refused(check_move(DE_22_2, "limbo", "vouch", NGO, {}, today=TODAY)).reason
        is RefusalReason.UNKNOWN_STATE
    )


def test_a_decision_needs_its_date_body_and_whether_reasons_were_given() -> None:
    # given
    approve = DE_22_2.transition("submitted_foreign_ministry", "approve")
    assert approve is not None
    actor = {authority("foreign_ministry")}

    # when
    result = check_move(DE_22_2, approve.source, approve.name, actor, {}, today=TODAY)

    # then
    assert refused(result).reason is RefusalReason.FACTS_INVALID
    assert refused(result).fact_problems == {
        "decided_on": FactProblem.MISSING,
        "deciding_body": FactProblem.MISSING,
        "reasons_given": FactProblem.MISSING,
    }


@pytest.mark.parametrize(
    ("reasons_given", "reasons", "problem"),
    [(True, "", FactProblem.REASONS_MISSING), (False, "Security concerns", FactProblem.REASONS_NOT_GIVEN)],
)
def test_reasons_are_written_exactly_when_they_were_given(
    reasons_given: bool, reasons: str, problem: FactProblem
) -> None:
    facts: dict[str, FactValue] = {
        "decided_on": TODAY,
        "deciding_body": "AA",
        "reasons_given": reasons_given,
        "reasons": reasons,
    }
    result = check_move(
        DE_22_2, "submitted_foreign_ministry", "refuse", {authority("foreign_ministry")}, facts, today=TODAY
    )
    assert refused(result).fact_problems == {"reasons": problem}


def test_a_refusal_without_reasons_is_recorded_as_such() -> None:
    facts: dict[str, FactValue] = {"decided_on": TODAY, "deciding_body": "AA", "reasons_given": False}
    result = check_move(
        DE_22_2, "submitted_foreign_ministry", "refuse", {authority("foreign_ministry")}, facts, today=TODAY
    )
    assert isinstance(result, Allowed)
    assert result.target == "refused"


def test_a_decision_cannot_be_dated_in_the_future_and_a_visa_cannot_expire_before_it_was_issued() -> None:
    facts: dict[str, FactValue] = {
        "decided_on": TODAY + timedelta(days=1),
        "deciding_body": "Embassy Tbilisi",
        "reasons_given": False,
        "valid_until": TODAY + timedelta(days=90),
    }
    result = check_move(
        DE_22_2, "visa_appointment", "issue_visa", {authority("embassy_consulate")}, facts, today=TODAY
    )
    assert refused(result).fact_problems == {"decided_on": FactProblem.IN_FUTURE}
    facts["decided_on"] = TODAY
    facts["valid_until"] = TODAY - timedelta(days=1)
    result = check_move(
        DE_22_2, "visa_appointment", "issue_visa", {authority("embassy_consulate")}, facts, today=TODAY
    )
    assert refused(result).fact_problems == {"valid_until": FactProblem.BEFORE_DECISION}


def test_facts_of_the_wrong_type_or_unknown_facts_are_refused() -> None:
    result = check_move(
        DE_22_2, "vouched", "submit", NGO, {"submitted_on": "yesterday", "colour": "red"}, today=TODAY
    )
    assert refused(result).fact_problems == {
        "submitted_on": FactProblem.WRONG_TYPE,
        "colour": FactProblem.UNKNOWN,
    }


def test_issuing_a_visa_sets_the_valid_until_deadline() -> None:
    facts: dict[str, FactValue] = {
        "decided_on": TODAY,
        "deciding_body": "Embassy",
        "reasons_given": False,
        "valid_until": date(2025, 11, 1),
    }
    result = check_move(
        DE_22_2, "visa_appointment", "issue_visa", {authority("embassy_consulate")}, facts, today=TODAY
    )
    assert isinstance(result, Allowed)
    assert [(d.kind, d.due_on) for d in result.deadlines] == [(VISA_VALID_UNTIL, date(2025, 11, 1))]


def test_moves_for_lists_only_what_this_actor_may_do_from_the_state() -> None:
    assert [t.name for t in moves_for(DE_22_2, "dossier", {"ngo:caseworker"})] == ["vouch", "withdraw"]
    assert [t.name for t in moves_for(DE_22_2, "dossier", {"authority:foreign_ministry"})] == []
    assert {
        t.name for t in moves_for(DE_22_2, "submitted_foreign_ministry", {authority("foreign_ministry")})
    } == {
        "request_information",
        "approve",
        "refuse",
    }


# --- definitions are validated ---------------------------------------------------------------------------


@pytest.mark.parametrize("pathway", SHIPPED, ids=lambda p: p.code)
def test_the_shipped_definitions_are_sound(pathway: Pathway) -> None:
    assert definition_problems(pathway) == []


def test_a_decision_open_to_an_ngo_is_refused_on_load() -> None:
    rows = tuple(
        replace(t, actors=t.actors | {"ngo:supervisor"}) if t.name == "approve" else t
        for t in DE_22_2.transitions
    )
    with pytest.raises(PathwayDefinitionError, match="decision open to"):
        validate_pathway(replace(DE_22_2, transitions=rows))


def test_an_unknown_target_and_unreachable_states_are_refused_on_load() -> None:
    rows = tuple(
        replace(t, target="nowhere") if t.name == "declare_admission" else t for t in DE_22_2.transitions
    )
    with pytest.raises(PathwayDefinitionError) as error:
        validate_pathway(replace(DE_22_2, transitions=rows))
    assert any("unknown state 'nowhere'" in p for p in error.value.problems)
    assert any("unreachable states" in p and "admission_declared" in p for p in error.value.problems)


def test_a_pending_state_that_policy_cannot_suspend_is_refused_on_load() -> None:
    rows = tuple(
        t for t in DE_22_2.transitions if not (t.name == "suspend_by_policy" and t.source == "vouched")
    )
    with pytest.raises(PathwayDefinitionError, match="cannot be suspended by policy"):
        validate_pathway(replace(DE_22_2, transitions=rows))


def test_a_dead_end_and_a_move_out_of_a_terminal_state_are_refused_on_load() -> None:
    rows = (*DE_22_2.transitions, replace(DE_22_2.transitions[0], source="refused", name="reopen"))
    states = tuple(
        replace(s, terminal=False) if s.code == "residence_permit_issued" else s for s in DE_22_2.states
    )
    with pytest.raises(PathwayDefinitionError) as error:
        validate_pathway(replace(DE_22_2, transitions=rows, states=states))
    assert any("leaves a terminal state" in p for p in error.value.problems)
    assert any("'residence_permit_issued' is a dead end" in p for p in error.value.problems)


@pytest.mark.parametrize("pathway", SHIPPED, ids=lambda p: p.code)
def test_path_to_reaches_every_state_through_moves_that_chain(pathway: Pathway) -> None:
    for state in pathway.states:
        route = path_to(pathway, state.code)
        current = pathway.initial_state
        for transition in route:
            assert transition.source == current
            current = transition.target
        assert current == state.code


def test_an_authority_move_before_the_application_was_referred_to_that_authority_is_refused_on_load() -> None:
    rows = tuple(replace(t, refers_to=None) if t.name == "submit" else t for t in DE_22_2.transitions)
    with pytest.raises(PathwayDefinitionError, match="may not be referred"):
        validate_pathway(replace(DE_22_2, transitions=rows))
