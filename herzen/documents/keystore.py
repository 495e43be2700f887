"""Where seal signing keys live: never in the database.

`settings.HERZEN_SEAL_SIGNER_LOADER` names a function `(kid: str) -> SealSigner` (herzen.domain.seals.keys):
the place to plug in a KMS or HSM whose `sign` calls the service. The default keeps one PEM key file per
key id in `HERZEN_SEAL_KEY_DIR` (default `<HERZEN_KEY_DIR>/seals/`, files 0600), next to the encryption keys and, like them, out of backups of
the database. The operator's trust-list key is `operator.key` / `operator.crt` there.

The PAdES signature of the PDF is made through the same `SealSigner` (herzen.documents.pdf), so a KMS signs
the PDF too and no private key is read for it. `secret_signer` is a loader for keys a secret store puts in
the environment (in memory only). See docs/adr/0130-document-seals.md.
"""

import os
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from herzen.domain.seals import LocalSealSigner, SealSigner

OPERATOR = "operator"


def seal_key_dir() -> Path:
    return Path(settings.HERZEN_SEAL_KEY_DIR)


def _write_secret(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def store(name: str, signer: LocalSealSigner) -> None:
    _write_secret(seal_key_dir() / f"{name}.key", signer.private_key_pem())
    _write_secret(seal_key_dir() / f"{name}.crt", signer.certificate_pem())


def file_signer(name: str) -> LocalSealSigner:
    directory = seal_key_dir()
    try:
        return LocalSealSigner.from_pem(
            (directory / f"{name}.key").read_bytes(), (directory / f"{name}.crt").read_bytes()
        )
    except FileNotFoundError as error:
        raise ImproperlyConfigured(f"No seal key {name} in {directory}.") from error


def signer(kid: str) -> SealSigner:
    loader = getattr(settings, "HERZEN_SEAL_SIGNER_LOADER", "")
    if loader:
        return import_string(loader)(kid)  # type: ignore[no-any-return]
    return file_signer(kid)


def secret_signer(kid: str) -> LocalSealSigner:
    """A `HERZEN_SEAL_SIGNER_LOADER` for keys held by a secret store: the PKCS#8 PEM key comes from the
    environment (`HERZEN_SEAL_KEY_<KID>`, put there by systemd credentials, a Kubernetes secret or a Vault
    agent), the certificate (public) from the database. The key lives in this process's memory only."""
    from herzen.documents.models import SealKey

    pem = os.environ.get(f"HERZEN_SEAL_KEY_{kid.upper()}", "")
    key = SealKey.objects.filter(kid=kid).first()
    if not pem or key is None:
        raise ImproperlyConfigured(f"The secret store holds no seal key {kid}.")
    return LocalSealSigner.from_pem(pem.encode(), key.certificate_pem.encode())


@cache
def operator_signer() -> LocalSealSigner:
    path = seal_key_dir() / f"{OPERATOR}.key"
    if not path.exists() and settings.HERZEN_SEAL_CREATE_OPERATOR_KEY:
        store(OPERATOR, LocalSealSigner.generate(organisation="Herzen trust list", country=""))
    return file_signer(OPERATOR)


def operator_public_key_pem() -> bytes:
    return (
        operator_signer()
        .certificate.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
