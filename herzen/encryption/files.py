"""Encrypting what is not a model field: uploaded files, drafts, exports.

Everything is sealed with the owner's data key (so shredding the owner erases it too) and bound to a
purpose and an id, so a blob copied to another record or purpose does not open. Usage (e.g. an upload):

    from herzen.encryption.files import encrypt_file, decrypt_file
    from herzen.encryption.keys import Owner

    owner = Owner.of("person", person.pk)
    blob = encrypt_file(owner, purpose="intake.evidence", file_id=str(upload.pk), data=uploaded.read())
    storage.save(f"evidence/{upload.pk}", ContentFile(blob))      # never the plaintext
    ...
    data = decrypt_file(owner, purpose="intake.evidence", file_id=str(upload.pk), data=storage.open(...).read())

`seal_value` / `open_value` do the same for text kept outside an encrypted field (e.g. a JSON draft).
Raises `KeyErased` when the owner was erased and `DecryptionFailed` when the blob does not belong here.
"""

from herzen.domain.crypto import DecryptionFailed, FieldContext, open_bytes, open_text, seal_bytes, seal_text
from herzen.encryption.fields import cell_failed
from herzen.encryption.keys import Owner, data_key


def _context(purpose: str, record_id: str) -> FieldContext:
    return FieldContext(table=f"file:{purpose}", field="content", row_id=record_id)


def encrypt_file(owner: Owner, *, purpose: str, file_id: str, data: bytes) -> bytes:
    key = data_key(owner, create=True)
    return seal_bytes(key.key, key.version, _context(purpose, file_id), data)


def decrypt_file(owner: Owner, *, purpose: str, file_id: str, data: bytes) -> bytes:
    context = _context(purpose, file_id)
    try:
        return open_bytes(data_key(owner).key, context, data)
    except DecryptionFailed as error:  # logged naming the purpose and file id, like a cell
        raise cell_failed(context, str(error)) from error


def seal_value(owner: Owner, *, table: str, field: str, row_id: str, plaintext: str) -> str:
    key = data_key(owner, create=True)
    return seal_text(key.key, key.version, FieldContext(table, field, row_id), plaintext)


def open_value(owner: Owner, *, table: str, field: str, row_id: str, ciphertext: str) -> str:
    context = FieldContext(table, field, row_id)
    try:
        return open_text(data_key(owner).key, context, ciphertext)
    except DecryptionFailed as error:
        raise cell_failed(context, str(error)) from error
