"""Encrypt a document's issuer, a refusal's border crossing and a risk factor's criminal article, which
earlier versions stored in plaintext, with the person's data key. Safe to re-run."""

from django.db import migrations

from herzen.encryption.migration import encrypt_existing_rows

FIELDS = {
    "IdentityDocument": ["issuer"],
    "EntryRefusal": ["border_point"],
    "RiskFactor": ["criminal_article"],
}


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name, fields in FIELDS.items():
        encrypt_existing_rows(
            apps.get_model("people", name), fields=fields, owner_kind="person", owner_path="person_id"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("people", "0008_row_seal_versions_and_encrypted_free_text"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
