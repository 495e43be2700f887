"""Encrypt what earlier versions stored in plaintext, and turn plaintext name keys into blind indexes."""

from django.db import migrations

from herzen.encryption.migration import encrypt_existing_rows

PERSON_OWNED = {
    "NameVariant": ["surname", "given_name", "patronymic"],
    "ContactPoint": ["value"],
    "IdentityDocument": ["number"],
    "Stay": ["city"],
    "EntryRefusal": ["reason_given"],
    "RiskFactor": ["narrative"],
}
INDEXES = {
    "ContactPoint": {"value_index": ("value", "contact_value")},
    "IdentityDocument": {"number_index": ("number", "document_number")},
}


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    import herzen.people.blind_indexes  # noqa: F401  (registers the index names)
    from herzen.domain.crypto import FieldContext, seal_text
    from herzen.encryption.blind import index_value
    from herzen.encryption.keys import Owner, data_key

    Person = apps.get_model("people", "Person")
    encrypt_existing_rows(
        Person,
        fields=["surname", "given_name", "patronymic", "date_of_birth", "profession"],
        owner_kind="person",
        owner_path="pk",
    )
    for name, fields in PERSON_OWNED.items():
        encrypt_existing_rows(
            apps.get_model("people", name),
            fields=fields,
            owner_kind="person",
            owner_path="person_id",
            indexes=INDEXES.get(name),
        )
    PersonNameKey = apps.get_model("people", "PersonNameKey")
    plaintext_keys: dict[object, set[str]] = {}
    for person_id, key in PersonNameKey.objects.values_list("person_id", "key"):
        plaintext_keys.setdefault(person_id, set()).add(key)
    for person_id, keys in plaintext_keys.items():
        key = data_key(Owner.of("person", person_id), create=True)
        context = FieldContext(Person._meta.db_table, "search_keys", str(person_id))
        sealed = seal_text(key.key, key.version, context, " ".join(sorted(keys)))
        Person.objects.filter(pk=person_id).update(search_keys=sealed)
        PersonNameKey.objects.filter(person_id=person_id).delete()
        blind = {index_value("person_name", key, normalised=True) for key in keys}
        PersonNameKey.objects.bulk_create([PersonNameKey(person_id=person_id, key=value) for value in sorted(blind)])


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("people", "0003_encrypt_person_record_columns"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
