"""Seal signing keys: who holds them (a key file or a KMS), their ids, and their certificates.

`SealSigner` is the whole interface a key store must offer, like herzen.domain.crypto's KEK: a KMS or HSM
adapter signs by calling its service (AWS KMS `Sign` with ECDSA_SHA_256, Vault transit `sign` with
`ecdsa-p256` and `marshaling_algorithm=jws`) and never hands out the private key.

Key ids follow the EU Digital COVID Certificate: the first 8 bytes of the SHA-256 of the signing
certificate (DER).
"""

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

ES256 = -7  # COSE algorithm ids (RFC 9053): ECDSA P-256 with SHA-256 ...
EDDSA = -8  # ... and EdDSA (Ed25519)
KID_BYTES = 8

PublicKey = ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey


def key_id(certificate_der: bytes) -> bytes:
    return hashlib.sha256(certificate_der).digest()[:KID_BYTES]


class SealSigner(Protocol):
    @property
    def algorithm(self) -> int: ...

    @property
    def certificate_der(self) -> bytes: ...

    def sign(self, message: bytes) -> bytes:
        """The raw signature (for ES256: r ‖ s, 32 bytes each, as COSE and WebCrypto want it)."""
        ...


class LocalSealSigner:
    """A signer over a P-256 key held in this process (read from a PEM key file)."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate) -> None:
        self._key = private_key
        self.certificate = certificate

    @property
    def algorithm(self) -> int:
        return ES256

    @property
    def certificate_der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    @property
    def kid(self) -> bytes:
        return key_id(self.certificate_der)

    def sign(self, message: bytes) -> bytes:
        r, s = decode_dss_signature(self._key.sign(message, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def private_key_pem(self) -> bytes:
        return self._key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @classmethod
    def from_pem(cls, key_pem: bytes, certificate_pem: bytes) -> "LocalSealSigner":
        key = serialization.load_pem_private_key(key_pem, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("A seal signing key is an ECDSA P-256 key.")
        return cls(key, x509.load_pem_x509_certificate(certificate_pem))

    @classmethod
    def generate(cls, *, organisation: str, country: str, valid_days: int = 3 * 365) -> "LocalSealSigner":
        """A new key with a self-signed certificate (an operator may replace it with one from a CA)."""
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} document seal"[:64]),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
                *([x509.NameAttribute(NameOID.COUNTRY_NAME, country)] if len(country) == 2 else []),
            ]
        )
        now = datetime.now(UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=valid_days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        return cls(key, certificate)


def public_key_of(certificate_der: bytes) -> PublicKey:
    key = x509.load_der_x509_certificate(certificate_der).public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey):
        raise ValueError("Unsupported seal key type.")
    return key
