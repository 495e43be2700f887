"""Encryption at rest for personal data: data keys per owner, encrypted model fields, blind indexes,
encrypted files, key rotation and crypto-shredding. See docs/encryption.md.

The public API for other apps:

- `herzen.encryption.fields`: `EncryptedCharField`, `EncryptedTextField`, `EncryptedDateField`,
  `BlindIndexField` and the `data_key_owner` declaration a model with encrypted fields makes;
  `CellIntegrityError`, raised (and logged with its cell) by a value that fails its check.
- `herzen.encryption.rows`: `SealedRow`, the base of every model with encrypted fields (row versions).
- `herzen.encryption.keys`: `Owner`, `shred`, `prefetch_for`, `is_erased`, `register_erasure_record`,
  `DataKeyMissing`.
- `herzen.encryption.middleware`: `IntegrityErrorMiddleware`, the page that refuses a tampered record.
- `herzen.encryption.files`: `encrypt_file` / `decrypt_file` and `seal_value` / `open_value`.
- `herzen.encryption.blind`: `register_index`, `index_value`.
"""
