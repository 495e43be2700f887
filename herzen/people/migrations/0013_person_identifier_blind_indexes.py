"""Search by identifiers and near misses (issue 16): the date of birth gets a blind index; contact values are
indexed in their new normal form (phones in E.164, e-mail without "mailto:", Telegram as "@handle"); every
person gets the near-miss keys of their names (herzen.domain.names.near). All derive from the decrypted
values, as `herzen keys reindex` derives them; no personal data changes.
"""

from django.db import migrations

import herzen.encryption.fields


def _opened(model, field, row_id, stored, version, owner):  # type: ignore[no-untyped-def]
    from herzen.domain.crypto import FieldContext, is_ciphertext, open_text
    from herzen.encryption.keys import KeyErased, Owner, data_key

    ciphertext = getattr(stored, "ciphertext", stored)  # the encrypted field hands over a sealed value
    if not ciphertext or not is_ciphertext(ciphertext):
        return ciphertext or ""
    try:
        key = data_key(Owner.of("person", owner))
    except KeyErased:
        return None  # an erased person is found by nothing
    return open_text(key.key, FieldContext(model._meta.db_table, field, str(row_id), *version), ciphertext)


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    import herzen.people.blind_indexes  # noqa: F401  (registers the index names)
    from herzen.domain.names.near import person_near_keys
    from herzen.encryption.blind import index_value
    from herzen.people.blind_indexes import normalise_contact_value

    Person = apps.get_model("people", "Person")
    PersonNameKey = apps.get_model("people", "PersonNameKey")
    ContactPoint = apps.get_model("people", "ContactPoint")
    # Run later than its place in history (a test re-runs it on today's models), a row may carry a version
    # its ciphertexts are bound to (herzen.encryption.rows).
    versioned = [*(["seal_version"] if any(f.name == "seal_version" for f in Person._meta.concrete_fields) else [])]
    columns = ["pk", "search_keys", "date_of_birth", *versioned]
    for person_id, keys, born, *version in Person.objects.values_list(*columns).iterator(chunk_size=500):
        plaintext_keys = _opened(Person, "search_keys", person_id, keys, version, person_id)
        if plaintext_keys:
            values = {
                "n:" + index_value("person_name_near", key, normalised=True)
                for key in person_near_keys(plaintext_keys.split())
            }
            PersonNameKey.objects.bulk_create(
                [PersonNameKey(person_id=person_id, key=value) for value in sorted(values)],
                ignore_conflicts=True,
            )
        birth = _opened(Person, "date_of_birth", person_id, born, version, person_id)
        if birth:
            Person.objects.filter(pk=person_id).update(
                date_of_birth_index=index_value("date_of_birth", str(birth), normalised=True)
            )
    columns = ["pk", "person_id", "value", *versioned]
    for contact_id, person_id, value, *version in ContactPoint.objects.values_list(*columns).iterator(
        chunk_size=500
    ):
        plaintext = _opened(ContactPoint, "value", contact_id, value, version, person_id)
        if plaintext:
            ContactPoint.objects.filter(pk=contact_id).update(
                value_index=index_value("contact_value", normalise_contact_value(plaintext), normalised=True)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("people", "0012_risk_factor_summons_appearance_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="date_of_birth_index",
            field=herzen.encryption.fields.BlindIndexField(
                blank=True, db_index=True, editable=False, index="date_of_birth", max_length=8, source="date_of_birth"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
