"""A sealed document from its issue to a check on a phone with no connection (issue 19).

The German interior ministry, which declared the admission, issues the admission notice on a 390 px phone and
opens its signed PDF. A border guard's phone loads the public verifier once, goes offline, reads the QR from a
photo and sees the document valid and the holder's name and date of birth matching. The ministry revokes the
notice; once the guard's phone refreshes the lists, the same photo shows it revoked.
"""

import base64

import pytest
from django.utils import timezone

from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.documents.models import IssuedDocument
from herzen.pathways.tests.factories import make_application
from tests.browser.conftest import PHONE, assert_fits_the_phone, login_staff

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture
def admitted(transactional_db, open_regimes, caseworker_a, actor_for, authorities):
    application = walk(
        make_application(caseworker_a, make_case(caseworker_a)),
        target="admission_declared",
        actor_for=actor_for("DE"),
        today=timezone.localdate(),
    )
    interior = authorities("DE")["interior_ministry"].user
    interior.set_password(PASSWORD)
    interior.save()
    return application, interior.username


def _bad_seals(document):
    """Seals the page must refuse, each for its reason, made with the issuer's real key where it matters."""
    import zlib
    from datetime import timedelta

    import cbor2

    from herzen.documents import keystore
    from herzen.domain.seals import LocalSealSigner, base45, parse, seal
    from herzen.domain.seals.token import SealClaims

    claims = parse(document.token).claims
    issuer = keystore.file_signer(document.kid)
    stranger = LocalSealSigner.generate(organisation="Stranger", country="DE")
    expired = SealClaims(**{**claims.__dict__, "expires_at": claims.issued_at + timedelta(seconds=1)})
    cose = cbor2.loads(zlib.decompress(base45.decode(document.token[4:], max_length=2000)))
    protected, _, payload, _ = cose.value
    signature = stranger.sign(cbor2.dumps(["Signature1", protected, b"", payload]))
    forged = cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, signature]))
    return {
        seal(expired, issuer): "expired",
        seal(claims, stranger): "unknown_issuer",
        "HZ1:" + base45.encode(zlib.compress(forged)): "forged",
        "HZ1:NOT A SEAL": "not_a_seal",
    }


def _verdict(page):
    page.wait_for_selector("#verdict:not([data-outcome=''])")
    return page.get_attribute("#verdict", "data-outcome")


def _wait_until(page, expression, tries=100):
    """Poll an expression (the page's CSP forbids the eval wait_for_function needs)."""
    for _ in range(tries):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def test_an_admission_notice_is_issued_and_checked_offline_then_revoked(
    admitted, phone, chromium, live_server, tmp_path, foreign_requests
):
    application, username = admitted
    # The ministry issues the notice from the application's documents page.
    login_staff(phone, live_server, username, PASSWORD)
    phone.goto(f"{live_server.url}/applications/{application.pk}/")
    phone.click("#application-documents-link")
    assert_fits_the_phone(phone)
    phone.select_option("#id_document_type", "admission_notice")
    phone.click("#document-issue-form button[type=submit]")
    phone.wait_for_url("**/documents/*/")
    assert_fits_the_phone(phone)
    document = IssuedDocument.objects.get()
    pdf = phone.context.request.get(live_server.url + phone.get_attribute("#document-pdf", "href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert b"/ByteRange" in pdf.body()
    photo = tmp_path / "seal.png"
    photo.write_bytes(base64.b64decode(phone.get_attribute("#seal-qr", "src").split(",", 1)[1]))

    # A checker's phone, never logged in, loads the verifier once and then loses its connection.
    guard_context = chromium.new_context(viewport=PHONE, locale="ru-RU")
    guard_context.on(
        "request",
        lambda r: None if "127.0.0.1" in r.url or "localhost" in r.url else foreign_requests.append(r.url),
    )
    guard = guard_context.new_page()
    guard.set_default_timeout(15_000)
    guard.goto(f"{live_server.url}/verify/")
    guard.wait_for_selector("#verifier[data-ready=true]", state="attached")
    _wait_until(guard, "navigator.serviceWorker.controller !== null")
    guard_context.set_offline(True)
    guard.reload()
    guard.wait_for_selector("#verifier[data-ready=true]", state="attached")
    assert "Проверка документа с печатью" in guard.text_content("h1")
    assert_fits_the_phone(guard)
    guard.set_input_files("#scan-file", str(photo))
    assert _verdict(guard) == "valid"
    assert document.organisation.name in guard.text_content("#fact-issuer")
    guard.fill("#holder-name", "anna SHCHUKINA sergeevna")
    guard.fill("#holder-birth", "1990-05-17")
    guard.click("#holder-form button[type=submit]")
    guard.wait_for_selector("#holder-result[data-match]")
    assert guard.get_attribute("#holder-result", "data-match") == "true"

    # Still offline, the page tells an expired notice, a stranger's seal, a forgery and garbage apart.
    guard.click("#seal-text-panel summary")
    for text, outcome in _bad_seals(document).items():
        guard.evaluate("document.getElementById('verdict').dataset.outcome = ''")
        guard.fill("#seal-text", text)
        guard.click("#check-text")
        assert _verdict(guard) == outcome
    guard.evaluate("document.getElementById('verdict').dataset.outcome = ''")
    guard.set_input_files("#scan-file", str(photo))
    assert _verdict(guard) == "valid"

    # The ministry revokes it; the guard's phone, back online, refreshes its lists and checks again.
    phone.select_option("#id_status", "revoked")
    phone.fill("#id_reason", "Выдано по ошибке")
    phone.click("#document-status-form button[type=submit]")
    phone.wait_for_url(f"**/documents/{document.pk}/")
    guard_context.set_offline(False)
    guard.evaluate("document.getElementById('verdict').dataset.outcome = ''")
    guard.click("#refresh-lists")
    assert _verdict(guard) == "revoked"
    guard_context.close()


@pytest.fixture
def visa_document(transactional_db, open_regimes, caseworker_a, actor_for, authorities):
    from herzen.documents import services

    application = walk(
        make_application(caseworker_a, make_case(caseworker_a)),
        target="visa_issued",
        actor_for=actor_for("DE"),
        today=timezone.localdate(),
    )
    consulate = authorities("DE")["embassy_consulate"]
    return services.document_issue(
        actor=consulate, document_type="visa_confirmation", application_id=application.pk
    )


def test_the_verifier_reads_a_full_data_seal_and_refuses_a_changed_status_list(
    visa_document, chromium, live_server, foreign_requests
):
    import json

    from herzen.documents import selectors

    text = selectors.full_data_seal(visa_document)
    # No service worker here: Playwright's route() cannot see requests a worker answers.
    context = chromium.new_context(viewport=PHONE, locale="en-GB", service_workers="block")
    context.on(
        "request",
        lambda r: None if "127.0.0.1" in r.url or "localhost" in r.url else foreign_requests.append(r.url),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/verify/")
    page.wait_for_selector("#verifier[data-ready=true]", state="attached")
    page.click("#seal-text-panel summary")
    page.fill("#seal-text", text)
    page.click("#check-text")
    assert _verdict(page) == "valid"
    assert page.text_content("#full-name") == visa_document.holder_name_latin
    assert page.text_content("#full-number") == visa_document.number
    assert page.is_hidden("#holder-form")  # the data is in the code: nothing to compare by hash
    assert_fits_the_phone(page)
    page.evaluate("document.getElementById('verdict').dataset.outcome = ''")
    page.fill("#seal-text", text.replace(visa_document.holder_name_latin, "IVANOV IVAN"))
    page.click("#check-text")
    assert _verdict(page) == "forged"

    # Someone on the way serves a revocation list with a bit changed: the page refuses it, loudly.
    def tampered(route):
        signed = route.fetch().json()
        body = json.loads(base64.urlsafe_b64decode(signed["payload"] + "=="))
        body["credentialSubject"]["encodedList"] = "u" + body["credentialSubject"]["encodedList"][1:][::-1]
        signed["payload"] = base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")
        route.fulfill(json=signed)

    page.route("**/.well-known/herzen/status/revocation", tampered)
    page.click("#refresh-lists")
    page.wait_for_selector("#lists-state.verdict--bad")
    assert "Refused" in page.text_content("#lists-state")
    context.close()
