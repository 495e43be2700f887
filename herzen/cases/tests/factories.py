from herzen.cases import services
from herzen.people.tests.factories import make_household


def make_case(actor, household=None, **extra):
    household = household or make_household(actor)
    return services.case_open(actor=actor, household_id=household.pk, **extra)
