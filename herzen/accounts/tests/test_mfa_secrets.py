"""allauth's MFA secrets are stored in Herzen's envelope, still work for logging in, and a secret written in
plaintext behind Herzen's back is refused loudly (logged, never used)."""

import logging

from allauth.mfa.models import Authenticator
from django.db import connection
from django.urls import reverse

from herzen.accounts.tests.helpers import give_totp, totp_code
from herzen.domain.crypto import is_ciphertext
from herzen.encryption.keys import clear_cache

PASSWORD = "correct horse battery staple"


def _stored_data(user) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s AND type = 'totp'", [user.pk])
        return str(cursor.fetchone()[0])


def test_the_totp_secret_is_sealed_in_the_database_and_still_signs_in(client, caseworker_a):
    staff = caseworker_a.user
    secret = give_totp(staff)

    stored = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP).data["secret"]
    assert is_ciphertext(stored)
    assert secret not in _stored_data(staff)

    client.post(reverse("login"), {"login": staff.username, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/cases/").status_code == 200


def test_a_plaintext_secret_written_behind_herzens_back_is_refused(client, caseworker_a, caplog):
    staff = caseworker_a.user
    give_totp(staff)
    forged = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # a secret the intruder knows
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    Authenticator.objects.filter(pk=authenticator.pk).update(data={"secret": forged})
    clear_cache()
    caplog.set_level(logging.ERROR, logger="herzen.encryption.integrity")

    client.post(reverse("login"), {"login": staff.username, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(forged)})

    assert response.status_code == 500
    assert "failed an integrity check" in response.content.decode()
    assert client.get("/cases/").status_code == 302  # not signed in
    assert any("mfa_authenticator" in record.getMessage() for record in caplog.records)
    assert not any(forged in record.getMessage() for record in caplog.records)


def test_the_migration_seals_secrets_stored_in_plaintext(client, caseworker_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("herzen.accounts.migrations.0004_encrypt_mfa_secrets")
    staff = caseworker_a.user
    plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": plain})
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "ab" * 40, "used_mask": 0}
    )

    migration.encrypt(apps, None)
    migration.encrypt(apps, None)  # a second run leaves sealed values alone

    totp = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    assert is_ciphertext(totp.data["secret"])
    assert plain not in _stored_data(staff)
    client.post(reverse("login"), {"login": staff.username, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(plain)})
    assert client.get("/cases/").status_code == 200
    recovery = Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    assert is_ciphertext(recovery.data["seed"])
    assert recovery.data["used_mask"] == 0
