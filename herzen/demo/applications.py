"""Walking applications through their pathway's machine with the real services, one move at a time.

Used by the demo (applications in every state of every pathway) and by tests: a state is only ever reached
by the moves the table allows, made by an actor of the right kind, with plausible facts.
"""

from collections.abc import Callable
from datetime import date, timedelta

from herzen.core.actor import Actor
from herzen.domain.workflow import PATHWAYS, POLICY, FactKind, FactValue, Transition, path_to
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
