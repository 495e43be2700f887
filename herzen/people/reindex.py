"""Rebuilding the person record's blind indexes from the decrypted values (`herzen keys reindex`).

Needed when the index sizing changes (HERZEN_BLIND_INDEX_POPULATION) or the blind-index root secret is
replaced. A maintenance operation on derived data only: no personal data changes, so nothing is audited.
"""

from django.db import transaction

from herzen.encryption.blind import index_value
from herzen.encryption.fields import ErasedText
from herzen.people.blind_indexes import CONTACT_VALUE, DATE_OF_BIRTH, DOCUMENT_NUMBER, DOCUMENT_NUMBER_TAIL
from herzen.people.models import ContactPoint, IdentityDocument, Person, PersonNameKey
from herzen.people.services.persons import person_name_key_rows


def _readable(value: str) -> bool:
    return bool(value) and not isinstance(value, ErasedText)


@transaction.atomic
def rebuild_blind_indexes() -> int:
    rebuilt = 0
    births = []
    for person in Person.objects.only("pk", "search_keys", "date_of_birth").iterator(chunk_size=500):
        born = person.date_of_birth
        person.date_of_birth_index = index_value(DATE_OF_BIRTH.name, str(born)) if born else ""
        births.append(person)
        PersonNameKey.objects.filter(person=person).delete()
        if _readable(person.search_keys):
            values = person_name_key_rows(frozenset(person.search_keys.split()))
            PersonNameKey.objects.bulk_create(
                [PersonNameKey(person=person, key=value) for value in sorted(values)]
            )
        rebuilt += 1
    Person.objects.bulk_update(births, ["date_of_birth_index"], batch_size=500)
    for model, field, index, column in (
        (IdentityDocument, "number", DOCUMENT_NUMBER, "number_index"),
        (IdentityDocument, "number", DOCUMENT_NUMBER_TAIL, "number_tail_index"),
        (ContactPoint, "value", CONTACT_VALUE, "value_index"),
    ):
        batch = []
        for record in model.objects.only("pk", "person_id", field).iterator(chunk_size=500):
            value = getattr(record, field)
            setattr(record, column, index_value(index.name, value) if _readable(value) else "")
            batch.append(record)
        model.objects.bulk_update(batch, [column], batch_size=500)
        rebuilt += len(batch)
    return rebuilt
