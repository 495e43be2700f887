"""A pathway's stage machine as a table, and the one pure function that says whether a move is allowed.

A pathway is data: its states (terminal? pending? waiting on an authority?) and its transitions, each a row
(from, name, to, who may make it, which facts it needs, which deadlines it sets, which authority it refers
the application to). `check_move` answers for one (state, move, actor kinds, facts): `Allowed` with the row
and the deadlines it sets, or `Refused` naming the state and the move and why. `validate_pathway` refuses a
definition that could not be run safely: unknown or unreachable states, a dead end, a decision an NGO could
record.

Who acts is named by *actor kinds*: "ngo:caseworker", "ngo:supervisor", "authority:<authority kind>" (the
authority kinds of herzen.organisations) and "policy" (a change of policy regime, made by the platform
operator through the regime services, never by a person clicking on one application).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from herzen.domain.provenance import SourceNote

NGO_CASEWORKER = "ngo:caseworker"
NGO_SUPERVISOR = "ngo:supervisor"
NGO = frozenset({NGO_CASEWORKER, NGO_SUPERVISOR})
POLICY = "policy"
AUTHORITY_PREFIX = "authority:"

# The authority kinds a pathway may name (herzen.organisations.models.AuthorityKind holds the same values).
FOREIGN_MINISTRY = "foreign_ministry"
INTERIOR_MINISTRY = "interior_ministry"
EMBASSY_CONSULATE = "embassy_consulate"
IMMIGRATION_OFFICE = "immigration_office"
ASYLUM_AUTHORITY = "asylum_authority"
LABOUR_AUTHORITY = "labour_authority"
AUTHORITY_KINDS = frozenset(
    {
        FOREIGN_MINISTRY,
        INTERIOR_MINISTRY,
        EMBASSY_CONSULATE,
        IMMIGRATION_OFFICE,
        ASYLUM_AUTHORITY,
        LABOUR_AUTHORITY,
    }
)

# The moves and states every pathway shares, so a regime change can act on any pathway alike.
SUSPEND_BY_POLICY = "suspend_by_policy"
REQUIRE_REAPPLICATION = "require_reapplication"
SUSPENDED_BY_POLICY = "suspended_by_policy"
MUST_REAPPLY = "must_reapply"


def authority(kind: str) -> str:
    """The actor kind of a user of an authority of this kind."""
    return f"{AUTHORITY_PREFIX}{kind}"


def is_authority_kind(actor_kind: str) -> bool:
    return actor_kind.startswith(AUTHORITY_PREFIX) and actor_kind[len(AUTHORITY_PREFIX) :] in AUTHORITY_KINDS


KNOWN_ACTOR_KINDS = NGO | {POLICY} | {authority(kind) for kind in AUTHORITY_KINDS}


class OutcomeKind(StrEnum):
    ADMISSION_VISA_RESIDENCE = "admission_visa_residence"  # admission, then national visa, then permit
    NATIONAL_VISA = "national_visa"  # a humanitarian national visa
    ASYLUM_VISA = "asylum_visa"  # a visa to enter and then claim asylum
    WORK_VISA = "work_visa"  # a work visa, then a work/residence permit
    REFUGEE_STATUS = "refugee_status"  # status after entry, with a travel document


class FactKind(StrEnum):
    DATE = "date"
    TEXT = "text"
    BOOL = "bool"


@dataclass(frozen=True)
class Fact:
    name: str
    kind: FactKind
    required: bool = True


# What every decision records: when, who decided, and the reasons — or that none were given, which is common
# (security vetting is opaque) and must be visible rather than an empty field that looks like an omission.
DECIDED_ON = Fact("decided_on", FactKind.DATE)
DECIDING_BODY = Fact("deciding_body", FactKind.TEXT)
REASONS_GIVEN = Fact("reasons_given", FactKind.BOOL)
REASONS = Fact("reasons", FactKind.TEXT, required=False)
DECISION_FACTS = (DECIDED_ON, DECIDING_BODY, REASONS_GIVEN, REASONS)

SUBMITTED_ON = Fact("submitted_on", FactKind.DATE)
APPOINTMENT_ON = Fact("appointment_on", FactKind.DATE)
VALID_UNTIL = Fact("valid_until", FactKind.DATE)
ENTERED_ON = Fact("entered_on", FactKind.DATE)
CLAIMED_ON = Fact("claimed_on", FactKind.DATE)
NOTE = Fact("note", FactKind.TEXT)
OPTIONAL_NOTE = Fact("note", FactKind.TEXT, required=False)

# Facts that describe the past: a date after today is a typing mistake, not a fact.
PAST_DATES = frozenset({"decided_on", "submitted_on", "entered_on", "claimed_on", "judgment_on"})


@dataclass(frozen=True)
class State:
    code: str
    label: str  # English; the pathways app shows a translated label for the code
    terminal: bool = False
    # Still in process: a regime suspension moves every pending application to "suspended by policy".
    pending: bool = False
    waiting_on_authority: bool = False


@dataclass(frozen=True)
class DeadlineRule:
    """A dated deadline, open while the application stays in the state the transition led to (a visa's
    validity ends mattering once the person has entered).

    Its date is one of the transition's facts plus `offset_days` (the OFPRA file: 21 days after the asylum
    certificate), or, with `carried_from`, the date of a deadline of that kind still open when the move is
    made (the § 22 residence permit must be applied for before the national visa expires). `source_note`
    names the law that sets it, for the rules register.
    """

    kind: str
    fact: str = ""
    offset_days: int = 0
    carried_from: str = ""
    source_note: SourceNote | None = None

    def __post_init__(self) -> None:
        if bool(self.fact) == bool(self.carried_from):
            raise ValueError(
                f"deadline {self.kind!r}: give either a fact or carried_from, not both or neither"
            )

    def due_on(self, facts: Mapping[str, FactValue], open_deadlines: Mapping[str, date]) -> date | None:
        value = open_deadlines.get(self.carried_from) if self.carried_from else facts.get(self.fact)
        if not isinstance(value, date):
            return None
        return value + timedelta(days=self.offset_days)


@dataclass(frozen=True)
class Transition:
    source: str
    name: str
    target: str
    actors: frozenset[str]
    facts: tuple[Fact, ...] = ()
    # A decision of an authority: recorded with DECISION_FACTS; never open to an NGO.
    decision: bool = False
    deadlines: tuple[DeadlineRule, ...] = ()
    # The authority kind the application is handed to by this move (it then sees the application).
    refers_to: str | None = None

    @property
    def all_facts(self) -> tuple[Fact, ...]:
        return (*DECISION_FACTS, *self.facts) if self.decision else self.facts


@dataclass(frozen=True)
class Pathway:
    code: str
    name: str  # English; translated by code in the pathways app
    destination_country: str  # ISO 3166-1 alpha-2; "" when the route exists in many countries
    legal_basis: str
    outcome: OutcomeKind
    deciding_authorities: frozenset[str]  # authority kinds
    evidence_checklist: tuple[str, ...]  # codes of the kinds of evidence a dossier should hold
    initial_state: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    annual_quota: int | None = None  # as published; a policy regime carries the quota in force
    notes: str = ""

    def state(self, code: str) -> State:
        return self._states[code]

    @property
    def _states(self) -> Mapping[str, State]:
        return {state.code: state for state in self.states}

    @property
    def state_codes(self) -> frozenset[str]:
        return frozenset(state.code for state in self.states)

    @property
    def pending_states(self) -> frozenset[str]:
        return frozenset(state.code for state in self.states if state.pending)

    @property
    def move_names(self) -> frozenset[str]:
        return frozenset(transition.name for transition in self.transitions)

    def transition(self, source: str, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.source == source and t.name == name), None)

    def moves_from(self, source: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.source == source)


def moves_for(pathway: Pathway, state: str, actor_kinds: Iterable[str]) -> tuple[Transition, ...]:
    """The moves from `state` that an actor of these kinds may make, in table order."""
    kinds = frozenset(actor_kinds)
    return tuple(t for t in pathway.moves_from(state) if t.actors & kinds)


# --- checking one move -----------------------------------------------------------------------------------


class RefusalReason(StrEnum):
    UNKNOWN_STATE = "unknown_state"
    UNKNOWN_MOVE = "unknown_move"  # the pathway has no such move at all
    NOT_FROM_STATE = "not_from_state"  # the move exists, but not from this state
    ACTOR_NOT_ALLOWED = "actor_not_allowed"
    FACTS_INVALID = "facts_invalid"


class FactProblem(StrEnum):
    MISSING = "missing"
    WRONG_TYPE = "wrong_type"
    IN_FUTURE = "in_future"
    BEFORE_DECISION = "before_decision"
    UNKNOWN = "unknown"
    REASONS_MISSING = "reasons_missing"  # reasons_given is true but no reasons were written
    REASONS_NOT_GIVEN = "reasons_not_given"  # reasons written although reasons_given is false


@dataclass(frozen=True)
class Deadline:
    kind: str
    due_on: date


@dataclass(frozen=True)
class Allowed:
    transition: Transition
    deadlines: tuple[Deadline, ...]

    @property
    def target(self) -> str:
        return self.transition.target


@dataclass(frozen=True)
class Refused:
    state: str
    move: str
    reason: RefusalReason
    fact_problems: Mapping[str, FactProblem] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"cannot {self.move!r} from {self.state!r}: {self.reason.value}"


FactValue = date | str | bool | None


def check_move(
    pathway: Pathway,
    state: str,
    move: str,
    actor_kinds: Iterable[str],
    facts: Mapping[str, FactValue],
    *,
    today: date,
    open_deadlines: Mapping[str, date] | None = None,
) -> Allowed | Refused:
    """Whether an actor of `actor_kinds` may make `move` from `state` with these `facts`.

    Checked in order: the state and move exist, the move leaves this state, the actor may make it, the facts
    are complete and plausible. `open_deadlines` (kind -> date) are the application's deadlines still open
    before the move, for the deadlines a move carries over. Facts are plain values (dates, strings, booleans); unknown facts are refused
    so a typo cannot silently drop a date.
    """
    if state not in pathway.state_codes:
        return Refused(state, move, RefusalReason.UNKNOWN_STATE)
    if move not in pathway.move_names:
        return Refused(state, move, RefusalReason.UNKNOWN_MOVE)
    transition = pathway.transition(state, move)
    if transition is None:
        return Refused(state, move, RefusalReason.NOT_FROM_STATE)
    if not transition.actors & frozenset(actor_kinds):
        return Refused(state, move, RefusalReason.ACTOR_NOT_ALLOWED)
    problems = fact_problems(transition, facts, today=today)
    if problems:
        return Refused(state, move, RefusalReason.FACTS_INVALID, problems)
    deadlines = tuple(
        Deadline(rule.kind, due)
        for rule in transition.deadlines
        if (due := rule.due_on(facts, open_deadlines or {})) is not None
    )
    return Allowed(transition, deadlines)


def _is_blank(value: FactValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_kind(value: FactValue, kind: FactKind) -> bool:
    if kind is FactKind.BOOL:
        return isinstance(value, bool)
    if kind is FactKind.DATE:
        return isinstance(value, date)
    return isinstance(value, str)


def fact_problems(
    transition: Transition, facts: Mapping[str, FactValue], *, today: date
) -> dict[str, FactProblem]:
    """Per fact, what is wrong with it for this transition (empty when nothing is)."""
    declared = {fact.name: fact for fact in transition.all_facts}
    problems: dict[str, FactProblem] = {
        name: FactProblem.UNKNOWN for name, value in facts.items() if name not in declared and value
    }
    for name, fact in declared.items():
        value = facts.get(name)
        if _is_blank(value):
            if fact.required:
                problems[name] = FactProblem.MISSING
            continue
        if not _has_kind(value, fact.kind):
            problems[name] = FactProblem.WRONG_TYPE
        elif name in PAST_DATES and isinstance(value, date) and value > today:
            problems[name] = FactProblem.IN_FUTURE
    if transition.decision and "reasons_given" not in problems:
        written = not _is_blank(facts.get("reasons"))
        if facts.get("reasons_given") is True and not written:
            problems["reasons"] = FactProblem.REASONS_MISSING
        elif facts.get("reasons_given") is False and written:
            problems["reasons"] = FactProblem.REASONS_NOT_GIVEN
    decided_on, valid_until = facts.get("decided_on"), facts.get("valid_until")
    if (
        "valid_until" in declared
        and isinstance(decided_on, date)
        and isinstance(valid_until, date)
        and valid_until < decided_on
    ):
        problems.setdefault("valid_until", FactProblem.BEFORE_DECISION)
    return problems


# --- validating a definition ------------------------------------------------------------------------------


class PathwayDefinitionError(ValueError):
    """A pathway table that cannot be run safely; the message names the pathway and every problem."""

    def __init__(self, pathway: str, problems: list[str]) -> None:
        super().__init__(f"pathway {pathway!r}: " + "; ".join(problems))
        self.pathway = pathway
        self.problems = problems


def _reachable(pathway: Pathway) -> set[str]:
    seen = {pathway.initial_state}
    frontier = [pathway.initial_state]
    while frontier:
        source = frontier.pop()
        for transition in pathway.moves_from(source):
            if transition.target not in seen:
                seen.add(transition.target)
                frontier.append(transition.target)
    return seen


def definition_problems(pathway: Pathway) -> list[str]:
    """Everything wrong with a definition, in words; empty for a sound one."""
    problems: list[str] = []
    codes = [state.code for state in pathway.states]
    known = set(codes)
    if len(codes) != len(known):
        problems.append("a state is declared twice")
    if pathway.initial_state not in known:
        problems.append(f"initial state {pathway.initial_state!r} is not declared")
    rows = [(t.source, t.name) for t in pathway.transitions]
    if len(rows) != len(set(rows)):
        problems.append("a move is declared twice from the same state")
    if not pathway.deciding_authorities <= AUTHORITY_KINDS:
        problems.append(f"unknown authority kinds {sorted(pathway.deciding_authorities - AUTHORITY_KINDS)}")
    for t in pathway.transitions:
        where = f"move {t.name!r} from {t.source!r}"
        for end in (t.source, t.target):
            if end not in known:
                problems.append(f"{where} names unknown state {end!r}")
        if not t.actors:
            problems.append(f"{where} names no actor")
        if not t.actors <= KNOWN_ACTOR_KINDS:
            problems.append(f"{where} names unknown actors {sorted(t.actors - KNOWN_ACTOR_KINDS)}")
        if t.decision and t.actors & (NGO | {POLICY}):
            problems.append(f"{where} is a decision open to {sorted(t.actors & (NGO | {POLICY}))}")
        if t.decision and not {authority(k) for k in pathway.deciding_authorities} >= t.actors:
            problems.append(f"{where} is decided by an authority the pathway does not name")
        if (POLICY in t.actors) != (t.name in (SUSPEND_BY_POLICY, REQUIRE_REAPPLICATION)):
            problems.append(f"{where}: only the regime moves are made by policy, and only by policy")
        if t.refers_to is not None and t.refers_to not in AUTHORITY_KINDS:
            problems.append(f"{where} refers to unknown authority kind {t.refers_to!r}")
        if t.source in known and pathway.state(t.source).terminal:
            problems.append(f"{where} leaves a terminal state")
        names = [fact.name for fact in t.all_facts]
        if len(names) != len(set(names)):
            problems.append(f"{where} declares a fact twice")
        dates = {fact.name for fact in t.all_facts if fact.kind is FactKind.DATE}
        problems.extend(
            f"{where} sets deadline {rule.kind!r} from {rule.fact!r}, which is not one of its date facts"
            for rule in t.deadlines
            if rule.fact and rule.fact not in dates
        )
    if known and pathway.initial_state in known:
        unreachable = known - _reachable(pathway)
        if unreachable:
            problems.append(f"unreachable states {sorted(unreachable)}")
    for state in pathway.states:
        moves = pathway.moves_from(state.code)
        if state.terminal and (state.pending or state.waiting_on_authority):
            problems.append(f"terminal state {state.code!r} cannot be pending or waiting")
        if not state.terminal and not moves:
            problems.append(f"state {state.code!r} is a dead end but not terminal")
        if state.waiting_on_authority and not any(
            any(is_authority_kind(actor) for actor in t.actors) for t in moves
        ):
            problems.append(f"state {state.code!r} waits on an authority that has no move from it")
        suspends = pathway.transition(state.code, SUSPEND_BY_POLICY)
        if state.pending and (suspends is None or suspends.target != SUSPENDED_BY_POLICY):
            problems.append(f"pending state {state.code!r} cannot be suspended by policy")
        if not state.pending and suspends is not None:
            problems.append(f"state {state.code!r} is not pending but can be suspended by policy")
    for required, terminal in ((SUSPENDED_BY_POLICY, False), (MUST_REAPPLY, True)):
        if required not in known:
            problems.append(f"state {required!r} is missing")
        elif pathway.state(required).terminal is not terminal:
            problems.append(f"state {required!r} must {'' if terminal else 'not '}be terminal")
    problems.extend(_unreferred_authority_moves(pathway))
    reapply = pathway.transition(SUSPENDED_BY_POLICY, REQUIRE_REAPPLICATION)
    if SUSPENDED_BY_POLICY in known and (reapply is None or reapply.target != MUST_REAPPLY):
        problems.append("a suspended application cannot be marked 'must re-apply'")
    return problems


def _unreferred_authority_moves(pathway: Pathway) -> list[str]:
    """Authority moves from a state the application can reach without having been referred to that kind of
    authority: the authority could not even see it. Found by intersecting, over every way into a state, the
    authority kinds referred on the way (a fixed point over the table)."""
    every_kind = frozenset(AUTHORITY_KINDS)
    referred: dict[str, frozenset[str]] = {state.code: every_kind for state in pathway.states}
    referred[pathway.initial_state] = frozenset()
    changed = True
    while changed:
        changed = False
        for t in pathway.transitions:
            if t.source not in referred or t.target not in referred or t.target == pathway.initial_state:
                continue
            arriving = referred[t.source] | ({t.refers_to} if t.refers_to else set())
            narrowed = referred[t.target] & arriving
            if narrowed != referred[t.target]:
                referred[t.target] = narrowed
                changed = True
    return [
        f"move {t.name!r} from {t.source!r} is made by {actor!r}, to whom the application may not be referred"
        for t in pathway.transitions
        if t.source in referred
        for actor in sorted(t.actors)
        if is_authority_kind(actor) and actor[len(AUTHORITY_PREFIX) :] not in referred[t.source]
    ]


def validate_pathway(pathway: Pathway) -> Pathway:
    problems = definition_problems(pathway)
    if problems:
        raise PathwayDefinitionError(pathway.code, problems)
    return pathway


def path_to(pathway: Pathway, target: str) -> tuple[Transition, ...]:
    """A shortest sequence of moves from the initial state to `target` (for demos and tests that walk an
    application through the machine rather than writing its state). KeyError if `target` is unreachable."""
    routes: dict[str, tuple[Transition, ...]] = {pathway.initial_state: ()}
    frontier = [pathway.initial_state]
    while frontier and target not in routes:
        next_frontier = []
        for source in frontier:
            for transition in pathway.moves_from(source):
                if transition.target not in routes:
                    routes[transition.target] = (*routes[source], transition)
                    next_frontier.append(transition.target)
        frontier = next_frontier
    return routes[target]
