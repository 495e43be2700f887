"""A signed-in staff session for a benchmark client, made in the database the way a real login leaves it.

Staff log in with a password and then a second factor (allauth + TOTP, enforced by
herzen.accounts.middleware.MfaRequiredMiddleware). A benchmark measures the pages behind the login, not the
login, so this writes the session allauth writes after both stages were passed (the same records as
herzen/accounts/tests/helpers.py `login_with_mfa`) and prints its key, for the client's `sessionid` cookie.

    DATABASE_URL=... python -m bench.sessions tbilisi-caseworker     # prints the session key

Run as a subprocess per database, since each benchmark database is a different Django configuration.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def create_session(username: str) -> str:
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.module_loading import import_string

    from herzen.accounts.middleware import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY

    user = get_user_model().objects.get(username=username)
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    now = time.time()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "username": user.get_username()},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    store[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    store[SESSION_STARTED_KEY] = now
    store[SESSION_LAST_SEEN_KEY] = now
    store.save()
    return str(store.session_key)


def session_for(database_env: dict[str, str], username: str) -> str:
    """The key of a fresh signed-in session of `username` in the database the environment points at."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", **database_env}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.sessions", username],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"could not create a session for {username}: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description="Create a signed-in staff session and print its key.")
    parser.add_argument("username")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    print(create_session(arguments.username))


if __name__ == "__main__":
    main()
