from herzen.cases.tests.factories import make_case
from herzen.domain.workflow import PATHWAYS
from herzen.pathways import services

GENERIC_DESTINATION = "DE"


def make_application(actor, case=None, *, pathway="de_22_2", **extra):
    case = case or make_case(actor)
    if not PATHWAYS[pathway].destination_country:
        extra.setdefault("destination_country", GENERIC_DESTINATION)
    return services.application_start(actor=actor, case_id=case.pk, pathway=pathway, **extra)


def destination_of(pathway_code: str) -> str:
    return PATHWAYS[pathway_code].destination_country or GENERIC_DESTINATION
