"""Checking, cleaning, scanning and storing an uploaded file. No database here: services.py records it.

- The type comes from the file's first bytes, never from its name or the browser's claim.
- Photos are decoded and re-encoded from their pixels alone, so EXIF (GPS position, camera make and serial,
  time taken), XMP and comments are gone before anything is written to disk: a photo's location can lead a
  hostile state to a person. HEIC photos (iPhones) are decoded with pillow-heif and stored as JPEG, which
  every caseworker's browser can show.
- Files are written under HERZEN_PRIVATE_MEDIA_ROOT with random names, outside the web root, encrypted with
  the draft's data key and bound to their name (`herzen.encryption.files`): the disk never holds plaintext.
- ClamAV scans the plaintext, given on its standard input (so it never touches the disk), when it is
  installed (clamdscan, else clamscan, or HERZEN_CLAMAV_COMMAND); otherwise the upload is recorded as not
  scanned.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageOps

from herzen.encryption.files import decrypt_file, encrypt_file
from herzen.encryption.keys import Owner
from herzen.intake.models import ScanStatus

PDF, JPEG, PNG, HEIC = "pdf", "jpeg", "png", "heic"
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
SCAN_TIMEOUT_SECONDS = 120
FILE_PURPOSE = "intake.upload"


class UploadRejected(ValueError):
    """The file cannot be kept; `reason` is a stable code the form turns into a message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def detect_type(head: bytes) -> str | None:
    """pdf, jpeg, png or heic from the first bytes of the file; None for anything else."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    # ISO base media file: a box size, then "ftyp" and the major brand.
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    return None


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels: no EXIF, XMP, ICC, comments or text chunks can come along."""
    image = ImageOps.exif_transpose(image)  # keep the photo upright once its orientation tag is gone
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode == "PA" else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def clean_image(data: bytes, detected: str) -> tuple[bytes, str]:
    """The image re-encoded without metadata, and the type it is stored as."""
    if detected == HEIC:
        from pillow_heif import register_heif_opener

        register_heif_opener()
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            clean = _pixels_only(opened)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise UploadRejected("unreadable") from error
    out = io.BytesIO()
    if detected == PNG:
        clean.save(out, format="PNG", optimize=True)
        return out.getvalue(), PNG
    if clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    clean.save(out, format="JPEG", quality=90)
    return out.getvalue(), JPEG


@dataclass(frozen=True)
class CheckedFile:
    detected_type: str
    stored_type: str
    data: bytes
    original_sha256: str
    metadata_removed: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.stored_type]


def check_file(data: bytes) -> CheckedFile:
    """Refuse what is too large or not a PDF, JPEG, PNG or HEIC by content; strip images of metadata."""
    if len(data) > settings.HERZEN_INTAKE_UPLOAD_MAX_BYTES:
        raise UploadRejected("too_large")
    if not data:
        raise UploadRejected("empty")
    detected = detect_type(data[:32])
    if detected is None:
        raise UploadRejected("wrong_type")
    original_sha256 = hashlib.sha256(data).hexdigest()
    if detected == PDF:
        return CheckedFile(PDF, PDF, data, original_sha256, metadata_removed=False)
    cleaned, stored_type = clean_image(data, detected)
    return CheckedFile(detected, stored_type, cleaned, original_sha256, metadata_removed=True)


def private_root() -> Path:
    return Path(settings.HERZEN_PRIVATE_MEDIA_ROOT) / "intake"


def stored_path(stored_name: str) -> Path:
    path = (private_root() / stored_name).resolve()
    if path.parent != private_root().resolve():  # a name is ours, never a path from outside
        raise ValueError("not an intake file name")
    return path


def draft_owner(draft_id: object) -> Owner:
    return Owner.of("intake_draft", draft_id)


def write_private(data: bytes, extension: str, *, owner: Owner) -> str:
    """Encrypt `data` with the owner's key and write it under a new random name, which it is bound to."""
    root = private_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored_name = f"{secrets.token_hex(20)}.{extension}"
    sealed = encrypt_file(owner, purpose=FILE_PURPOSE, file_id=stored_name, data=data)
    path = stored_path(stored_name)
    with open(path, "xb") as handle:
        handle.write(sealed)
    path.chmod(0o600)
    return stored_name


def read_private(stored_name: str, *, owner: Owner) -> bytes:
    """The decrypted file. Raises KeyErased once the owner's key is shredded."""
    sealed = stored_path(stored_name).read_bytes()
    return decrypt_file(owner, purpose=FILE_PURPOSE, file_id=stored_name, data=sealed)


def delete_private(stored_name: str) -> None:
    stored_path(stored_name).unlink(missing_ok=True)


def scanner_command() -> list[str] | None:
    configured = getattr(settings, "HERZEN_CLAMAV_COMMAND", "")
    if configured:
        return configured.split()
    for candidate, arguments in (("clamdscan", ["--no-summary", "--fdpass"]), ("clamscan", ["--no-summary"])):
        found = shutil.which(candidate)
        if found:
            return [found, *arguments]
    return None


def scan(data: bytes) -> str:
    """ClamAV's verdict on a file's plaintext (read from standard input: "-"); an infected file is refused."""
    command = scanner_command()
    if command is None:
        return ScanStatus.NOT_SCANNED
    try:
        result = subprocess.run(  # noqa: S603 - fixed command from settings
            [*command, "-"],
            input=data,
            capture_output=True,
            timeout=SCAN_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ScanStatus.ERROR
    if result.returncode == 0:
        return ScanStatus.CLEAN
    if result.returncode == 1:  # ClamAV: virus found
        raise UploadRejected("infected")
    return ScanStatus.ERROR
