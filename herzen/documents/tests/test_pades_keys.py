"""PAdES through the key store's signer: a KMS-held or secret-store-held seal key signs the PDF, no key file."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from herzen.documents import keystore, services
from herzen.documents.pdf import render_pdf, sign_pdf


class RemoteSigner:
    """What a KMS adapter offers: the certificate and a `sign` call; the private key never comes out."""

    def __init__(self, inner):
        self._sign = inner.sign
        self.certificate_der = inner.certificate_der
        self.algorithm = inner.algorithm
        self.calls = 0

    def sign(self, message: bytes) -> bytes:
        self.calls += 1
        return self._sign(message)


def _validated(pdf: bytes):
    (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return validate_pdf_signature(signature)


def test_a_kms_signer_signs_the_pdf_without_handing_out_its_key(admitted, interior):
    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    remote = RemoteSigner(keystore.file_signer(document.kid))
    assert not hasattr(remote, "private_key_pem")

    signed = sign_pdf(render_pdf(document, verify_url="https://x/verify/"), remote)

    assert remote.calls == 1
    status = _validated(signed)
    assert status.intact
    assert status.valid
    assert status.signing_cert.dump() == remote.certificate_der  # the seal certificate the trust list names


def test_the_secret_store_loader_reads_the_key_from_the_environment_into_memory(
    admitted, interior, monkeypatch, settings
):
    document = services.document_issue(
        actor=interior, document_type="admission_notice", application_id=admitted.pk
    )
    key_file = keystore.seal_key_dir() / f"{document.kid}.key"
    monkeypatch.setenv(f"HERZEN_SEAL_KEY_{document.kid.upper()}", key_file.read_text())
    key_file.unlink()  # the secret store holds it now, not the disk
    settings.HERZEN_SEAL_SIGNER_LOADER = "herzen.documents.keystore.secret_signer"

    signer = keystore.signer(document.kid)
    status = _validated(sign_pdf(render_pdf(document, verify_url="https://x/verify/"), signer))

    assert status.intact
    assert status.valid
    monkeypatch.delenv(f"HERZEN_SEAL_KEY_{document.kid.upper()}")
    with pytest.raises(ImproperlyConfigured):
        keystore.signer(document.kid)
