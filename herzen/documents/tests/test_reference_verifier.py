"""docs/reference_verifier.py (cbor2, cryptography and Base45 only) agrees with Herzen on every outcome."""

import base64
import json
import os
import subprocess
import sys
import uuid
import zlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from herzen.domain.seals import (
    Bitstring,
    LocalSealSigner,
    Outcome,
    SealClaims,
    TrustedIssuer,
    base45,
    holder_hash,
    read_trust_list,
    seal,
    sign_status_list,
    sign_trust_list,
    verify,
)

REFERENCE = Path(__file__).resolve().parents[3] / "docs" / "reference_verifier.py"
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
ISSUER = LocalSealSigner.generate(organisation="Bundesministerium des Innern", country="DE")
STRANGER = LocalSealSigner.generate(organisation="Not on the list", country="DE")
OPERATOR = LocalSealSigner.generate(organisation="Herzen operator", country="DE")
REVOKED_INDEX = 777


def _seal(signer=ISSUER, *, index=1, expires=NOW + timedelta(days=30)):
    salt = os.urandom(8)
    claims = SealClaims(
        document_id=uuid.uuid4().bytes,
        document_type="admission_notice",
        issued_at=NOW - timedelta(days=1),
        expires_at=expires,
        status_index=index,
        salt=salt,
        holder_hash=holder_hash(salt, "Иванов Иван Петрович", date(1990, 5, 17)),
    )
    return seal(claims, signer)


def _changed_byte(text):
    raw = bytearray(zlib.decompress(base45.decode(text[4:], max_length=2000)))
    raw[-80] ^= 0x04  # a byte of the claims
    return "HZ1:" + base45.encode(zlib.compress(bytes(raw)))


CASES = {
    "valid": lambda: _seal(),
    "changed byte": lambda: _changed_byte(_seal()),
    "wrong key": lambda: _wrong_key(),
    "revoked": lambda: _seal(index=REVOKED_INDEX),
    "expired": lambda: _seal(expires=NOW - timedelta(hours=1)),
    "unknown issuer": lambda: _seal(STRANGER),
    "not a seal": lambda: "HZ1:%%%",
}


def _wrong_key():
    """Sealed by a stranger's key but claiming the listed issuer's key id."""
    import cbor2

    text = _seal(STRANGER)
    cose = cbor2.loads(zlib.decompress(base45.decode(text[4:], max_length=2000)))
    protected = cbor2.dumps({1: -7, 4: ISSUER.kid})
    payload = cose.value[2]
    signature = STRANGER.sign(cbor2.dumps(["Signature1", protected, b"", payload]))
    forged = cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, signature]))
    return "HZ1:" + base45.encode(zlib.compress(forged))


def _credential(purpose, bits):
    return {
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {"statusPurpose": purpose, "encodedList": bits.encode()},
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    issuer = TrustedIssuer(ISSUER.kid, "BMI", "DE", ISSUER.certificate_der, frozenset({"admission_notice"}))
    signed = sign_trust_list([issuer], NOW, OPERATOR, {"document_types": {}})
    (folder / "trust-list.json").write_text(json.dumps(signed))
    public = OPERATOR.certificate.public_key()
    (folder / "operator-key.pem").write_bytes(
        public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    revoked = Bitstring.with_set([REVOKED_INDEX])
    for name, bits in (("revocation", revoked), ("suspension", Bitstring())):
        (folder / f"{name}.json").write_text(json.dumps(sign_status_list(_credential(name, bits), OPERATOR)))
    trust = read_trust_list(signed, public)  # type: ignore[arg-type]
    return folder, trust, revoked


def _reference(folder, text, *extra):
    return subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [
            sys.executable,
            str(REFERENCE),
            text,
            "--operator-key", str(folder / "operator-key.pem"),
            "--trust-list", str(folder / "trust-list.json"),
            "--revocation", str(folder / "revocation.json"),
            "--suspension", str(folder / "suspension.json"),
            "--now", NOW.isoformat(),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )  # fmt: skip


def test_the_reference_verifier_is_short():
    assert len(REFERENCE.read_text().splitlines()) < 150


def test_the_reference_verifier_agrees_with_herzen(published):
    folder, trust, revoked = published
    expected = {
        "valid": Outcome.VALID,
        "changed byte": Outcome.FORGED,
        "wrong key": Outcome.FORGED,
        "revoked": Outcome.REVOKED,
        "expired": Outcome.EXPIRED,
        "unknown issuer": Outcome.UNKNOWN_ISSUER,
        "not a seal": Outcome.NOT_A_SEAL,
    }
    for case, make in CASES.items():
        text = make()
        herzen = verify(text, trust=trust, revoked=revoked, suspended=Bitstring(), now=NOW).outcome
        result = _reference(folder, text)
        reference = result.stdout.split(":")[0].strip()
        assert (case, herzen) == (case, expected[case])
        assert (case, reference) == (case, herzen.value), result.stderr
        assert (result.returncode == 0) == (herzen is Outcome.VALID)


def test_the_reference_verifier_compares_the_holder(published):
    folder, _, _ = published
    text = _seal()
    matched = _reference(folder, text, "--name", "ivan petrovich IVANOV", "--birth", "1990-05-17")
    assert "holder: match" in matched.stdout
    other = _reference(folder, text, "--name", "Ivan Ivanov", "--birth", "1990-05-17")
    assert "holder: NO MATCH" in other.stdout


def test_the_reference_verifier_refuses_a_changed_status_list(published, tmp_path):
    """Someone clears the revoked bit in the downloaded list: the signature no longer holds, loudly refused."""
    folder, _, _ = published
    changed = tmp_path / "published"
    changed.mkdir()
    for name in ("operator-key.pem", "trust-list.json", "suspension.json"):
        (changed / name).write_bytes((folder / name).read_bytes())
    signed = json.loads((folder / "revocation.json").read_text())
    forged = _credential("revocation", Bitstring())  # the revoked document's bit flipped back
    signed["payload"] = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
    (changed / "revocation.json").write_text(json.dumps(signed))
    result = _reference(changed, _seal(index=REVOKED_INDEX))
    assert result.returncode != 0
    assert "REFUSED: the revocation list is not signed by the operator" in result.stderr
    assert "valid" not in result.stdout
    # The suspension list offered as the revocation list is refused too (signed, but another purpose).
    (changed / "revocation.json").write_bytes((folder / "suspension.json").read_bytes())
    result = _reference(changed, _seal())
    assert "REFUSED: not a revocation list" in result.stderr
