"""A few persons of the first organisation recorded a second time, as another office wrote them, so that the
demo's merge queue (Duplicates, herzen.identity) has something to find: the same Cyrillic name and date of
birth with no patronymic, and the German registry's spelling of the name."""

from herzen.core.actor import Actor
from herzen.domain.names import Scheme, transliterate
from herzen.organisations.models import Organisation
from herzen.people import services as people_services
from herzen.people.models import Person


def plant_duplicates(organisation: Organisation, actor: Actor, *, count: int = 3) -> int:
    persons = list(Person.objects.filter(organisation=organisation).order_by("created_at")[:count])
    for person in persons:
        twin = people_services.person_create(
            actor=actor,
            surname=person.surname,
            given_name=person.given_name,
            patronymic="",
            sex=person.sex,
            date_of_birth=person.date_of_birth,
        )
        people_services.name_variant_add(
            actor=actor,
            person_id=twin.pk,
            surname=transliterate(person.surname, Scheme.GERMAN),
            given_name=transliterate(person.given_name, Scheme.GERMAN),
            scheme="german",
        )
    return len(persons)
