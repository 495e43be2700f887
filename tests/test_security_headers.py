"""HTTP hardening: a Content Security Policy with no other host and no inline script, the security headers,
and templates that need no 'unsafe-inline'."""

import re
from pathlib import Path

from django.test import Client

from herzen.accounts.tests.helpers import login_with_mfa

ROOT = Path(__file__).resolve().parents[1]


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_carries_a_strict_content_security_policy(db):
    response = Client().get("/login/")

    directives = _directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    sources = [source for values in directives.values() for source in values]
    assert not [s for s in sources if "unsafe" in s], sources
    # Only this origin (and data: images, used for the QR code of a new authenticator app).
    assert set(sources) <= {"'self'", "'none'", "data:"}, sources


def test_security_headers(db):
    response = Client().get("/login/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_pages_of_a_signed_in_user_are_not_stored_by_the_browser(caseworker_a):
    response = login_with_mfa(Client(), caseworker_a.user).get("/cases/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_api_answers_carry_the_headers_too(db):
    response = Client().get("/api/v1/cases/")

    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_templates_have_no_inline_script_style_or_event_handler():
    offenders = []
    for path in sorted((ROOT / "herzen").glob("**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for name, pattern in (("script", INLINE_SCRIPT), ("style", INLINE_STYLE), ("handler", EVENT_HANDLER)):
            if pattern.search(text):
                offenders.append((str(path.relative_to(ROOT)), name))

    assert offenders == []
