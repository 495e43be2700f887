"""The documents Herzen's organisations issue, as data: who may issue each, what it states, how long it holds.

The text of each type is a message in the app's catalogues, so it exists in every staff language and in the
applicant's languages; the PDF prints it twice, in the applicant's language and in the destination's.

A document states a fact; only the organisation that decided the fact may issue it. For an NGO's attestation
the fact is the NGO's own case. For an authority's documents it is a decision recorded by that very
authority (pathways.ApplicationDecision.deciding_organisation), of one of the listed moves: an NGO never has
such a decision, so it can never issue an authority's document. For an aid receipt it is a confirmed payout
of a programme the issuing organisation runs (aid.Programme.organisation): the payer, and nobody else.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NGO = "ngo"
AUTHORITY = "authority"
FUNDER = "funder"

# Where the fact a document states comes from.
FROM_CASE = "case"  # the issuing NGO holds the case
FROM_DECISION = "decision"  # the issuing authority recorded one of `decisions`
FROM_AID = "aid"  # a confirmed payout (herzen.aid) of a programme the issuing organisation runs


@dataclass(frozen=True)
class DocumentType:
    code: str
    seal_code: str  # what the QR carries: short, so the seal stays under 300 characters
    title: Promise
    statement: Promise  # the body text; %(organisation)s, %(holder)s, %(decided_on)s, %(valid_until)s
    issuer_kinds: frozenset[str]
    source: str
    decisions: frozenset[str] = frozenset()
    validity_days: int = 365
    facts: tuple[str, ...] = ()  # what the paper states, beyond holder and issuer
    unavailable_reason: Promise | None = None  # declared, but not issuable yet (and why)
    # The paper may also carry the full-data seal (VDS-NC JSON: name, birth date, facts in the code), for a
    # checker who must read the data offline from the code itself: a border guard checking a status or a visa.
    full_data: bool = False

    @property
    def issuable(self) -> bool:
        return self.unavailable_reason is None


DOCUMENT_TYPES: dict[str, DocumentType] = {
    t.code: t
    for t in (
        DocumentType(
            code="ngo_attestation",
            seal_code="ngo",
            title=_("Attestation of registration and support"),
            statement=_(
                "%(organisation)s confirms that %(holder)s is registered with it as a person at risk of "
                "political persecution and receives its support. This attestation is not a decision of "
                "any state."
            ),
            issuer_kinds=frozenset({NGO}),
            source=FROM_CASE,
            validity_days=180,
            facts=("case_reference",),
        ),
        DocumentType(
            code="admission_notice",
            seal_code="adm",
            title=_("Notice of an admission decision"),
            statement=_(
                "%(organisation)s decided on %(decided_on)s to admit %(holder)s for humanitarian or "
                "political reasons."
            ),
            issuer_kinds=frozenset({AUTHORITY}),
            source=FROM_DECISION,
            decisions=frozenset({"declare_admission", "approve", "clear_security_check"}),
            validity_days=365,
            facts=("decided_on", "pathway"),
        ),
        DocumentType(
            code="visa_confirmation",
            seal_code="visa",
            title=_("Confirmation of a national visa decision"),
            statement=_(
                "%(organisation)s decided on %(decided_on)s to issue a national visa to %(holder)s, valid "
                "until %(valid_until)s."
            ),
            issuer_kinds=frozenset({AUTHORITY}),
            source=FROM_DECISION,
            decisions=frozenset({"issue_visa"}),
            validity_days=90,
            facts=("decided_on", "valid_until", "pathway"),
            full_data=True,
        ),
        DocumentType(
            code="work_permit_confirmation",
            seal_code="work",
            title=_("Confirmation of a work permit"),
            statement=_(
                "%(organisation)s decided on %(decided_on)s to grant %(holder)s a work permit, valid until "
                "%(valid_until)s."
            ),
            issuer_kinds=frozenset({AUTHORITY}),
            source=FROM_DECISION,
            decisions=frozenset({"issue_work_permit"}),
            validity_days=365,
            facts=("decided_on", "valid_until"),
            full_data=True,
        ),
        DocumentType(
            code="refugee_status_confirmation",
            seal_code="ref",
            title=_("Confirmation of refugee status"),
            statement=_(
                "%(organisation)s decided on %(decided_on)s to recognise %(holder)s as a refugee under the "
                "1951 Refugee Convention."
            ),
            issuer_kinds=frozenset({AUTHORITY}),
            source=FROM_DECISION,
            decisions=frozenset({"grant_refugee_status"}),
            validity_days=3 * 365,
            facts=("decided_on",),
            full_data=True,
        ),
        DocumentType(
            code="aid_receipt",
            seal_code="aid",
            title=_("Receipt for aid received"),
            statement=_(
                "%(organisation)s confirms that %(holder)s received %(amount)s from its programme "
                "%(programme)s on %(paid_on)s (payment reference %(payout_reference)s)."
            ),
            issuer_kinds=frozenset({NGO, FUNDER}),
            source=FROM_AID,
            validity_days=365,
            # Minimal disclosure: what was paid, when, by which programme; never the channel or the account.
            facts=("programme", "amount", "currency", "paid_on", "payout_reference"),
        ),
    )
}

SEAL_CODES = {kind.seal_code: kind for kind in DOCUMENT_TYPES.values()}
assert len(SEAL_CODES) == len(DOCUMENT_TYPES), "two document types share a seal code"

# The languages a paper is printed in (its whole text is translated into them), and those the verifier page
# names document types in (its own strings too; a checker in Tbilisi, Yerevan or Astana reads their own).
PAPER_LANGUAGES = ("ru", "en", "de", "uk", "cs")
DOCUMENT_LANGUAGES = (*PAPER_LANGUAGES, "ka", "hy", "kk")
# The language a destination's documents are printed in besides the applicant's (English where Herzen has
# no catalogue for the destination's language yet).
DESTINATION_LANGUAGES = {"DE": "de", "AT": "de", "CZ": "cs"}


def destination_language(country: str) -> str:
    return DESTINATION_LANGUAGES.get(country.upper(), "en")
