"""Where an applicant's files wait until the application is sent. No database here: services.py records it.

Every file is first checked, cleaned and scanned by the one file pipeline of Herzen
(`herzen.evidence.pipeline`, the same for staff uploads). What it keeps is written under
HERZEN_PRIVATE_MEDIA_ROOT with a random name, outside the web root, encrypted with the draft's data key and
bound to its name (`herzen.encryption.files`): the disk never holds plaintext. On submit each file becomes an
evidence item of the case, re-sealed under the household's key, and leaves this directory.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings

from herzen.encryption.files import decrypt_file, encrypt_file
from herzen.encryption.keys import Owner

FILE_PURPOSE = "intake.upload"


def private_root() -> Path:
    return Path(settings.HERZEN_PRIVATE_MEDIA_ROOT) / "intake"


def stored_path(stored_name: str) -> Path:
    path = (private_root() / stored_name).resolve()
    if path.parent != private_root().resolve():  # a name is ours, never a path from outside
        raise ValueError("not an intake file name")
    return path


def draft_owner(draft_id: object) -> Owner:
    return Owner.of("intake_draft", draft_id)


def write_private(data: bytes, extension: str, *, owner: Owner) -> str:
    """Encrypt `data` with the owner's key and write it under a new random name, which it is bound to."""
    root = private_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored_name = f"{secrets.token_hex(20)}.{extension}"
    sealed = encrypt_file(owner, purpose=FILE_PURPOSE, file_id=stored_name, data=data)
    path = stored_path(stored_name)
    with open(path, "xb") as handle:
        handle.write(sealed)
    path.chmod(0o600)
    return stored_name


def read_private(stored_name: str, *, owner: Owner) -> bytes:
    """The decrypted file. Raises KeyErased once the owner's key is shredded."""
    sealed = stored_path(stored_name).read_bytes()
    return decrypt_file(owner, purpose=FILE_PURPOSE, file_id=stored_name, data=sealed)


def delete_private(stored_name: str) -> None:
    stored_path(stored_name).unlink(missing_ok=True)
