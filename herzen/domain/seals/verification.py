"""Checking a seal offline: the trust list and the status lists are all a verifier needs."""

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from .keys import EDDSA
from .status_list import Bitstring
from .token import NotASeal, ParsedSeal, parse
from .trust_list import TrustedIssuer, TrustList, verify_es256
from .vds_nc import NotAVdsNc, vds_nc_issuer, vds_nc_read


class Outcome(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    UNKNOWN_ISSUER = "unknown_issuer"
    FORGED = "forged"
    NOT_A_SEAL = "not_a_seal"


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    seal: ParsedSeal | None = None
    issuer: TrustedIssuer | None = None


def signature_holds(seal: ParsedSeal, issuer: TrustedIssuer) -> bool:
    key = issuer.public_key
    if seal.algorithm == EDDSA:
        if not isinstance(key, ed25519.Ed25519PublicKey):
            return False
        try:
            key.verify(seal.signature, seal.signed_bytes)
        except InvalidSignature:
            return False
        return True
    return verify_es256(key, seal.signed_bytes, seal.signature)


def verify(
    text: str, *, trust: TrustList, revoked: Bitstring, suspended: Bitstring, now: datetime
) -> Verification:
    try:
        seal = parse(text)
    except NotASeal:
        return Verification(Outcome.NOT_A_SEAL)
    issuer = trust.issuer(seal.kid)
    if issuer is None:
        return Verification(Outcome.UNKNOWN_ISSUER, seal)
    if not signature_holds(seal, issuer) or seal.claims.document_type not in issuer.document_types:
        return Verification(Outcome.FORGED, seal, issuer)
    index = seal.claims.status_index
    if index < revoked.size and revoked.get(index):
        return Verification(Outcome.REVOKED, seal, issuer)
    if index < suspended.size and suspended.get(index):
        return Verification(Outcome.SUSPENDED, seal, issuer)
    if now >= seal.claims.expires_at:
        return Verification(Outcome.EXPIRED, seal, issuer)
    return Verification(Outcome.VALID, seal, issuer)


@dataclass(frozen=True)
class FullVerification:
    """The check of a full-data (VDS-NC) seal: the outcome and, for a genuine seal, the data it carries."""

    outcome: Outcome
    message: dict[str, Any] | None = None
    issuer: TrustedIssuer | None = None


def verify_full(
    text: str, *, trust: TrustList, revoked: Bitstring, suspended: Bitstring, now: datetime
) -> FullVerification:
    """The same checks as `verify`, in the same order, for the VDS-NC variant (herzen.domain.seals.vds_nc):
    its message names the document type (`t`), its status index (`si`) and its end of validity (`vu`, Unix
    seconds)."""
    try:
        issuer = vds_nc_issuer(text, trust)
    except NotAVdsNc:
        return FullVerification(Outcome.NOT_A_SEAL)
    if issuer is None:
        return FullVerification(Outcome.UNKNOWN_ISSUER)
    try:
        message = vds_nc_read(text, trust)
    except NotAVdsNc:
        return FullVerification(Outcome.FORGED, None, issuer)
    index, kind, until = message.get("si"), message.get("t"), message.get("vu")
    if not isinstance(index, int) or not isinstance(until, int) or kind not in issuer.document_types:
        return FullVerification(Outcome.FORGED, None, issuer)
    for bits, outcome in ((revoked, Outcome.REVOKED), (suspended, Outcome.SUSPENDED)):
        if 0 <= index < bits.size and bits.get(index):
            return FullVerification(outcome, message, issuer)
    if now.timestamp() >= until:
        return FullVerification(Outcome.EXPIRED, message, issuer)
    return FullVerification(Outcome.VALID, message, issuer)
