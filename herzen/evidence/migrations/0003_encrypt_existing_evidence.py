"""Encrypt evidence free text and files that earlier versions stored in plaintext, with the data key of the
case's household. Safe to re-run: sealed values and files that already open are left alone."""

from django.db import migrations

from herzen.encryption.migration import encrypt_existing_rows

ITEM_FIELDS = ["title", "description", "obtained_from", "file_name", "corroboration_reference", "fraud_reason"]


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    from herzen.domain.crypto import DecryptionFailed
    from herzen.encryption.files import decrypt_file, encrypt_file
    from herzen.encryption.keys import Owner
    from herzen.evidence import storage

    item_model = apps.get_model("evidence", "EvidenceItem")
    encrypt_existing_rows(item_model, fields=ITEM_FIELDS, owner_kind="household", owner_path="case__household_id")
    encrypt_existing_rows(
        apps.get_model("evidence", "Vouch"),
        fields=["statement", "withdrawal_reason"],
        owner_kind="household",
        owner_path="evidence__case__household_id",
    )
    for name, household_id in item_model.objects.exclude(stored_name="").values_list(
        "stored_name", "case__household_id"
    ):
        path = storage._path(name)
        if not path.exists():
            continue
        owner = Owner.of("household", household_id)
        data = path.read_bytes()
        try:
            decrypt_file(owner, purpose=storage.FILE_PURPOSE, file_id=name, data=data)
            continue  # already sealed
        except DecryptionFailed:
            pass
        sealed = encrypt_file(owner, purpose=storage.FILE_PURPOSE, file_id=name, data=data)
        partial = path.with_suffix(".part")
        partial.write_bytes(sealed)
        partial.chmod(0o600)
        partial.replace(path)  # atomic: the file is either the old plaintext or the new ciphertext


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("evidence", "0002_encrypt_free_text"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
