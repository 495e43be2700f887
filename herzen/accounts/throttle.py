"""Wrong passwords for one user name slow down whoever types them, without locking the account.

A fixed lock ("5 wrong passwords lock the account for 15 minutes") lets anyone who knows a colleague's user
name keep them out for as long as they care to keep typing. Here the account's wrong passwords are counted
across every client, and after `HERZEN_LOGIN_FREE_FAILURES` of them each *client* must wait 1 s, 2 s, 4 s ...
(at most `HERZEN_LOGIN_BACKOFF_MAX_SECONDS`) after its own last wrong password for that name:

- one attacker is slowed exponentially, and many attackers each get one try per back-off period at most
  (each address is also capped at 30 wrong passwords in 15 minutes by allauth's rate limit);
- the real user, from their own address, is never refused for someone else's attempts: a client that has
  not failed for this name waits for nothing. Only their own mistyped password makes them wait.

A second factor is required for every account, so a guessed password alone opens nothing. The counts live in
the shared cache (the database cache in production, so every worker process sees them); a user name is kept
only as a hash, whether or not an account of that name exists, so the throttle reveals nothing about accounts.
"""

import hashlib
import ipaddress
import math
import time

from allauth import app_settings as allauth_settings
from django.conf import settings
from django.core.cache import cache

# How long an account's count of wrong passwords is remembered after the last one.
ACCOUNT_MEMORY_SECONDS = 24 * 60 * 60


def now() -> float:
    """The clock the back-off is measured with (tests move it)."""
    return time.time()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _client(address: str) -> str:
    # An IPv6 client has a whole prefix to pick addresses from: count the prefix, as allauth's limits do.
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.IPv6Network(f"{parsed}/{prefix}", strict=False).network_address)
    return str(parsed)


def _account_key(login: str) -> str:
    return f"herzen:login-backoff:account:{_digest(login.strip().lower())}"


def _client_key(login: str, address: str) -> str:
    return f"herzen:login-backoff:client:{_digest(login.strip().lower())}:{_digest(_client(address))}"


def backoff_seconds(failures: int) -> float:
    """The wait after an account's `failures`-th wrong password: none for the free ones, then doubling."""
    free = settings.HERZEN_LOGIN_FREE_FAILURES
    if failures < free:
        return 0.0
    return float(min(settings.HERZEN_LOGIN_BACKOFF_MAX_SECONDS, 2 ** min(failures - free, 32)))


def seconds_to_wait(login: str, address: str) -> int:
    """Whole seconds this client must still wait before trying `login` again (0: it may try now)."""
    last_failure = cache.get(_client_key(login, address))
    if last_failure is None:
        return 0
    failures = cache.get(_account_key(login), 0)
    remaining = last_failure + backoff_seconds(failures) - now()
    return max(0, math.ceil(remaining))


def record_failure(login: str, address: str) -> None:
    key = _account_key(login)
    failures = cache.get(key, 0) + 1
    cache.set(key, failures, ACCOUNT_MEMORY_SECONDS)
    cache.set(_client_key(login, address), now(), settings.HERZEN_LOGIN_BACKOFF_MAX_SECONDS)


def record_success(login: str, address: str) -> None:
    # Only this client's wait ends: the account's count stays, or an attacker would win back their free
    # attempts each time the real user signs in.
    cache.delete(_client_key(login, address))
