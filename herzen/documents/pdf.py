"""A sealed document as a PDF: the text in the holder's language and the destination's, the QR seal, and a
PAdES signature with the issuing organisation's seal certificate, made by the key store's signer
(herzen.documents.keystore): the private key is never read for it.

Laid out with the dossier's stack (fpdf2 with the vendored DejaVu Sans, herzen.evidence.dossier), the QR
drawn by `segno` (alphanumeric mode, error correction Q as the EU DCC recommends), signed by `pyhanko`.
"""

import io
from datetime import datetime

import segno
from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from herzen.documents.models import IssuedDocument
from herzen.documents.types import DOCUMENT_TYPES
from herzen.domain.accounting import format_money
from herzen.domain.seals import ES256, SealSigner
from herzen.evidence.dossier import FONT, FONTS, LABEL
from herzen.pathways.labels import PATHWAY_NAMES
from herzen.pathways.labels import label as code_label


def qr_png(token: str, *, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(token, error="q", mode="alphanumeric").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _date(value: object) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def _block(pdf: FPDF, document: IssuedDocument, language: str, organisation: str) -> None:
    kind = DOCUMENT_TYPES[document.document_type]
    facts = document.facts or {}
    with translation.override(language):
        holder = f"{document.holder_name} ({document.holder_name_latin})"
        values = {
            "organisation": organisation,
            "holder": holder,
            "decided_on": _date(facts.get("decided_on") and datetime.fromisoformat(facts["decided_on"])),
            "valid_until": _date(facts.get("valid_until") and datetime.fromisoformat(facts["valid_until"])),
            "paid_on": _date(facts.get("paid_on") and datetime.fromisoformat(facts["paid_on"])),
            "amount": format_money(int(facts["amount"]), facts["currency"]) if facts.get("amount") else "",
            "programme": facts.get("programme", ""),
            "payout_reference": facts.get("payout_reference", ""),
        }
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(0, 7, str(kind.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5, str(kind.statement) % values, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        rows = [
            (_("Document number"), document.number),
            (_("Holder"), holder),
            (_("Date of birth"), _date(document.holder_birth_date)),
            (_("Issued by"), organisation),
            (_("Valid from"), _date(document.valid_from)),
            (_("Valid until"), _date(document.valid_until)),
        ]
        if facts.get("deciding_body"):
            rows.append((_("Deciding body"), facts["deciding_body"]))
        if facts.get("pathway"):
            rows.append((_("Procedure"), code_label(PATHWAY_NAMES, facts["pathway"])))
        if facts.get("payout_reference"):
            rows += [
                (_("Aid programme"), values["programme"]),
                (_("Amount"), values["amount"]),
                (_("Paid on"), values["paid_on"]),
                (_("Payment reference"), values["payout_reference"]),
            ]
        pdf.set_font(FONT, "", 9)
        # A table keeps a long label and its value on one row, however many lines either wraps to.
        with pdf.table(
            col_widths=(55, 125),
            first_row_as_headings=False,
            borders_layout="HORIZONTAL_LINES",
            line_height=5,
            padding=1,
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label, style=LABEL)
                row.cell(value)
        pdf.ln(4)


def full_data_qr_png(text: str, *, scale: int = 3) -> bytes:
    """The VDS-NC variant's QR: JSON, so byte mode, error correction M (a larger code than the minimal seal)."""
    buffer = io.BytesIO()
    segno.make_qr(text, error="m", mode="byte").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def render_pdf(document: IssuedDocument, *, verify_url: str, full_data: str = "") -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(document.number)
    pdf.set_creator("Herzen")
    # The seal's text in the metadata too (covered by the PAdES signature): `herzen documents verify x.pdf`.
    pdf.set_keywords(document.token)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    organisation = document.organisation.name
    languages = list(dict.fromkeys([document.language, document.destination_language]))
    for language in languages:
        _block(pdf, document, language, organisation)
    pdf.image(io.BytesIO(qr_png(document.token)), x=pdf.l_margin, w=55)
    pdf.set_font(FONT, "", 8)
    for language in languages:
        with translation.override(language):
            caption = _(
                "Scan the seal to check this document, also without a connection, at %(url)s. "
                "The seal holds no personal data: type the holder's name and date of birth there to compare."
            ) % {"url": verify_url}
        pdf.multi_cell(0, 4, caption, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 4, document.token, new_x="LMARGIN", new_y="NEXT")
    if full_data:
        # The full-data variant (VDS-NC), only when asked for: it puts the holder's data in the code.
        pdf.ln(4)
        for language in languages:
            with translation.override(language):
                caption = _(
                    "Full-data seal (ICAO VDS-NC): it carries the holder's name, date of birth and the facts "
                    "above, for a checker who must read them from the code."
                )
            pdf.multi_cell(0, 4, caption, new_x="LMARGIN", new_y="NEXT")
        pdf.image(io.BytesIO(full_data_qr_png(full_data)), x=pdf.l_margin, w=80)
    return bytes(pdf.output())


class _SealKeyPdfSigner(signers.Signer):
    """pyhanko's signer over a `SealSigner`: the CMS signature is computed by whoever holds the seal key (a key
    file read into memory, a secret store, a KMS or an HSM), so PAdES never needs the private key here."""

    def __init__(self, seal_signer: SealSigner) -> None:
        if seal_signer.algorithm != ES256:
            raise ValueError("PAdES here signs with ECDSA P-256 (ES256) seal keys.")
        certificate = asn1_x509.Certificate.load(seal_signer.certificate_der)
        super().__init__(
            signing_cert=certificate,
            cert_registry=SimpleCertificateStore.from_certs([certificate]),
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        )
        self._seal_signer = seal_signer

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if digest_algorithm != "sha256":
            raise ValueError("Seal keys sign SHA-256 digests.")
        if dry_run:
            return bytes(72)  # the longest DER ECDSA P-256 signature
        raw = self._seal_signer.sign(data)  # r ‖ s, as COSE wants it; CMS wants DER
        return encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))


def sign_pdf(pdf: bytes, signer: SealSigner) -> bytes:
    """PAdES B-B with the organisation's seal certificate (the same key whose id the QR names), signed by the
    key store's signer: the private key stays wherever the key store keeps it."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="HerzenSeal", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    out = signers.sign_pdf(writer, meta, signer=_SealKeyPdfSigner(signer))
    return out.getvalue()  # type: ignore[no-any-return]
