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
