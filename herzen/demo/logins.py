"""The demo's logins, kept between runs: passwords and authenticator-app (TOTP) secrets are made once, saved
in `HERZEN_DEMO_LOGINS_FILE` (var/demo-logins.json, readable by its owner only, beside the demo's keys) and
shown again on later runs, so the entries a user added to an authenticator app keep working after a restart.

`herzen demo --reset-logins` makes new ones. An account whose password or secret no longer matches what was
kept (a new database after `--reset`, or a change made in the admin) is given the kept one again, through the
same audited services; an account that matches is not written at all.
"""

import json
import os
import secrets
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt

from herzen.accounts.models import User
from herzen.accounts.services import staff_totp_activate, staff_user_set_password
from herzen.core.actor import Actor

FORMAT_VERSION = 1


class LoginKeeper:
    """Hands out each demo account's password and TOTP secret: the kept ones if there are, else new ones."""

    def __init__(self, path: Path | None = None, *, reset: bool = False) -> None:
        self.path = path
        self.kept: dict[str, dict[str, str]] = {} if reset or path is None else _read(path)
        self.reused = bool(self.kept)

    def password(self, actor: Actor, user: User) -> str:
        kept = self.kept.setdefault(user.username, {})
        if kept.get("password") and kept.get("password_hash") == user.password:
            return kept["password"]
        password = kept.get("password") or secrets.token_urlsafe(12)
        user = staff_user_set_password(actor=actor, user_id=user.pk, password=password)
        # The hash (salted anew by each set) tells a later run, without hashing again, that nothing changed.
        kept.update(password=password, password_hash=user.password)
        return password

    def totp_secret(self, actor: Actor, user: User) -> str:
        kept = self.kept.setdefault(user.username, {})
        secret = kept.get("totp_secret")
        if secret and secret == _current_totp_secret(user):
            return secret
        secret = staff_totp_activate(actor=actor, user_id=user.pk, secret=secret or None)
        kept["totp_secret"] = secret
        return secret

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        # Created readable by the owner only: these are working logins (of synthetic data, but still).
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump({"version": FORMAT_VERSION, "logins": self.kept}, file, indent=2, sort_keys=True)
        temporary.replace(self.path)


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or unreadable: new logins are made and the file is written afresh
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        return {}
    logins = document.get("logins")
    return logins if isinstance(logins, dict) else {}


def _current_totp_secret(user: User) -> str | None:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else None
