"""Playwright driving Debian's Chromium against Django's live server, at a phone's width.

Every request the page makes is recorded, and a test fails if any leaves 127.0.0.1: a third-party
request could tell a hostile state who uses Herzen.
"""

import os
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make are still
# synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _urlconf_imported():
    """Import the URLconf (and with it every view, the API and its schema tools) before the first page: done
    cold by the live server's first request on a loaded machine, it can take longer than a page's 10 s."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point


@pytest.fixture(autouse=True)
def _cold_key_cache():
    """The test thread forgets the data keys it unwrapped (as a request does at its end): a transactional
    test's flush deletes the key rows, and a key kept from an earlier test would encrypt a new row (e.g. a
    TOTP secret) under a key the live server can no longer find."""
    from herzen.encryption.keys import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (browser tests are never skipped)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def foreign_requests():
    return []


@pytest.fixture
def phone(chromium, foreign_requests):
    """A fresh browser context the size of a phone; fails the test if a request left this machine."""
    context = chromium.new_context(viewport=PHONE, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(10_000)

    def check(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            foreign_requests.append(request.url)

    page.on("request", check)
    yield page
    context.close()
    assert foreign_requests == [], f"requests to other hosts: {foreign_requests}"


def assert_fits_the_phone(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 390px"


def login_staff(page, live_server, username, password):
    """Log a staff member in through the real login: user name and password, then a code from their
    authenticator app. The user gets an authenticator app (TOTP) factor first if they have none (through the
    audited service), and the code is computed from its secret. Ends on the page login leads to (the case
    list unless the user was sent to login from elsewhere)."""
    from herzen.accounts.models import User
    from herzen.accounts.tests.helpers import give_totp, totp_code

    secret = give_totp(User.objects.get(username=username))
    if "/login/" not in page.url:
        page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("#id_code", totp_code(secret))
    page.press("#id_code", "Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url and "/login/" not in url)
