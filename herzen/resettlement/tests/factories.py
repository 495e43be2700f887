"""Admitted households and offers for resettlement tests, made through the services where one exists."""

from django.utils import timezone

from herzen.cases.tests.factories import make_case
from herzen.pathways.models import Application
from herzen.resettlement import services

PATHWAY = "de_22_2"


def admit(actor, case, open_regimes, country="DE", state="visa_issued"):
    """An application of the case in an admitted state. Made directly: walking the pathway's whole table to
    its visa is the pathways app's tests' job, not this one's."""
    return Application.objects.create(
        organisation=case.organisation,
        case=case,
        pathway=PATHWAY,
        destination_country=country,
        regime=open_regimes[PATHWAY],
        state=state,
        state_entered_at=timezone.now(),
        started_by=actor.user,
        is_pending=False,
    )


def admitted_household(actor, open_regimes, *, country="DE", **needs):
    case = make_case(actor)
    admit(actor, case, open_regimes, country)
    values = {"adults": 1, "children": 0, "destination_country": country, "ready": True, **needs}
    return services.household_needs_save(actor=actor, case_id=case.pk, **values)


def make_offer(actor, **values):
    defaults = {
        "kind": "housing",
        "title": "Flat",
        "country": "DE",
        "region": "Sachsen",
        "town": "Leipzig",
        "capacity_persons": 4,
        "child_beds": 2,
        "local_languages": ["de"],
    }
    return services.offer_create(actor=actor, **{**defaults, **values})
