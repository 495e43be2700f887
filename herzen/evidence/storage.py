"""The only code that reads or writes evidence files.

Files live in `settings.HERZEN_EVIDENCE_DIR`, outside the web root and outside Django's media storage, under
random names: a path reveals neither the person nor the content. Every byte goes through `store` and
`read`, which encrypt and decrypt it with the data key of the case's household (`owner_of`, the same key as
its case notes, so shredding the household erases the files too), bound to the file's name. The size and
SHA-256 are of the plaintext, so a copy handed to an authority can still be checked.
"""

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from herzen.encryption.files import decrypt_file, encrypt_file
from herzen.encryption.keys import Owner

CHUNK = 64 * 1024
NAME_BYTES = 24
FILE_PURPOSE = "evidence.file"


class FileTooLarge(ValueError):
    pass


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    sha256: str


def owner_of(item: object) -> Owner:
    """The owner of an evidence item's data key: its case's household."""
    return Owner.of("household", item.case.household_id)  # type: ignore[attr-defined]


def _directory() -> Path:
    directory = Path(settings.HERZEN_EVIDENCE_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _path(name: str) -> Path:
    # Names are ours (token_hex); refuse anything else so a stored name can never walk out of the directory.
    if not name or not all(c in "0123456789abcdef" for c in name):
        raise ValueError("not a stored evidence file name")
    return _directory() / name


def store(chunks: Iterable[bytes], *, owner: Owner, max_bytes: int | None = None) -> StoredFile:
    """Encrypt the chunks into a new file and return its name, and the plaintext's size and SHA-256; nothing
    is left if it fails. The whole file is sealed at once (AES-GCM), so it is held in memory up to the limit."""
    limit = settings.HERZEN_EVIDENCE_MAX_BYTES if max_bytes is None else max_bytes
    name = secrets.token_hex(NAME_BYTES)
    path = _path(name)
    partial = path.with_suffix(".part")
    digest = hashlib.sha256()
    plaintext = bytearray()
    for chunk in chunks:
        if len(plaintext) + len(chunk) > limit:
            raise FileTooLarge(limit)
        digest.update(chunk)
        plaintext += chunk
    sealed = encrypt_file(owner, purpose=FILE_PURPOSE, file_id=name, data=bytes(plaintext))
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(sealed)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return StoredFile(name=name, size=len(plaintext), sha256=digest.hexdigest())


def read(name: str, *, owner: Owner) -> bytes:
    """The decrypted file. Raises KeyErased once the household's key is shredded, DecryptionFailed if the
    file is not the one sealed under this name."""
    return decrypt_file(owner, purpose=FILE_PURPOSE, file_id=name, data=_path(name).read_bytes())


def delete(name: str) -> None:
    _path(name).unlink(missing_ok=True)
