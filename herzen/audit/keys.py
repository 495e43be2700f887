"""Where the checkpoint signing key lives. Never in the database: whoever can rewrite the database must not
be able to sign the rewritten history.

`settings.HERZEN_AUDIT_SIGNER` names a function returning a `herzen.domain.ledger.Signer`. The default reads a
PEM key file (`HERZEN_AUDIT_SIGNING_KEY_FILE`). A KMS or HSM adapter is a function returning an object with
`public_key() -> bytes` (raw 32-byte Ed25519) and `sign(message) -> bytes`, e.g. wrapping AWS KMS `Sign` with
an ED25519 key or Vault transit `sign` with `ed25519` — the private key then never enters this process.
"""

import functools
import os
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from herzen.domain.ledger import Ed25519KeySigner, Signer, public_key_from_pem
from herzen.domain.ledger.authentication import derive_mac_key


class SigningKeyMissing(RuntimeError):
    pass


def file_signer() -> Signer:
    path = Path(settings.HERZEN_AUDIT_SIGNING_KEY_FILE)
    if not path.exists():
        if not settings.HERZEN_AUDIT_GENERATE_KEY:
            raise SigningKeyMissing(
                f"No audit signing key at {path}; create one (see docs/audit.md) or set "
                "HERZEN_AUDIT_SIGNING_KEY_FILE."
            )
        generate_key_file(path)
    return Ed25519KeySigner.from_pem(path.read_bytes())


def generate_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created readable by the owner only, in one step, so the key is never world-readable even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(Ed25519KeySigner.generate().to_pem())


def signer() -> Signer:
    factory = import_string(settings.HERZEN_AUDIT_SIGNER)
    return factory()  # type: ignore[no-any-return]


def trusted_public_keys(*, include_signer: bool = True) -> list[bytes]:
    """The keys whose checkpoints verification accepts: the signer's, and any listed in settings."""
    keys = [public_key_from_pem(Path(path).read_bytes()) for path in settings.HERZEN_AUDIT_TRUSTED_KEYS]
    if include_signer:
        try:
            keys.append(signer().public_key())
        except SigningKeyMissing:
            if not keys:
                raise
    return keys


def entry_mac_key() -> bytes:
    """The key that authenticates every audit and access event when it is written (its MAC).

    Derived from a root secret of the encryption keyring (`settings.HERZEN_AUDIT_MAC_ROOT` names the function
    that returns it: by default the keyring's blind-index root), never stored: like the encryption keys it lives
    in the environment, a key store or the key directory — not in the database, so database access alone
    cannot forge an event the sequencer accepts. Cached per root secret (the keyring caches the root)."""
    root = import_string(settings.HERZEN_AUDIT_MAC_ROOT)()
    return _derived_mac_key(bytes(root))


@functools.lru_cache(maxsize=4)
def _derived_mac_key(root: bytes) -> bytes:
    return derive_mac_key(root)
