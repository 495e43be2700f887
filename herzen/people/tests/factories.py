"""Building people through the services, so tests exercise the same path (and name keys) as the app."""

from datetime import date

from herzen.people import services
from herzen.people.choices import HouseholdRole


def make_person(
    actor,
    *,
    surname="Щукина",
    given_name="Анна",
    patronymic="Сергеевна",
    sex="F",
    date_of_birth=date(1990, 5, 17),
    **extra,
):
    return services.person_create(
        actor=actor,
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        sex=sex,
        date_of_birth=date_of_birth,
        **extra,
    )


def make_household(actor, principal=None, *, others=()):
    """A household with `principal` (made if absent) and (person, role) pairs in `others`."""
    principal = principal or make_person(actor)
    household = services.household_create(actor=actor, principal_id=principal.pk)
    for person, role in others:
        services.household_member_add(actor=actor, household_id=household.pk, person_id=person.pk, role=role)
    return household


__all__ = ["HouseholdRole", "make_household", "make_person"]
