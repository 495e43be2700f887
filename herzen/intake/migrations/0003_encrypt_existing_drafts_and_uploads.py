"""Encrypt what earlier versions kept in plaintext: draft answers, upload file names and the files on disk,
all with the draft's own data key. Safe to re-run: sealed values and files are left alone."""

from django.db import migrations

from herzen.encryption.migration import encrypt_existing_rows


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    from herzen.encryption.files import encrypt_file
    from herzen.intake import uploads

    encrypt_existing_rows(
        apps.get_model("intake", "IntakeDraft"), fields=["answers"], owner_kind="intake_draft", owner_path="pk"
    )
    upload_model = apps.get_model("intake", "IntakeUpload")
    encrypt_existing_rows(
        upload_model, fields=["original_name"], owner_kind="intake_draft", owner_path="draft_id"
    )
    for stored_name, draft_id in upload_model.objects.values_list("stored_name", "draft_id"):
        path = uploads.stored_path(stored_name)
        if draft_id is None or not path.exists():
            continue
        data = path.read_bytes()
        if uploads.detect_type(data[:32]) is None:
            continue  # not a PDF or image: already sealed
        sealed = encrypt_file(
            uploads.draft_owner(draft_id), purpose=uploads.FILE_PURPOSE, file_id=stored_name, data=data
        )
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(sealed)
        partial.chmod(0o600)
        partial.replace(path)  # atomic: the file is either the old plaintext or the new ciphertext


class Migration(migrations.Migration):
    dependencies = [
        ("encryption", "0001_initial"),
        ("intake", "0002_encrypt_answers_and_file_names"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
