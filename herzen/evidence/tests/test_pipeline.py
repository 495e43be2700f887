"""The one file pipeline (herzen.evidence.pipeline), through both doors: a caseworker's evidence upload and an
applicant's intake upload. Type from content, size limit, metadata removed from photos and PDFs, scripts and
attached files removed from PDFs, ClamAV's verdict recorded (or its absence), files encrypted at rest."""

import io
import socket
import struct
import threading

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import Invalid
from herzen.evidence import pipeline, storage
from herzen.evidence.models import Channel, EvidenceItem, ScanStatus
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.evidence.tests.pdfs import ATTACHED, AUTHOR, SCRIPT, one_page_pdf, pdf_with_script_and_attachment
from herzen.intake import services as intake_services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import make_draft
from herzen.intake.tests.images import CAMERA_MAKE, jpeg_with_gps

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500  # a Windows program


@pytest.fixture
def case_a(caseworker_a):
    return make_case(caseworker_a)


@pytest.fixture
def login():
    def build(actor, language="en"):
        return login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE=language), actor.user)

    return build


@pytest.fixture
def no_scanner(monkeypatch, settings):
    settings.HERZEN_CLAMAV_COMMAND = ""
    settings.HERZEN_CLAMD_SOCKET = ""
    monkeypatch.setattr(pipeline.shutil, "which", lambda name: None)
    monkeypatch.setattr(pipeline, "CLAMD_DEFAULT_SOCKETS", ())


def _stored(item: EvidenceItem) -> bytes:
    return storage.read(item.stored_name, owner=storage.owner_of(item))


def test_a_pdf_loses_its_javascript_attachments_and_metadata_on_a_staff_upload(caseworker_a, case_a):
    original = pdf_with_script_and_attachment()
    assert SCRIPT.encode() in original
    assert ATTACHED in original
    assert AUTHOR.encode() in original
    item = make_evidence(caseworker_a, case_a, file=make_upload(original, "verdict.pdf"))
    stored = _stored(item)
    for removed in (
        SCRIPT.encode(),
        ATTACHED,
        AUTHOR.encode(),
        b"/JavaScript",
        b"/EmbeddedFile",
        b"/OpenAction",
    ):
        assert removed not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1  # the document itself is kept
        assert len(pdf.attachments) == 0
        assert "/Annots" not in pdf.pages[0].obj or len(pdf.pages[0].obj.Annots) == 0
        assert "/Metadata" not in pdf.Root
        assert not pdf.docinfo.keys()
    assert item.metadata_removed
    assert item.original_sha256 != item.sha256  # both kept: what arrived and what is stored
    assert item.content_type == "application/pdf"


def test_a_jpeg_loses_its_gps_position_on_a_staff_upload(caseworker_a, case_a):
    original = jpeg_with_gps()
    item = make_evidence(caseworker_a, case_a, file=make_upload(original, "photo.jpeg", "image/jpeg"))
    stored = _stored(item)
    assert CAMERA_MAKE.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif().get_ifd(0x8825), "GPS data survived"
    assert (item.content_type, item.file_name) == ("image/jpeg", "photo.jpg")


def test_a_program_renamed_pdf_is_refused_on_the_staff_page_with_a_translated_error(
    login, caseworker_a, case_a
):
    client = login(caseworker_a, language="ru")
    files_before = set(storage._directory().iterdir())
    response = client.post(
        reverse("web:case-evidence-add", args=[case_a.pk]),
        {
            "evidence-kind": "summons",
            "evidence-title": "Повестка",
            "evidence-original_language": "ru",
            "evidence-translation_status": "none",
            "evidence-source_kind": "person_concerned",
            "evidence-file": SimpleUploadedFile("summons.pdf", PROGRAM, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Это не файл PDF, JPEG, PNG или HEIC" in page
    assert "Повестка" in page  # what was typed is kept
    assert not EvidenceItem.objects.exists()
    assert set(storage._directory().iterdir()) == files_before  # nothing was written


def test_a_program_renamed_pdf_is_refused_at_intake_with_a_translated_error(client, db):
    issued = make_draft()
    client.get(f"/apply/link/{issued.token}/")
    intake_services.draft_set_language(actor=applicant_actor(), draft_id=issued.draft.pk, language="ru")
    response = client.post(
        "/apply/evidence/",
        {"action": "upload", "kind": "passport", "file": SimpleUploadedFile("passport.pdf", PROGRAM)},
    )
    assert response.status_code == 400
    assert "Это не файл PDF, JPEG, PNG или HEIC" in response.content.decode()
    assert not issued.draft.uploads.exists()


def test_a_file_over_the_limit_is_refused(caseworker_a, case_a, settings):
    settings.HERZEN_EVIDENCE_MAX_BYTES = 1000
    with pytest.raises(Invalid) as refused:
        make_evidence(caseworker_a, case_a, file=make_upload(one_page_pdf("x" * 2000)))
    assert "larger than" in str(refused.value.fields["file"][0])


def test_without_a_scanner_the_file_is_kept_and_recorded_as_not_scanned(
    login, caseworker_a, case_a, no_scanner
):
    item = make_evidence(caseworker_a, case_a, file=make_upload())
    assert item.scan_status == ScanStatus.NOT_SCANNED
    page = login(caseworker_a, language="ru").get(reverse("web:evidence-detail", args=[item.pk]))
    text = page.content.decode()
    assert "Не проверен (антивирус не установлен)" in text
    assert "Добавлено сотрудником" in text


class FakeClamd:
    """A clamd speaking INSTREAM on a Unix socket: FOUND for anything holding the EICAR marker."""

    def __init__(self, path):
        self.path = str(path)
        self.received = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(4)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                command = b""
                while not command.endswith(b"\0"):
                    command += connection.recv(1)
                data = b""
                while True:
                    size = struct.unpack("!L", self._exactly(connection, 4))[0]
                    if size == 0:
                        break
                    data += self._exactly(connection, size)
                self.received.append((command, data))
                found = b"EICAR" in data
                connection.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")

    @staticmethod
    def _exactly(connection, size):
        chunks = b""
        while len(chunks) < size:
            chunks += connection.recv(size - len(chunks))
        return chunks

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(tmp_path, settings, no_scanner):
    fake = FakeClamd(tmp_path / "clamd.ctl")
    settings.HERZEN_CLAMD_SOCKET = fake.path
    yield fake
    fake.close()


def test_clamd_scans_the_cleaned_file_and_an_infected_one_is_refused(caseworker_a, case_a, clamd):
    item = make_evidence(caseworker_a, case_a, file=make_upload())
    assert item.scan_status == ScanStatus.CLEAN
    assert clamd.received[0] == (b"zINSTREAM\0", _stored(item))
    with pytest.raises(Invalid) as refused:
        make_evidence(
            caseworker_a, case_a, file=make_upload(one_page_pdf("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"))
        )
    assert "virus scanner found a threat" in str(refused.value.fields["file"][0])
    assert EvidenceItem.objects.count() == 1


def test_intake_uploads_take_the_same_pipeline(db, clamd):
    draft = make_draft().draft
    upload = intake_services.upload_add(
        actor=applicant_actor(),
        draft_id=draft.pk,
        data=pdf_with_script_and_attachment(),
        original_name="a.pdf",
        kind="other",
    )
    assert upload.scan_status == ScanStatus.CLEAN
    assert upload.metadata_removed
    scanned = clamd.received[0][1]
    assert SCRIPT.encode() not in scanned
    assert ATTACHED not in scanned


def test_the_stored_file_is_encrypted_at_rest(caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a, file=make_upload(one_page_pdf("canary-at-rest-qzx")))
    on_disk = (storage._directory() / item.stored_name).read_bytes()
    assert b"canary-at-rest-qzx" not in on_disk
    assert b"canary-at-rest-qzx" in _stored(item)
    assert item.channel == Channel.STAFF
