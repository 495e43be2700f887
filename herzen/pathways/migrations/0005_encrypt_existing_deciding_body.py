"""Encrypt the deciding body of decisions that earlier versions stored in plaintext, with the data key of
the case's household. Safe to re-run."""

from django.db import migrations

from herzen.encryption.migration import encrypt_existing_rows


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    encrypt_existing_rows(
        apps.get_model("pathways", "ApplicationDecision"),
        fields=["deciding_body"],
        owner_kind="household",
        owner_path="application__case__household_id",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("pathways", "0004_row_seal_versions_and_encrypted_deciding_body"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
