"""A blind index of a passport number without its series (issue 16), filled from the decrypted numbers as
`herzen keys reindex` fills it; no personal data changes."""

from django.db import migrations

import herzen.encryption.fields


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    import herzen.people.blind_indexes  # noqa: F401  (registers the index names)
    from herzen.encryption.blind import index_value

    from importlib import import_module

    opened = import_module("herzen.people.migrations.0013_person_identifier_blind_indexes")._opened
    IdentityDocument = apps.get_model("people", "IdentityDocument")
    versioned = any(field.name == "seal_version" for field in IdentityDocument._meta.concrete_fields)
    columns = ["pk", "person_id", "number", *(["seal_version"] if versioned else [])]
    rows = IdentityDocument.objects.values_list(*columns).iterator(chunk_size=500)
    for document_id, person_id, number, *version in rows:
        plaintext = opened(IdentityDocument, "number", document_id, number, version, person_id)
        if plaintext:
            IdentityDocument.objects.filter(pk=document_id).update(
                number_tail_index=index_value("document_number_tail", plaintext)
            )


class Migration(migrations.Migration):
    dependencies = [("people", "0013_person_identifier_blind_indexes")]

    operations = [
        migrations.AddField(
            model_name="identitydocument",
            name="number_tail_index",
            field=herzen.encryption.fields.BlindIndexField(
                blank=True, db_index=True, editable=False, index="document_number_tail", max_length=8, source="number"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
