"""Reading documents (scoped to the actor) and the public lists every verifier downloads (no personal data)."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_countries import countries

from herzen.aid.models import Payout
from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.lookup import get_scoped
from herzen.documents import keystore
from herzen.documents.models import DocumentStatus, IssuedDocument, SealKey
from herzen.documents.types import DOCUMENT_LANGUAGES, DOCUMENT_TYPES, FROM_AID, FROM_CASE, FROM_DECISION
from herzen.domain.seals import (
    Bitstring,
    TrustedIssuer,
    TrustList,
    read_trust_list,
    sign_status_list,
    sign_trust_list,
    vds_nc_seal,
)
from herzen.organisations.models import Organisation
from herzen.pathways.models import Application, ApplicationDecision

STATUS_TTL_SECONDS = 6 * 3600  # verifiers refresh the status lists at least this often (spec: ttl ≤ 24 h)


def document_get(*, actor: Actor, document_id: object) -> IssuedDocument:
    return get_scoped(IssuedDocument.objects.select_related("organisation", "case"), actor, document_id)


def documents_of_case(*, actor: Actor, case_id: object) -> QuerySet[IssuedDocument]:
    """The case's documents the actor's organisation issued, or all of them when the case is its own; a case it
    neither holds nor issued anything for does not exist for it (NotFound)."""
    documents = (
        IssuedDocument.objects.for_actor(actor)
        .filter(case_id=case_id)
        .select_related("organisation")
        .order_by("-created_at", "id")
    )
    if not documents.exists():
        get_scoped(Case, actor, case_id)
    return documents


def receipts_of_payouts(*, actor: Actor, payout_ids: list[object]) -> dict[object, IssuedDocument]:
    """The standing (not revoked) receipt the actor's organisation issued for each of these payouts, by payout."""
    receipts = (
        IssuedDocument.objects.for_actor(actor)
        .filter(payout_id__in=payout_ids, document_type="aid_receipt")
        .exclude(status=DocumentStatus.REVOKED)
    )
    return {receipt.payout_id: receipt for receipt in receipts}


def documents_of_application(*, actor: Actor, application_id: object) -> list[IssuedDocument]:
    return list(
        IssuedDocument.objects.for_actor(actor)
        .filter(application_id=application_id)
        .select_related("organisation")
        .order_by("-created_at")
    )


def full_data_seal(document: IssuedDocument) -> str:
    """The VDS-NC variant of a document whose type carries one (types.DocumentType.full_data): the data the
    paper prints, in the code, signed by the key that sealed the QR. It discloses what it carries."""
    kind = DOCUMENT_TYPES[document.document_type]
    if not kind.full_data:
        raise ValueError(f"{kind.code} has no full-data seal")
    facts = document.facts or {}
    message: dict[str, Any] = {
        "t": kind.seal_code,
        "uvci": document.number,
        "si": document.status_index,
        "vf": int(document.valid_from.timestamp()),
        "vu": int(document.valid_until.timestamp()),
        "nam": document.holder_name_latin,
        "dob": document.holder_birth_date.isoformat() if document.holder_birth_date else "",
        **{name: str(facts[name]) for name in kind.facts if facts.get(name)},
    }
    country = countries.alpha3(document.organisation.country) or "XXX"
    return vds_nc_seal(message, issuing_country=country, signer=keystore.signer(document.kid))


def payout_get(*, actor: Actor, payout_id: object) -> Payout:
    """A payout of the actor's organisation, for issuing its receipt (herzen.aid scopes it to the payer)."""
    return get_scoped(Payout.objects.select_related("tranche__grant"), actor, payout_id)


def _issuer_kinds(organisation: Organisation) -> frozenset[str]:
    return frozenset(
        kind.seal_code for kind in DOCUMENT_TYPES.values() if organisation.kind in kind.issuer_kinds
    )


def trusted_issuers() -> list[TrustedIssuer]:
    """Every seal key ever used and not past its certificate: a retired key still verifies what it sealed."""
    now = timezone.now()
    keys = SealKey.objects.select_related("organisation").filter(not_after__gt=now).order_by("created_at")
    issuers = []
    for key in keys:
        certificate = x509.load_pem_x509_certificate(key.certificate_pem.encode())
        issuers.append(
            TrustedIssuer(
                kid=bytes.fromhex(key.kid),
                organisation=key.organisation.name,
                country=key.organisation.country,
                certificate_der=certificate.public_bytes(serialization.Encoding.DER),
                document_types=_issuer_kinds(key.organisation),
                valid_until=key.not_after,
            )
        )
    return issuers


def document_type_names() -> dict[str, dict[str, str]]:
    """Each seal code's document name in every language the verifier speaks."""
    names: dict[str, dict[str, str]] = {}
    for kind in DOCUMENT_TYPES.values():
        names[kind.seal_code] = {}
        for language in DOCUMENT_LANGUAGES:
            with translation.override(language):
                names[kind.seal_code][language] = str(kind.title)
    return names


def signed_trust_list() -> dict[str, str]:
    return sign_trust_list(
        trusted_issuers(),
        datetime.now(UTC),
        keystore.operator_signer(),
        {"document_types": document_type_names()},
    )


def current_trust_list() -> TrustList:
    return read_trust_list(signed_trust_list(), keystore.operator_signer().certificate.public_key())  # type: ignore[arg-type]


def status_bitstring(purpose: str) -> Bitstring:
    status = DocumentStatus.REVOKED if purpose == "revocation" else DocumentStatus.SUSPENDED
    indexes = IssuedDocument.objects.filter(status=status).values_list("status_index", flat=True)
    return Bitstring.with_set(indexes)


def status_list_credential(purpose: str, url: str) -> dict[str, Any]:
    """A W3C BitstringStatusListCredential (published signed: `signed_status_list`)."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": "urn:herzen:operator",
        "validFrom": datetime.now(UTC).isoformat(timespec="seconds"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_bitstring(purpose).encode(),
            "ttl": STATUS_TTL_SECONDS * 1000,
        },
    }


def signed_status_list(purpose: str, url: str) -> dict[str, str]:
    """The status list as a flattened JWS by the operator's key, the one that signs the trust list."""
    return sign_status_list(status_list_credential(purpose, url), keystore.operator_signer())


@dataclass(frozen=True)
class IssueOption:
    code: str
    title: str
    why_not: str = ""  # empty when the actor's organisation can issue it now


def issue_options(*, actor: Actor, application: Application) -> list[IssueOption]:
    """The document types the actor's organisation issues, and whether this application lets it issue each."""
    organisation = actor.organisation
    if organisation is None:
        return []
    decided = set(
        ApplicationDecision.objects.filter(
            application=application, deciding_organisation_id=actor.organisation_id
        ).values_list("transition", flat=True)
    )
    options = []
    for code, kind in DOCUMENT_TYPES.items():
        if organisation.kind not in kind.issuer_kinds or kind.source == FROM_AID:
            continue  # an aid receipt is issued from the confirmed payout it states
        why_not = ""
        if kind.unavailable_reason is not None:
            why_not = str(kind.unavailable_reason)
        elif kind.source == FROM_DECISION and not decided & kind.decisions:
            why_not = gettext("Your organisation has not recorded the decision this document states.")
        elif kind.source == FROM_CASE and application.organisation_id != organisation.pk:
            why_not = gettext("Only the organisation whose case this is can attest it.")
        options.append(IssueOption(code, str(kind.title), why_not))
    return options
