"""Where the key-encryption keys and the blind-index root secret come from.

Never from the database. In order of precedence:
1. `HERZEN_KEYRING_LOADER`: a dotted path to a callable returning a `Keyring` — the place to plug in a KMS
   or Vault (`KeyEncryptionKey` implementations whose wrap/unwrap call the service).
2. `HERZEN_KEK`: the keyring as an environment secret (`key-id base64-key`, comma-separated, primary first).
3. `<HERZEN_KEY_DIR>/kek.keyring`: the same format, one key per line (0600 file).
The blind-index root is `HERZEN_BLIND_INDEX_KEY` (base64) or `<HERZEN_KEY_DIR>/blind-index.key`.

`HERZEN_CREATE_MISSING_KEYS` (local and demo settings only) generates missing key files; production refuses
to start without keys (config/settings/production.py).
"""

import base64
import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from herzen.domain.crypto import Keyring, format_keyring_entry, parse_keyring

KEYRING_FILE = "kek.keyring"
BLIND_INDEX_FILE = "blind-index.key"


def key_dir() -> Path:
    return Path(settings.HERZEN_KEY_DIR)


def _write_secret(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def new_kek_id() -> str:
    return "kek-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def ensure_local_keys() -> list[str]:
    """Create the key files that are missing (development and demo). Returns what was created."""
    created = []
    if not settings.HERZEN_KEK and not getattr(settings, "HERZEN_KEYRING_LOADER", ""):
        path = key_dir() / KEYRING_FILE
        if not path.exists():
            header = "# key-encryption keys, primary first; keep apart from the database and its backups\n"
            _write_secret(path, header + format_keyring_entry(new_kek_id(), os.urandom(32)) + "\n")
            created.append(str(path))
    if not settings.HERZEN_BLIND_INDEX_KEY:
        path = key_dir() / BLIND_INDEX_FILE
        if not path.exists():
            _write_secret(path, base64.b64encode(os.urandom(32)).decode() + "\n")
            created.append(str(path))
    reset()
    return created


def _keyring_text() -> str:
    if settings.HERZEN_KEK:
        return str(settings.HERZEN_KEK)
    path = key_dir() / KEYRING_FILE
    if not path.exists():
        if settings.HERZEN_CREATE_MISSING_KEYS:
            ensure_local_keys()
        else:
            raise ImproperlyConfigured(
                f"No key-encryption key: set HERZEN_KEK or create {path} (`herzen keys init`)."
            )
    return path.read_text()


@cache
def keyring() -> Keyring:
    loader = getattr(settings, "HERZEN_KEYRING_LOADER", "")
    if loader:
        return import_string(loader)()  # type: ignore[no-any-return]
    return Keyring(parse_keyring(_keyring_text()))


@cache
def blind_index_root() -> bytes:
    text = settings.HERZEN_BLIND_INDEX_KEY
    if not text:
        path = key_dir() / BLIND_INDEX_FILE
        if not path.exists():
            if settings.HERZEN_CREATE_MISSING_KEYS:
                ensure_local_keys()
            else:
                raise ImproperlyConfigured(
                    f"No blind-index key: set HERZEN_BLIND_INDEX_KEY or create {path}."
                )
        text = path.read_text()
    return base64.b64decode(text.strip(), validate=True)


def reset() -> None:
    """Forget loaded keys (after the key file changed, and between tests)."""
    keyring.cache_clear()
    blind_index_root.cache_clear()


def add_primary_kek() -> str:
    """Generate a new KEK and make it the primary of the local keyring file; older keys stay to unwrap."""
    if settings.HERZEN_KEK or getattr(settings, "HERZEN_KEYRING_LOADER", ""):
        raise ImproperlyConfigured(
            "The keyring is not a local file: create the new key in the key store, put it first, then rotate."
        )
    path = key_dir() / KEYRING_FILE
    existing = _keyring_text()
    key_id = new_kek_id()
    _write_secret(path, format_keyring_entry(key_id, os.urandom(32)) + "\n" + existing)
    reset()
    return key_id


def retire_kek(key_id: str) -> None:
    """Remove a KEK that no data key uses any more from the local keyring file."""
    path = key_dir() / KEYRING_FILE
    lines = _keyring_text().splitlines()
    kept = [line for line in lines if line.split("#", 1)[0].replace(":", " ", 1).split()[:1] != [key_id]]
    if len(kept) == len(lines):
        raise ImproperlyConfigured(f"No key {key_id!r} in {path}.")
    if not parse_keyring("\n".join(kept)):
        raise ImproperlyConfigured("The last key-encryption key cannot be retired.")
    _write_secret(path, "\n".join(kept) + "\n")
    reset()
