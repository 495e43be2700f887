"""The public verifier (issue 19): a page anyone opens without a login, which then works offline.

A service worker (served from /verify/ so that it controls the page) keeps the page, its script, the trust
list and the status lists; the page reads the QR with a vendored decoder (jsQR), checks the ES256 signature
with WebCrypto against the operator-signed trust list, and looks the document up in the status lists. No
request goes to another host; nothing the checker types leaves the phone.
"""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from herzen.documents import keystore, selectors
from herzen.domain.seals.trust_list import b64url

# The page may use the camera to read a QR code (every other page keeps it off, herzen.core.middleware).
VERIFIER_PERMISSIONS = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"
STATUS_PURPOSES = ("revocation", "suspension")


@login_not_required
@require_GET
def verifier_view(request: HttpRequest) -> HttpResponse:
    operator = keystore.operator_signer().certificate.public_key()
    from cryptography.hazmat.primitives import serialization

    spki = operator.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    response = render(request, "web/documents/verifier.html", {"operator_key": b64url(spki)})
    response["Permissions-Policy"] = VERIFIER_PERMISSIONS
    patch_cache_control(response, no_cache=True)  # the worker serves it offline; online, always fresh
    return response


@login_not_required
@require_GET
def verifier_worker_view(request: HttpRequest) -> HttpResponse:
    """The service worker. Served from /verify/ (not /static/) so that its scope covers the page."""
    assets = [static("herzen/verifier.js"), static("vendor/jsqr/jsQR.js"), static("herzen/herzen.css")]
    script = render(request, "web/documents/verifier_worker.js", {"assets": json.dumps(assets)}).content
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, no_cache=True)
    return response


@login_not_required
@require_GET
def trust_list_view(request: HttpRequest) -> HttpResponse:
    """The operator-signed list of issuer keys (JWS, flattened JSON serialisation). ?download=1 saves it."""
    response = JsonResponse(selectors.signed_trust_list())
    patch_cache_control(response, public=True, max_age=selectors.STATUS_TTL_SECONDS)
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="herzen-trust-list.json"'
    return response


@login_not_required
@require_GET
def operator_key_view(request: HttpRequest) -> HttpResponse:
    """The operator's public key (PEM), which signs the trust list: what an authority pins once."""
    response = HttpResponse(keystore.operator_public_key_pem(), content_type="application/x-pem-file")
    patch_cache_control(response, public=True, max_age=selectors.STATUS_TTL_SECONDS)
    return response


@login_not_required
@require_GET
def status_list_view(request: HttpRequest, purpose: str) -> HttpResponse:
    if purpose not in STATUS_PURPOSES:
        return HttpResponse(status=404)
    # Signed by the operator (a JWS whose payload is the BitstringStatusListCredential): verifiers refuse a
    # list that a cache or a copy changed.
    body = selectors.signed_status_list(purpose, request.build_absolute_uri())
    response = JsonResponse(body)
    # ttl ≤ 24 h: caches and the verifier's worker refresh the list at least this often.
    patch_cache_control(response, public=True, max_age=selectors.STATUS_TTL_SECONDS)
    return response
