"""Add the pair keys (herzen.domain.names.pairs) of every person already on file.

The name search reads a multi-word query from the pair keys alone, so a person without them would no longer
be found by their full name. They derive from the decrypted word keys (Person.search_keys), as
`herzen keys reindex` derives them; no personal data changes.
"""

from django.db import migrations


def add_pair_keys(apps, schema_editor):  # type: ignore[no-untyped-def]
    import herzen.people.blind_indexes  # noqa: F401  (registers the index names)
    from herzen.domain.crypto import FieldContext, is_ciphertext, open_text
    from herzen.domain.names.pairs import person_pair_keys
    from herzen.encryption.blind import index_value
    from herzen.encryption.keys import KeyErased, Owner, data_key

    Person = apps.get_model("people", "Person")
    PersonNameKey = apps.get_model("people", "PersonNameKey")
    # Run later than its place in history (a test re-runs it on today's models), a row may carry a version
    # its ciphertexts are bound to (herzen.encryption.rows); at its place, no row has one.
    versioned = any(field.name == "seal_version" for field in Person._meta.concrete_fields)
    columns = ["pk", "search_keys", *(["seal_version"] if versioned else [])]
    for person_id, stored, *version in Person.objects.values_list(*columns).iterator(chunk_size=500):
        ciphertext = getattr(stored, "ciphertext", stored)  # the encrypted field hands over a sealed value
        if not ciphertext:
            continue
        if is_ciphertext(ciphertext):
            try:
                key = data_key(Owner.of("person", person_id))
            except KeyErased:
                continue  # an erased person is found by no name
            context = FieldContext(Person._meta.db_table, "search_keys", str(person_id), *version)
            ciphertext = open_text(key.key, context, ciphertext)
        pairs = person_pair_keys(ciphertext.split())
        values = {"p:" + index_value("person_name_pair", pair, normalised=True) for pair in pairs}
        PersonNameKey.objects.bulk_create(
            [PersonNameKey(person_id=person_id, key=value) for value in sorted(values)], ignore_conflicts=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("people", "0005_household_household_org_country_idx"),
    ]

    operations = [migrations.RunPython(add_pair_keys, migrations.RunPython.noop, elidable=False)]
