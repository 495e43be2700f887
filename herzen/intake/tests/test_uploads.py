"""Uploads: the type comes from the content, size is limited, photos lose their location and camera data,
files live outside the web root, encrypted, with the SHA-256 of their plaintext, and ClamAV's verdict (or its
absence) is recorded."""

import hashlib
import io
import stat

import pytest
from PIL import Image

from herzen.audit.models import AuditEvent
from herzen.domain.crypto import DecryptionFailed, is_ciphertext
from herzen.evidence import pipeline
from herzen.evidence.tests.pdfs import one_page_pdf
from herzen.intake import services, uploads
from herzen.intake.identity import applicant_actor
from herzen.intake.models import IntakeUpload, ScanStatus
from herzen.intake.tests.factories import make_draft
from herzen.intake.tests.images import (
    CAMERA_MAKE,
    CAMERA_MODEL,
    heic_with_gps,
    jpeg_with_gps,
    minimal_pdf,
    png_with_metadata,
)


def _add(draft, data, name="photo.jpg"):
    return services.upload_add(
        actor=applicant_actor(), draft_id=draft.pk, data=data, original_name=name, kind="passport"
    )


def _plaintext(upload) -> bytes:
    return uploads.read_private(upload.stored_name, owner=uploads.draft_owner(upload.draft_id))


def _assert_no_metadata(stored: bytes):
    assert CAMERA_MAKE.encode() not in stored
    assert CAMERA_MODEL.encode() not in stored
    assert b"GPS" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825), "GPS data survived"
        assert 0x010F not in exif, "camera make survived"
        assert 0x0110 not in exif, "camera model survived"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "heic"),
        (b"MZ\x90\x00", None),  # a Windows program
        (b"<html><script>", None),
    ],
)
def test_the_type_is_read_from_the_first_bytes(head, expected):
    assert pipeline.detect_type(head) == expected


def test_a_program_named_like_a_photo_is_refused_and_nothing_is_stored(db, private_media):
    draft = make_draft().draft
    with pytest.raises(pipeline.FileRejected) as rejected:
        _add(draft, b"MZ\x90\x00" + b"\x00" * 200, name="passport.jpg")
    assert rejected.value.reason == "wrong_type"
    assert not IntakeUpload.objects.exists()
    assert not any(private_media.rglob("*.*"))


def test_a_file_over_the_limit_is_refused(db, settings):
    settings.HERZEN_INTAKE_UPLOAD_MAX_BYTES = 1000
    draft = make_draft().draft
    with pytest.raises(pipeline.FileRejected) as rejected:
        _add(draft, b"%PDF-1.4\n" + b"0" * 1000, name="case.pdf")
    assert rejected.value.reason == "too_large"


def test_a_jpeg_loses_gps_and_camera_data_before_it_is_written(db, private_media):
    original = jpeg_with_gps()
    assert CAMERA_MAKE.encode() in original  # the fixture really carries it
    upload = _add(make_draft().draft, original)
    stored = _plaintext(upload)
    _assert_no_metadata(stored)
    assert upload.metadata_removed
    assert upload.sha256 == hashlib.sha256(stored).hexdigest()
    assert upload.original_sha256 == hashlib.sha256(original).hexdigest()
    assert (upload.detected_type, upload.content_type) == ("jpeg", "image/jpeg")


def test_a_png_loses_its_text_and_exif_chunks(db):
    upload = _add(make_draft().draft, png_with_metadata(), name="scan.png")
    stored = _plaintext(upload)
    _assert_no_metadata(stored)
    assert upload.content_type == "image/png"


def test_an_iphone_heic_photo_is_cleaned_and_kept_as_jpeg(db):
    original = heic_with_gps()
    assert pipeline.detect_type(original[:32]) == "heic"
    upload = _add(make_draft().draft, original, name="IMG_0001.HEIC")
    stored = _plaintext(upload)
    _assert_no_metadata(stored)
    assert (upload.detected_type, upload.content_type) == ("heic", "image/jpeg")


def test_files_are_encrypted_on_disk_and_bound_to_their_draft_and_name(db):
    original = one_page_pdf("canary-upload-qzx")
    draft = make_draft().draft
    upload = _add(draft, original, name="a.pdf")
    on_disk = uploads.stored_path(upload.stored_name).read_bytes()
    assert b"canary-upload-qzx" not in on_disk
    assert not on_disk.startswith(b"%PDF")
    assert _plaintext(upload) == original
    assert upload.sha256 == hashlib.sha256(original).hexdigest()  # of the plaintext, as before
    other = _add(make_draft().draft, minimal_pdf(), name="b.pdf")
    moved = uploads.stored_path(other.stored_name)
    moved.write_bytes(on_disk)  # a file copied under another draft's name does not open
    with pytest.raises(DecryptionFailed):
        _plaintext(other)
    stored = IntakeUpload.objects.get(pk=upload.pk)
    assert stored.original_name == "a.pdf"
    raw = IntakeUpload.objects.filter(pk=upload.pk).values_list("original_name", flat=True)[0]
    assert is_ciphertext(raw.ciphertext)


def test_files_are_private_randomly_named_and_outside_the_web_root(db, private_media, settings):
    upload = _add(make_draft().draft, minimal_pdf(), name="../../etc/passwd.pdf")
    path = uploads.stored_path(upload.stored_name)
    assert path.is_relative_to(private_media)
    assert not path.is_relative_to(settings.BASE_DIR / "herzen" / "static")
    assert "passwd" not in upload.stored_name
    assert upload.original_name == "passwd.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ValueError, match="not an intake file name"):
        uploads.stored_path("../herzen.sqlite3")


def test_without_clamav_the_upload_is_recorded_as_not_scanned(db, monkeypatch):
    monkeypatch.setattr(pipeline.shutil, "which", lambda name: None)
    monkeypatch.setattr(pipeline, "CLAMD_DEFAULT_SOCKETS", ())
    upload = _add(make_draft().draft, minimal_pdf(), name="a.pdf")
    assert upload.scan_status == ScanStatus.NOT_SCANNED


def test_clamav_verdicts_clean_and_infected(db, settings, tmp_path):
    scanner = tmp_path / "fake-clamscan"
    scanner.write_text('#!/bin/sh\ngrep -q EICAR "$2" && exit 1\nexit 0\n')
    scanner.chmod(0o700)
    settings.HERZEN_CLAMAV_COMMAND = f"{scanner} --no-summary"
    draft = make_draft().draft
    assert _add(draft, minimal_pdf(), name="a.pdf").scan_status == ScanStatus.CLEAN
    with pytest.raises(pipeline.FileRejected) as rejected:
        _add(draft, one_page_pdf("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"), name="b.pdf")
    assert rejected.value.reason == "infected"
    assert draft.uploads.count() == 1
    assert len(list(uploads.private_root().iterdir())) == 1  # the infected file was deleted


def test_adding_and_removing_is_audited_without_the_file_name(db, django_capture_on_commit_callbacks):
    draft = make_draft().draft
    upload = _add(draft, minimal_pdf(), name="Щукина-приговор.pdf")
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the removal is committed
        services.upload_remove(actor=applicant_actor(), draft_id=draft.pk, upload_id=upload.pk)
    events = AuditEvent.objects.filter(parent_id=str(draft.pk), target_type="intake.intakeupload")
    assert sorted(events.values_list("action", flat=True)) == ["intake_upload.add", "intake_upload.remove"]
    assert all("Щукина" not in str(e.changed_fields) for e in events)
    assert not list(uploads.private_root().iterdir())


def test_the_evidence_page_shows_an_upload_error_beside_the_field(client, db):
    client.post("/apply/", {"language": "en"})
    response = client.post(
        "/apply/evidence/",
        {"action": "upload", "kind": "passport", "file": io.BytesIO(b"MZ\x90\x00 not a photo")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "whatever its name says" in page
    assert 'href="#id_file"' in page
