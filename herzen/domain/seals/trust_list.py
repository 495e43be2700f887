"""The trust list: every issuer key a verifier should accept, signed by the platform's operator.

A JWS in the flattened JSON serialisation (RFC 7515 §7.2.2), ES256, so a browser checks it with WebCrypto
and any authority with a few lines of code. Each issuer entry names the organisation, its country and the
document types it may issue: a seal of an authority's type under an NGO's key is a forgery even when the
signature is good.
"""

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from .keys import ES256, PublicKey, SealSigner, key_id, public_key_of

FORMAT = "herzen-trust-list/1"


class TrustListError(ValueError):
    pass


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TrustedIssuer:
    kid: bytes
    organisation: str
    country: str
    certificate_der: bytes
    document_types: frozenset[str]
    valid_until: datetime | None = None

    @property
    def public_key(self) -> PublicKey:
        return public_key_of(self.certificate_der)

    def as_json(self) -> dict[str, Any]:
        spki = self.public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return {
            "kid": b64url(self.kid),
            "alg": "ES256",
            "organisation": self.organisation,
            "country": self.country,
            "document_types": sorted(self.document_types),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "public_key": b64url(spki),
            "certificate": b64url(self.certificate_der),
        }


@dataclass(frozen=True)
class TrustList:
    issuers: dict[bytes, TrustedIssuer]
    issued_at: datetime
    extra: dict[str, Any]  # published alongside (document type names in each language)

    def issuer(self, kid: bytes) -> TrustedIssuer | None:
        return self.issuers.get(kid)


def sign_jws(body: dict[str, Any], operator: SealSigner) -> dict[str, str]:
    """`body` as a flattened JWS (RFC 7515 §7.2.2, ES256) signed by the operator: the trust list, a status list."""
    if operator.algorithm != ES256:
        raise TrustListError("The operator signs with ES256.")
    header = {"alg": "ES256", "kid": b64url(key_id(operator.certificate_der))}
    protected = b64url(json.dumps(header, separators=(",", ":")).encode())
    payload = b64url(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
    signature = operator.sign(f"{protected}.{payload}".encode())
    return {"protected": protected, "payload": payload, "signature": b64url(signature)}


def read_jws(signed: object, operator_key: PublicKey) -> dict[str, Any]:
    """The body of a JWS the operator signed; TrustListError for anything else (a changed bit, another key)."""
    if not isinstance(signed, dict):
        raise TrustListError("Not a JWS signed by the operator.")
    try:
        message = f"{signed['protected']}.{signed['payload']}".encode()
        if not verify_es256(operator_key, message, unb64url(signed["signature"])):
            raise TrustListError("The signature is not the operator's.")
        body = json.loads(unb64url(signed["payload"]))
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, TrustListError):
            raise
        raise TrustListError("Not a JWS signed by the operator.") from error
    if not isinstance(body, dict):
        raise TrustListError("Not a JWS signed by the operator.")
    return body


def sign_trust_list(
    issuers: list[TrustedIssuer], issued_at: datetime, operator: SealSigner, extra: dict[str, Any]
) -> dict[str, str]:
    body = {"format": FORMAT, "issued_at": issued_at.isoformat(), **extra}
    body["issuers"] = [issuer.as_json() for issuer in issuers]
    return sign_jws(body, operator)


def verify_es256(public_key: PublicKey, message: bytes, raw_signature: bytes) -> bool:
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or len(raw_signature) != 64:
        return False
    der = encode_dss_signature(int.from_bytes(raw_signature[:32]), int.from_bytes(raw_signature[32:]))
    try:
        public_key.verify(der, message, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def read_trust_list(signed: dict[str, str], operator_key: PublicKey) -> TrustList:
    body = read_jws(signed, operator_key)
    try:
        if body.get("format") != FORMAT:
            raise TrustListError("Not a Herzen trust list.")
        issuers = {}
        for entry in body["issuers"]:
            issuer = TrustedIssuer(
                kid=unb64url(entry["kid"]),
                organisation=entry["organisation"],
                country=entry["country"],
                certificate_der=unb64url(entry["certificate"]),
                document_types=frozenset(entry["document_types"]),
                valid_until=datetime.fromisoformat(entry["valid_until"]) if entry["valid_until"] else None,
            )
            if key_id(issuer.certificate_der) != issuer.kid:
                raise TrustListError("A key id does not match its certificate.")
            issuers[issuer.kid] = issuer
        extra = {key: value for key, value in body.items() if key not in ("format", "issued_at", "issuers")}
        return TrustList(issuers, datetime.fromisoformat(body["issued_at"]), extra)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, TrustListError):
            raise
        raise TrustListError("The trust list is malformed.") from error
