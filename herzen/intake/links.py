"""Private links: unguessable tokens of which only a SHA-256 hash is stored, and the e-mail lookup hash."""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def email_lookup(email: str) -> str:
    """A keyed hash of an e-mail address: finds a draft for "send me my link" without storing the address."""
    key = f"herzen.intake.email:{settings.SECRET_KEY}".encode()
    return hmac.new(key, email.strip().lower().encode("utf-8"), hashlib.sha256).hexdigest()
