"""Sealed documents: a signed QR token anyone can check offline (docs/adr/0130-document-seals.md).

Pure Python over `cbor2` and `cryptography`: the token (COSE_Sign1/CWT, zlib, Base45), the holder hash,
the signed trust list of issuer keys and the W3C Bitstring Status List.
"""

from .holder import holder_hash, normalise_name
from .keys import ES256, LocalSealSigner, SealSigner, key_id
from .status_list import MINIMUM_ENTRIES, Bitstring, StatusListError, read_status_list, sign_status_list
from .token import PREFIX, STATUS_LIST_SIZE, NotASeal, ParsedSeal, SealClaims, parse, seal
from .trust_list import (
    TrustedIssuer,
    TrustList,
    TrustListError,
    read_jws,
    read_trust_list,
    sign_jws,
    sign_trust_list,
)
from .vds_nc import NotAVdsNc, vds_nc_seal
from .verification import FullVerification, Outcome, Verification, verify, verify_full

__all__ = [
    "ES256",
    "MINIMUM_ENTRIES",
    "PREFIX",
    "STATUS_LIST_SIZE",
    "Bitstring",
    "FullVerification",
    "LocalSealSigner",
    "NotASeal",
    "NotAVdsNc",
    "Outcome",
    "ParsedSeal",
    "SealClaims",
    "SealSigner",
    "StatusListError",
    "TrustList",
    "TrustListError",
    "TrustedIssuer",
    "Verification",
    "holder_hash",
    "key_id",
    "normalise_name",
    "parse",
    "read_jws",
    "read_status_list",
    "read_trust_list",
    "seal",
    "sign_jws",
    "sign_status_list",
    "sign_trust_list",
    "vds_nc_seal",
    "verify",
    "verify_full",
]
