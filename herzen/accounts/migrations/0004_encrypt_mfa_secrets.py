"""Seal the TOTP secrets and recovery-code seeds that allauth stored in plaintext before Herzen's MFA adapter
encrypted them (herzen.accounts.adapters). Safe to re-run: sealed values are left alone."""

from django.db import migrations


def encrypt(apps, schema_editor):  # type: ignore[no-untyped-def]
    from herzen.accounts.adapters import seal_mfa_secret
    from herzen.domain.crypto import is_ciphertext

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]).iterator():
        data = dict(authenticator.data)
        for name in ("secret", "seed"):
            if isinstance(data.get(name), str) and not is_ciphertext(data[name]):
                data[name] = seal_mfa_secret(data[name])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [
                code if is_ciphertext(code) else seal_mfa_secret(code) for code in data["migrated_codes"]
            ]
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_cache_table"),
        ("encryption", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop, elidable=False)]
