"""The full-data variant, for the few places that need the data in the code: an ICAO VDS-NC-shaped JSON seal.

`{"data": {"hdr": {"t": "icao.herzen", "v": 1, "is": <ISO 3166 alpha-3>}, "msg": {...}},
"sig": {"alg": "ES256", "cer": <base64url DER certificate>, "sigvl": <base64url r ‖ s>}}`, the signature over
the RFC 8785 (JCS) canonical form of `data`. The certificate travels inside, as VDS-NC wants; a verifier
still checks that its key id is on Herzen's trust list. Values are strings and integers only, for which JCS is
`json.dumps` with sorted keys, no spaces and UTF-8 (no floats, whose JCS form differs).

It discloses what it carries: issue it only where a verifier must read the data offline from the code.
"""

import json
from typing import Any

from cryptography import x509

from .keys import ES256, SealSigner, key_id
from .trust_list import TrustedIssuer, TrustList, b64url, unb64url, verify_es256

MAX_TEXT = 4000
HEADER_TYPE = "icao.herzen"


class NotAVdsNc(ValueError):
    pass


def canonical(value: dict[str, Any]) -> bytes:
    """RFC 8785 for objects of strings, integers and nested objects (what a Herzen VDS-NC holds)."""

    def check(item: object) -> None:
        if isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise NotAVdsNc("keys are strings")
                check(inner)
        elif isinstance(item, bool) or not isinstance(item, str | int):
            raise NotAVdsNc("values are strings or integers")

    check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def vds_nc_seal(message: dict[str, Any], *, issuing_country: str, signer: SealSigner) -> str:
    if signer.algorithm != ES256:
        raise NotAVdsNc("VDS-NC seals here are ES256.")
    data = {"hdr": {"t": HEADER_TYPE, "v": 1, "is": issuing_country}, "msg": message}
    signature = signer.sign(canonical(data))
    sig = {"alg": "ES256", "cer": b64url(signer.certificate_der), "sigvl": b64url(signature)}
    return json.dumps({"data": data, "sig": sig}, ensure_ascii=False, separators=(",", ":"))


def vds_nc_issuer(text: str, trust: TrustList) -> TrustedIssuer | None:
    """The listed issuer whose certificate the seal carries (None: not on the trust list); NotAVdsNc when
    the text is not shaped as a Herzen VDS-NC at all."""
    if len(text) > MAX_TEXT:
        raise NotAVdsNc("too long")
    try:
        seal = json.loads(text)
        certificate = unb64url(seal["sig"]["cer"])
        if seal["data"]["hdr"]["t"] != HEADER_TYPE:
            raise NotAVdsNc("header")
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, NotAVdsNc):
            raise
        raise NotAVdsNc("malformed") from error
    issuer = trust.issuer(key_id(certificate))
    return issuer if issuer is not None and issuer.certificate_der == certificate else None


def vds_nc_read(text: str, trust: TrustList) -> dict[str, Any]:
    """The message of a genuine seal by a listed issuer; NotAVdsNc otherwise."""
    if len(text) > MAX_TEXT:
        raise NotAVdsNc("too long")
    try:
        seal = json.loads(text)
        data, sig = seal["data"], seal["sig"]
        certificate = unb64url(sig["cer"])
        signature = unb64url(sig["sigvl"])
        if sig["alg"] != "ES256" or data["hdr"]["t"] != HEADER_TYPE:
            raise NotAVdsNc("header")
        issuer = trust.issuer(key_id(certificate))
        if issuer is None or issuer.certificate_der != certificate:
            raise NotAVdsNc("unknown issuer")
        public_key = x509.load_der_x509_certificate(certificate).public_key()
        if not verify_es256(public_key, canonical(data), signature):  # type: ignore[arg-type]
            raise NotAVdsNc("forged")
        message: dict[str, Any] = data["msg"]
        return message
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, NotAVdsNc):
            raise
        raise NotAVdsNc("malformed") from error
