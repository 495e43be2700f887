"""Walking applications through their pathway's machine with the real services, one move at a time.

Used by the demo (applications in every state of every pathway) and by tests: a state is only ever reached
by the moves the table allows, made by an actor of the right kind, with plausible facts.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.domain.rules import shipped_rule_set_document
from herzen.domain.workflow import (
    MUST_REAPPLY,
    NGO_CASEWORKER,
    PATHWAYS,
    POLICY,
    REGIMES,
    SHIPPED,
    SUSPENDED_BY_POLICY,
    FactKind,
    FactValue,
    Pathway,
    Transition,
    path_to,
)
from herzen.pathways import services
from herzen.pathways.models import Application

ActorFor = Callable[[Transition], Actor]


def sample_facts(transition: Transition, today: date) -> dict[str, FactValue]:
    """Plausible facts for a move: past events dated today, a visa valid for 90 days, an appointment in 3 weeks."""
    facts: dict[str, FactValue] = {}
    for fact in transition.all_facts:
        if fact.kind is FactKind.BOOL:
            facts[fact.name] = False  # security vetting rarely explains itself
        elif fact.kind is FactKind.DATE:
            ahead = {"valid_until": 90, "appointment_on": 21}.get(fact.name, 0)
            facts[fact.name] = today + timedelta(days=ahead)
        elif fact.name == "deciding_body":
            facts[fact.name] = "Referat 505 (demo)" if transition.name == "approve" else "Visa section (demo)"
        elif fact.required:
            facts[fact.name] = "Please add the court documents and their translation."
    return facts


def walk(
    application: Application,
    *,
    target: str,
    actor_for: ActorFor,
    today: date,
) -> Application:
    """Make the moves from the application's current state (its pathway's initial state) to `target`.

    `actor_for(transition)` returns who makes each move: an NGO caseworker or supervisor, or a user of an
    authority of the right kind. Policy moves are not made here (they belong to regime changes).
    """
    pathway = PATHWAYS[application.pathway]
    if application.state != pathway.initial_state:
        raise ValueError("walk starts from the pathway's initial state")
    for transition in path_to(pathway, target):
        if POLICY in transition.actors:
            raise ValueError(f"{target!r} is reached by a regime change, not by walking")
        application = services.application_transition(
            actor=actor_for(transition),
            application_id=application.pk,
            move=transition.name,
            facts=sample_facts(transition, today),
            today=today,
        )
    return application


# --- the demo's applications: every state of every shipped pathway ---------------------------------------

# (name, valid from) of the three regimes each pathway has had in the demo; the last one is open.
# Germany's three documented regimes (herzen.domain.workflow.regimes): the 2022 fast track, the suspension
# from mid-May 2025 and the resumption under narrower criteria in mid-August 2025.
REGIME_HISTORY = {
    code: tuple((version.name, version.valid_from) for version in versions)
    for code, versions in REGIMES.items()
    if len(versions) == 3
}
DEFAULT_REGIME_HISTORY = (
    ("Rules of 2022", date(2022, 5, 1)),
    ("Rules of 2024", date(2024, 1, 1)),
    ("Rules of 2025", date(2025, 8, 1)),
)
DEMO_DESTINATION = "DE"  # where the demo sends applications of pathways that exist in many countries


@dataclass
class ApplicationSummary:
    applications: int = 0
    by_pathway_state: dict[tuple[str, str], int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not enough cases to hold every state

    def lines(self) -> list[str]:
        pathways = {code for code, _ in self.by_pathway_state}
        lines = [
            f"{self.applications} applications in {len(self.by_pathway_state)} states of {len(pathways)} pathways"
        ]
        if self.skipped:
            lines.append(f"not enough cases for {len(self.skipped)} states: generate more households")
        return lines


@dataclass(frozen=True)
class ApplicationDesk:
    """Who acts: per NGO its caseworker and supervisor; per (country, authority kind) an authority user."""

    ngo_staff: dict[object, tuple[Actor, Actor]]  # organisation id -> (caseworker, supervisor)
    authorities: dict[tuple[str, str], Actor]

    def actor_for(self, case: Case, destination: str) -> ActorFor:
        caseworker, supervisor = self.ngo_staff[case.organisation_id]

        def pick(transition: Transition) -> Actor:
            for kind in sorted(transition.actors):
                if kind.startswith("authority:"):
                    return self.authorities[(destination, kind.split(":", 1)[1])]
            return caseworker if NGO_CASEWORKER in transition.actors else supervisor

        return pick


def _free_case(cases: list[Case], pathway: str) -> Case | None:
    """A case with no unfinished application to this pathway (a case holds one per pathway at a time)."""
    busy = set(
        Application.objects.filter(pathway=pathway, is_terminal=False).values_list("case_id", flat=True)
    )
    return next((case for case in cases if case.pk not in busy), None)


def write_applications(
    *, operator: Actor, desk: ApplicationDesk, cases: list[Case], today: date
) -> ApplicationSummary:
    """For every shipped pathway: three policy regimes, and an application in every state of its table.

    The first regime is suspended with applications pending under it, and the second requires them to
    re-apply (→ "must re-apply"); the second is suspended in turn (→ "suspended by policy"); every other state
    is reached under the open third regime by walking the machine with the services.
    """
    summary = ApplicationSummary()

    def start(pathway: Pathway) -> Application | None:
        case = _free_case(cases, pathway.code)
        if case is None:
            return None
        return services.application_start(
            actor=desk.ngo_staff[case.organisation_id][0],
            case_id=case.pk,
            pathway=pathway.code,
            destination_country=pathway.destination_country or DEMO_DESTINATION,
            today=today,
        )

    def count(pathway: Pathway, state: str, number: int = 1) -> None:
        summary.applications += number
        key = (pathway.code, state)
        summary.by_pathway_state[key] = summary.by_pathway_state.get(key, 0) + number

    for pathway in SHIPPED:
        destination = pathway.destination_country or DEMO_DESTINATION
        history = REGIME_HISTORY.get(pathway.code, DEFAULT_REGIME_HISTORY)
        regimes = []
        for index, (name, valid_from) in enumerate(history):
            if index:  # the previous regime is suspended before the next one opens
                services.policy_regime_suspend(actor=operator, regime_id=regimes[-1].pk)
            regime = services.policy_regime_create(
                actor=operator,
                pathway=pathway.code,
                name=name,
                valid_from=valid_from,
                quota=pathway.annual_quota,
                valid_until=None,
                # Each regime starts from the rule set Herzen ships for its pathway (same code).
                rule_set=shipped_rule_set_document(pathway.code),
                rule_set_version=shipped_rule_set_document(pathway.code)["version"],
            )
            if index == 1:
                services.policy_regime_require_reapplication(
                    actor=operator, regime_id=regime.pk, previous_regime_id=regimes[-1].pk
                )
            regimes.append(regime)
            if index < 2:
                # pending under this regime when it is suspended: must re-apply (first) or suspended (second)
                application = start(pathway)
                if application is None:
                    summary.skipped.append((pathway.code, "suspended"))
                    continue
                case = application.case
                pending = [s.code for s in pathway.states if s.pending and s.code != pathway.initial_state]
                walk(
                    application,
                    target=pending[index % len(pending)],
                    actor_for=desk.actor_for(case, destination),
                    today=today,
                )
                count(pathway, MUST_REAPPLY if index == 0 else SUSPENDED_BY_POLICY)
        for state in pathway.states:
            if state.code in (MUST_REAPPLY, SUSPENDED_BY_POLICY):
                continue
            application = start(pathway)
            if application is None:
                summary.skipped.append((pathway.code, state.code))
                continue
            walk(
                application,
                target=state.code,
                actor_for=desk.actor_for(application.case, destination),
                today=today,
            )
            count(pathway, state.code)
    return summary
