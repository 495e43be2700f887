"""The API token format: `<prefix>.<secret>`, where the prefix is shown to users and the whole is hashed."""

import hashlib
import secrets

PREFIX_LENGTH = 10  # hex characters: 40 bits, plenty to tell a user's tokens apart and to look one up
SECRET_BYTES = 32  # 256 random bits: guessing is hopeless, so an unsalted SHA-256 is a safe digest
SEPARATOR = "."


def new_prefix() -> str:
    return secrets.token_hex(PREFIX_LENGTH // 2)


def new_token(prefix: str) -> str:
    return f"{prefix}{SEPARATOR}{secrets.token_urlsafe(SECRET_BYTES)}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str | None:
    """The prefix of a well-formed token, else None."""
    prefix, separator, secret = token.partition(SEPARATOR)
    if not separator or len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix
