"""A small coalition's records in the month before this one, and two statistics officers."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.statistics.sources import month_bounds


@pytest.fixture
def last_month() -> str:
    today = timezone.localdate()
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


@pytest.fixture
def officer_a(org_a, make_actor):
    return make_actor(org_a, Role.STATISTICS_OFFICER)


@pytest.fixture
def officer_b(org_b, make_actor):
    return make_actor(org_b, Role.STATISTICS_OFFICER)


@pytest.fixture
def coalition_records(caseworker_a, caseworker_b, last_month):
    """Twelve persons with open cases: eight in Georgia (org A), four in Kazakhstan (org B), who all
    entered in the middle of last month and whose cases were opened then."""
    first, last = month_bounds(last_month)
    middle = first + timedelta(days=10)
    surnames = iter(
        [
            "Иванова",
            "Петрова",
            "Смирнова",
            "Кузнецова",
            "Попова",
            "Соколова",
            "Лебедева",
            "Козлова",
            "Новикова",
            "Морозова",
            "Волкова",
            "Зайцева",
        ]
    )
    people = []
    for actor, country, count in ((caseworker_a, "GE", 8), (caseworker_b, "KZ", 4)):
        for _ in range(count):
            person = make_person(actor, surname=next(surnames), given_name="Анна")
            people_services.stay_record(
                actor=actor,
                person_id=person.pk,
                country=country,
                entry_date=middle,
                legal_basis="visa",
                authorised_until=last + timedelta(days=20),
            )
            case = make_case(actor, household=make_household(actor, principal=person))
            Case.objects.filter(pk=case.pk).update(
                opened_at=timezone.make_aware(datetime.combine(middle, time(12)))
            )
            people.append(person)
    return people
