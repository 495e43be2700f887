import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herzen.domain.seals import (
    PREFIX,
    Bitstring,
    LocalSealSigner,
    NotASeal,
    Outcome,
    SealClaims,
    StatusListError,
    TrustedIssuer,
    TrustList,
    TrustListError,
    base45,
    holder_hash,
    normalise_name,
    parse,
    read_status_list,
    read_trust_list,
    seal,
    sign_status_list,
    sign_trust_list,
    verify,
)

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
SIGNER = LocalSealSigner.generate(organisation="Bundesministerium des Innern", country="DE")
OTHER = LocalSealSigner.generate(organisation="Someone else", country="DE")
OPERATOR = LocalSealSigner.generate(organisation="Herzen operator", country="DE")


def _claims(**changes: object) -> SealClaims:
    salt = os.urandom(8)
    values: dict[str, object] = {
        "document_id": uuid.uuid4().bytes,
        "document_type": "admission_notice",
        "issued_at": NOW - timedelta(days=1),
        "expires_at": NOW + timedelta(days=90),
        "status_index": 4242,
        "salt": salt,
        "holder_hash": holder_hash(salt, "Иванов Иван", date(1990, 5, 17)),
    }
    values.update(changes)
    return SealClaims(**values)  # type: ignore[arg-type]


def _trust(*signers: LocalSealSigner) -> TrustList:
    issuers = {
        s.kid: TrustedIssuer(s.kid, "BMI", "DE", s.certificate_der, frozenset({"admission_notice"}))
        for s in signers
    }
    return TrustList(issuers, NOW, {})


def _verify(text: str, trust: TrustList | None = None, revoked: tuple[int, ...] = ()) -> Outcome:
    return verify(
        text,
        trust=trust or _trust(SIGNER),
        revoked=Bitstring.with_set(revoked),
        suspended=Bitstring(),
        now=NOW,
    ).outcome


def test_base45_matches_the_rfc_vectors() -> None:
    assert base45.encode(b"AB") == "BB8"
    assert base45.encode(b"Hello!!") == "%69 VD92EX0"
    assert base45.encode(b"base-45") == "UJCLQE7W581"
    assert base45.decode("QED8WEX0", max_length=100) == b"ietf!"
    for bad in ("GGW", "A", "a00"):
        with pytest.raises(base45.Base45Error):
            base45.decode(bad, max_length=100)


def test_a_minimal_seal_fits_300_characters_and_round_trips() -> None:
    claims = _claims()
    text = seal(claims, SIGNER)
    assert text.startswith(PREFIX)
    assert len(text) <= 300
    parsed = parse(text)
    assert parsed.claims == claims
    assert parsed.kid == SIGNER.kid
    assert _verify(text) == Outcome.VALID


def test_each_rejection_has_its_reason() -> None:
    text = seal(_claims(), SIGNER)
    assert _verify(text, revoked=(4242,)) == Outcome.REVOKED
    assert _verify(text, revoked=(4241, 4243)) == Outcome.VALID
    assert _verify(seal(_claims(expires_at=NOW - timedelta(seconds=1)), SIGNER)) == Outcome.EXPIRED
    assert _verify(seal(_claims(), OTHER)) == Outcome.UNKNOWN_ISSUER
    assert _verify(seal(_claims(document_type="ngo_attestation"), SIGNER)) == Outcome.FORGED
    suspended = verify(
        text, trust=_trust(SIGNER), revoked=Bitstring(), suspended=Bitstring.with_set([4242]), now=NOW
    )
    assert suspended.outcome == Outcome.SUSPENDED


def test_a_changed_byte_is_forged_or_not_a_seal() -> None:
    import zlib

    from herzen.domain.seals.token import PREFIX as P

    raw = bytearray(zlib.decompress(base45.decode(seal(_claims(), SIGNER)[len(P) :], max_length=999)))
    raw[-70] ^= 0x01  # inside the payload, just before the signature
    changed = P + base45.encode(zlib.compress(bytes(raw)))
    assert _verify(changed) in (Outcome.FORGED, Outcome.NOT_A_SEAL)
    raw[-70] ^= 0x01
    raw[-1] ^= 0x01  # the signature itself
    assert _verify(P + base45.encode(zlib.compress(bytes(raw)))) == Outcome.FORGED


def test_a_key_from_another_certificate_with_the_same_kid_is_forged() -> None:
    text = seal(_claims(), OTHER)
    impostor = TrustedIssuer(OTHER.kid, "x", "DE", SIGNER.certificate_der, frozenset({"admission_notice"}))
    assert _verify(text, TrustList({OTHER.kid: impostor}, NOW, {})) == Outcome.FORGED


def test_names_normalise_across_scripts_order_and_case() -> None:
    assert normalise_name("Иванов Иван") == normalise_name("ivan IVANOV") == "IVAN IVANOV"
    assert normalise_name("Щербаков-Юлия") == "SHCHERBAKOVIULIIA"
    assert normalise_name("Müller") == "MULLER"
    salt = b"12345678"
    assert holder_hash(salt, "Ivan Ivanov", date(1990, 5, 17)) != holder_hash(
        salt, "Ivan Ivanov", date(1990, 5, 18)
    )


def test_the_trust_list_is_signed_by_the_operator() -> None:
    issuer = TrustedIssuer(SIGNER.kid, "BMI", "DE", SIGNER.certificate_der, frozenset({"admission_notice"}))
    signed = sign_trust_list([issuer], NOW, OPERATOR, {"document_types": {}})
    trust = read_trust_list(signed, OPERATOR.certificate.public_key())  # type: ignore[arg-type]
    assert trust.issuer(SIGNER.kid) == issuer
    with pytest.raises(TrustListError):
        read_trust_list(signed, OTHER.certificate.public_key())  # type: ignore[arg-type]
    tampered = dict(signed, payload=signed["payload"][:-4] + "AAAA")
    with pytest.raises(TrustListError):
        read_trust_list(tampered, OPERATOR.certificate.public_key())  # type: ignore[arg-type]


def test_the_status_list_is_large_and_flips_exactly_one_bit() -> None:
    bits = Bitstring.with_set([0, 131_071, 77])
    decoded = Bitstring.decode(bits.encode())
    assert decoded.size >= 131_072
    assert decoded.set_indexes() == [0, 77, 131_071]
    assert bits.encode() == Bitstring.decode(bits.encode()).encode()


def _credential(bits: Bitstring, purpose: str = "revocation") -> dict[str, object]:
    return {
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {"statusPurpose": purpose, "encodedList": bits.encode()},
    }


def test_a_signed_status_list_reads_back_and_a_flipped_bit_is_refused() -> None:
    import base64
    import json

    operator_key = OPERATOR.certificate.public_key()
    signed = sign_status_list(_credential(Bitstring.with_set([77])), OPERATOR)
    assert read_status_list(signed, operator_key, "revocation").set_indexes() == [77]  # type: ignore[arg-type]
    # Someone between the operator and the verifier clears the revocation of document 77 (flips its bit).
    body = json.loads(base64.urlsafe_b64decode(signed["payload"] + "=" * (-len(signed["payload"]) % 4)))
    body["credentialSubject"]["encodedList"] = Bitstring().encode()
    payload = base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode()).decode().rstrip("=")
    with pytest.raises(StatusListError, match="not signed by the operator"):
        read_status_list(dict(signed, payload=payload), operator_key, "revocation")  # type: ignore[arg-type]
    with pytest.raises(StatusListError, match="not signed by the operator"):
        read_status_list(signed, OTHER.certificate.public_key(), "revocation")  # type: ignore[arg-type]
    with pytest.raises(StatusListError, match="Not a suspension status list"):
        read_status_list(signed, operator_key, "suspension")  # type: ignore[arg-type]
    with pytest.raises(StatusListError):
        read_status_list(_credential(Bitstring()), operator_key, "revocation")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "HZ1:",
        "HZ1:A",
        "HC1:NCFOXN%TS3DH",
        "HZ1:" + "Z" * 2000,
        "HZ1:" + base45.encode(b"\x78\x9c"),
        "hz1:00",
    ],
)
def test_malformed_text_is_not_a_seal(text: str) -> None:
    with pytest.raises(NotASeal):
        parse(text)
    assert _verify(text) == Outcome.NOT_A_SEAL


def test_a_zip_bomb_and_deep_cbor_are_not_seals() -> None:
    import zlib

    bomb = zlib.compress(b"\x00" * 100_000, 9)
    assert _verify(PREFIX + base45.encode(bomb)) == Outcome.NOT_A_SEAL
    deep = b"\x81" * 500 + b"\x00"
    assert _verify(PREFIX + base45.encode(zlib.compress(deep))) == Outcome.NOT_A_SEAL


VALID = seal(_claims(), SIGNER)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=base45.ALPHABET, max_size=400))
def test_fuzz_base45_text_never_crashes(body: str) -> None:
    assert _verify(PREFIX + body) in set(Outcome)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_compressed_cbor_never_crashes(data: bytes) -> None:
    import zlib

    assert _verify(PREFIX + base45.encode(zlib.compress(data))) in set(Outcome)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.sampled_from(base45.ALPHABET))
def test_fuzz_one_changed_character_is_never_valid(position: int, character: str) -> None:
    changed = VALID[:position] + character + VALID[position + 1 :]
    outcome = _verify(changed)
    assert outcome in set(Outcome)
    if changed != VALID:
        assert outcome != Outcome.VALID


def test_the_full_data_variant_is_vds_nc_shaped_and_verifies() -> None:
    import json

    from herzen.domain.seals.vds_nc import NotAVdsNc, canonical, vds_nc_read, vds_nc_seal

    message = {"doc": "DE-2026-000001", "nam": "IVANOV IVAN", "dob": "1990-05-17", "typ": "admission_notice"}
    text = vds_nc_seal(message, issuing_country="DEU", signer=SIGNER)
    seal = json.loads(text)
    assert seal["data"]["hdr"] == {"t": "icao.herzen", "v": 1, "is": "DEU"}
    assert set(seal["sig"]) == {"alg", "cer", "sigvl"}
    assert canonical({"b": 1, "a": {"d": "x", "c": 2}}) == b'{"a":{"c":2,"d":"x"},"b":1}'
    assert vds_nc_read(text, _trust(SIGNER)) == message
    changed = text.replace("IVANOV", "PETROV")
    for bad, trust in ((changed, _trust(SIGNER)), (text, _trust(OTHER)), ("{}", _trust(SIGNER))):
        with pytest.raises(NotAVdsNc):
            vds_nc_read(bad, trust)


def test_the_largest_herzen_seal_fits_300_characters() -> None:
    """The longest seal code (4 characters), the largest index and the latest dates Herzen writes."""
    longest = _claims(
        document_type="visa", status_index=131_071, expires_at=datetime(2099, 12, 31, tzinfo=UTC)
    )
    assert len(seal(longest, SIGNER)) <= 300
