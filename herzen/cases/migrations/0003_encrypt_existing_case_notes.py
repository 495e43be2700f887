"""Encrypt case notes that earlier versions stored in plaintext (with the household's data key)."""

from django.db import migrations

from herzen.encryption.migration import encrypt_existing_rows


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    encrypt_existing_rows(
        apps.get_model("cases", "CaseNote"),
        fields=["body"],
        owner_kind="household",
        owner_path="case__household_id",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("cases", "0002_encrypt_case_note_body"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
