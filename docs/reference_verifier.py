#!/usr/bin/env python3
"""Reference verifier for Herzen document seals, independent of Herzen (needs only cbor2 and cryptography).

    python reference_verifier.py SEAL_TEXT --operator-key operator-key.pem --trust-list trust-list.json \
        --revocation revocation.json --suspension suspension.json [--now 2026-12-07T12:00:00+00:00]
        [--name "Ivan Ivanov" --birth 1990-05-17]

From https://<herzen host>/.well-known/herzen/: operator-key.pem once (out of band if you can), trust-list and
status/revocation, status/suspension (JWS signed by the operator; a changed one is refused) at least daily.
Prints one outcome, exit 0 only for "valid": valid, revoked, suspended, expired, unknown_issuer, forged,
not_a_seal. HZ1: + Base45 of zlib(COSE_Sign1 of a CWT); docs/adr/0130-document-seals.md.
"""

import argparse
import base64
import gzip
import hashlib
import json
import sys
import unicodedata
import zlib
from datetime import UTC, datetime

import cbor2
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
ICAO = dict(zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", ["A", "B", "V", "G", "D", "E", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P", "R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "_", "E", "IU", "IA"], strict=True))  # fmt: skip


def base45_decode(text):
    if len(text) > 1200 or len(text) % 3 == 1:
        raise ValueError("length")
    out = bytearray()
    for i in range(0, len(text), 3):
        n = sum(B45.index(c) * 45**k for k, c in enumerate(text[i : i + 3]))  # ValueError if not Base45
        if n > (0xFFFF if len(text[i : i + 3]) == 3 else 0xFF):
            raise ValueError("range")
        out += n.to_bytes(2 if len(text[i : i + 3]) == 3 else 1, "big")
    return bytes(out)


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def es256_ok(key, message, raw):
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        key.verify(der, message, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def operator_signed(path, operator_key, what):
    signed = json.load(open(path, encoding="utf-8"))  # noqa: SIM115  (a flattened JWS, ES256)
    message = f"{signed['protected']}.{signed['payload']}".encode()
    if not es256_ok(operator_key, message, b64url(signed["signature"])):
        sys.exit(f"REFUSED: the {what} is not signed by the operator's key (changed or forged).")
    return json.loads(b64url(signed["payload"]))


def load_trust_list(path, operator_key):
    issuers = {}
    for entry in operator_signed(path, operator_key, "trust list")["issuers"]:
        der = b64url(entry["certificate"])
        if hashlib.sha256(der).digest()[:8] != b64url(entry["kid"]):  # DCC key id: SHA-256(cert)[:8]
            sys.exit("A key id does not match its certificate.")
        issuers[b64url(entry["kid"])] = (x509.load_der_x509_certificate(der).public_key(), entry)
    return issuers


def load_status(path, operator_key, purpose):
    subject = operator_signed(path, operator_key, f"{purpose} list")["credentialSubject"]
    if subject["statusPurpose"] != purpose:  # a suspension list offered as the revocation list
        sys.exit(f"REFUSED: not a {purpose} list.")
    return gzip.decompress(b64url(subject["encodedList"][1:]))  # multibase "u" = base64url


def parse(text):
    if not text.startswith("HZ1:"):
        raise ValueError("prefix")
    inflater = zlib.decompressobj()
    cose = cbor2.loads(
        inflater.decompress(base45_decode(text[4:]), 1025), max_depth=4, allow_indefinite=False
    )
    if inflater.unconsumed_tail or not inflater.eof or cose.tag != 18:
        raise ValueError("not a COSE_Sign1")
    protected, _, payload, signature = cose.value
    header, claims = cbor2.loads(protected), cbor2.loads(payload)
    signed = cbor2.dumps(["Signature1", protected, b"", payload])
    return header[1], header[4], signature, signed, claims, claims[-65537]


def verify(text, issuers, revoked, suspended, now):
    try:
        alg, kid, signature, signed, claims, herzen = parse(text.strip())
    except Exception:  # anything malformed is simply not a seal
        return "not_a_seal", None
    if kid not in issuers:
        return "unknown_issuer", None
    key, entry = issuers[kid]
    if alg != -7 or len(signature) != 64 or not es256_ok(key, signed, signature):
        return "forged", entry
    if herzen[1] not in entry["document_types"]:  # an NGO's key under an authority's type
        return "forged", entry
    for bits, outcome in ((revoked, "revoked"), (suspended, "suspended")):  # herzen[2]: the status index
        if herzen[2] < len(bits) * 8 and bits[herzen[2] // 8] & (0x80 >> (herzen[2] % 8)):
            return outcome, entry
    return ("expired" if now.timestamp() >= claims[4] else "valid"), entry


def holder_matches(text, name, birth):
    _, _, _, _, _, herzen = parse(text.strip())
    latin = (
        unicodedata.normalize("NFKD", "".join(ICAO.get(c, c).replace("_", "") for c in w))
        for w in name.upper().split()
    )
    normal = " ".join(sorted(w for w in ("".join(c for c in x if "A" <= c <= "Z") for x in latin) if w))
    return hashlib.sha256(herzen[3] + normal.encode() + b"|" + birth.encode()).digest()[:16] == herzen[4]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a Herzen document seal offline.")
    parser.add_argument("seal")
    for required in ("--operator-key", "--trust-list", "--revocation", "--suspension"):
        parser.add_argument(required, required=True)
    for optional in ("--now", "--name", "--birth"):  # ISO 8601 time (default: now); holder; YYYY-MM-DD
        parser.add_argument(optional)
    args = parser.parse_args(argv)
    operator_key = serialization.load_pem_public_key(open(args.operator_key, "rb").read())  # noqa: SIM115
    issuers = load_trust_list(args.trust_list, operator_key)
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    lists = [load_status(getattr(args, p), operator_key, p) for p in ("revocation", "suspension")]
    outcome, entry = verify(args.seal, issuers, *lists, now)
    print(outcome if entry is None else f"{outcome}: {entry['organisation']} ({entry['country']})")
    if args.name is not None and outcome != "not_a_seal":
        matches = holder_matches(args.seal, args.name, args.birth or "")
        print("holder: " + ("match" if matches else "NO MATCH"))
    return 0 if outcome == "valid" else 1


if __name__ == "__main__":
    sys.exit(main())
