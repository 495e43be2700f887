"""The only code that reads or writes evidence files.

Files live in `settings.HERZEN_EVIDENCE_DIR`, outside the web root and outside Django's media storage, under
random names: a path reveals neither the person nor the content. Every byte goes through `store` and
`read`, so encryption at rest can be added here without touching a caller.
"""

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

CHUNK = 64 * 1024
NAME_BYTES = 24


class FileTooLarge(ValueError):
    pass


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    sha256: str


def _directory() -> Path:
    directory = Path(settings.HERZEN_EVIDENCE_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _path(name: str) -> Path:
    # Names are ours (token_hex); refuse anything else so a stored name can never walk out of the directory.
    if not name or not all(c in "0123456789abcdef" for c in name):
        raise ValueError("not a stored evidence file name")
    return _directory() / name


def store(chunks: Iterable[bytes], *, max_bytes: int | None = None) -> StoredFile:
    """Write the chunks to a new file and return its name, size and SHA-256; nothing is left if it fails."""
    limit = settings.HERZEN_EVIDENCE_MAX_BYTES if max_bytes is None else max_bytes
    name = secrets.token_hex(NAME_BYTES)
    path = _path(name)
    partial = path.with_suffix(".part")
    digest = hashlib.sha256()
    size = 0
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise FileTooLarge(limit)
                digest.update(chunk)
                handle.write(chunk)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return StoredFile(name=name, size=size, sha256=digest.hexdigest())


def read(name: str) -> bytes:
    return _path(name).read_bytes()


def delete(name: str) -> None:
    _path(name).unlink(missing_ok=True)
