"""The one path every uploaded file takes, from an applicant's phone or a caseworker's desk. No database here.

- The type comes from the file's first bytes, never from its name or the browser's claim: PDF, JPEG, PNG or
  HEIC; anything else (a program renamed `.pdf`) is refused.
- Photos are decoded and re-encoded from their pixels alone, so EXIF (GPS position, camera make and serial,
  time taken), XMP and comments are gone before anything is written to disk: a photo's location can lead a
  hostile state to a person. HEIC photos (iPhones) are decoded with pillow-heif and stored as JPEG, which
  every caseworker's browser can show.
- PDFs are rewritten with pikepdf without their document information (author, producer, software: often a
  name or a machine), their XMP metadata, JavaScript, automatic actions and embedded or attached files: a
  dossier travels to authorities, and a file that runs code or carries another file must not travel with it.
- ClamAV scans the cleaned plaintext when it is there: clamd through its socket (`HERZEN_CLAMD_SOCKET`, or the
  Debian default socket when it exists), else a command (`HERZEN_CLAMAV_COMMAND`, else clamdscan/clamscan
  when installed) reading standard input, so the plaintext never touches the disk. Without either the file
  is kept and recorded as not scanned; an infected file is refused.

Storing is the caller's: intake drafts keep files under the draft's key, evidence under the household's
(`herzen.evidence.storage`); both encrypt at rest through `herzen.encryption.files`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import shutil
import socket
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

# pikepdf announces its logger bridge at INFO on import; nothing an operator needs to read on every start.
logging.getLogger("pikepdf").setLevel(logging.WARNING)

import pikepdf  # noqa: E402
from django.conf import settings  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from herzen.evidence.models import ScanStatus  # noqa: E402

PDF, JPEG, PNG, HEIC = "pdf", "jpeg", "png", "heic"
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
SCAN_TIMEOUT_SECONDS = 120
CLAMD_DEFAULT_SOCKETS = ("/run/clamav/clamd.ctl", "/var/run/clamav/clamd.ctl")
CLAMD_CHUNK = 64 * 1024


class FileRejected(ValueError):
    """The file cannot be kept; `reason` is a stable code, `message()` says why in the active language."""

    def __init__(self, reason: str, *, max_bytes: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.max_bytes = max_bytes

    def message(self) -> str:
        if self.reason == "too_large":
            return _("The file is larger than %(mb)d MB. Send a smaller photo or a shorter PDF.") % {
                "mb": (self.max_bytes or 0) // (1024 * 1024)
            }
        messages = {
            "wrong_type": _("This is not a PDF, JPEG, PNG or HEIC file, whatever its name says."),
            "empty": _("The file is empty."),
            "unreadable": _("The picture cannot be read. Take the photo again or send a PDF."),
            "unreadable_pdf": _("This PDF cannot be read. Save it again or send a photo of the pages."),
            "password_protected": _("This PDF is protected by a password. Send it without the password."),
            "infected": _("The virus scanner found a threat in this file. It was not kept."),
            "too_many": _("You have sent the most files allowed. Remove one to add another."),
        }
        return messages[self.reason]


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


# --- Images ------------------------------------------------------------------------------------------------


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
        raise FileRejected("unreadable") from error
    out = io.BytesIO()
    if detected == PNG:
        clean.save(out, format="PNG", optimize=True)
        return out.getvalue(), PNG
    if clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    clean.save(out, format="JPEG", quality=90)
    return out.getvalue(), JPEG


# --- PDFs --------------------------------------------------------------------------------------------------

# Actions that run code, open other files or programs, or send data out when a reader opens the document.
DANGEROUS_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/RichMediaExecute"}


def _strip_actions(dictionary: pikepdf.Dictionary) -> None:
    """Drop the automatic actions (/AA) of a page, annotation or field, and a dangerous /A action."""
    if "/AA" in dictionary:
        del dictionary["/AA"]
    action = dictionary.get("/A")
    if isinstance(action, pikepdf.Dictionary) and str(action.get("/S", "")) in DANGEROUS_ACTIONS:
        del dictionary["/A"]


def clean_pdf(data: bytes) -> bytes:
    """The PDF without document information, XMP, JavaScript, automatic actions or embedded files."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise FileRejected("password_protected") from error
    except (pikepdf.PdfError, ValueError) as error:
        raise FileRejected("unreadable_pdf") from error
    with pdf:
        root = pdf.Root
        for key in ("/OpenAction", "/AA", "/Metadata", "/PieceInfo"):
            if key in root:
                del root[key]
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    del names[key]
        acroform = root.get("/AcroForm")
        if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
            del acroform["/XFA"]  # XFA forms carry their own scripts
        for page in pdf.pages:
            page_dict = page.obj
            _strip_actions(page_dict)
            for key in ("/Metadata", "/PieceInfo"):
                if key in page_dict:
                    del page_dict[key]
            annotations = page_dict.get("/Annots")
            if isinstance(annotations, pikepdf.Array):
                kept = pikepdf.Array()
                for annotation in annotations:
                    if str(annotation.get("/Subtype", "")) in ("/FileAttachment", "/RichMedia", "/Movie"):
                        continue
                    _strip_actions(annotation)
                    kept.append(annotation)
                page_dict["/Annots"] = kept
        # Whatever is still reachable (outline entries, form fields, named destinations) loses its scripts too.
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                _strip_actions(obj)
                if "/JS" in obj:
                    del obj["/JS"]
                if "/EF" in obj:  # a file specification's embedded file stream
                    del obj["/EF"]
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        out = io.BytesIO()
        pdf.remove_unreferenced_resources()
        # Streams are kept as they came (compressed or not): the content of the pages is not ours to change.
        pdf.save(out, deterministic_id=True, compress_streams=False)
    return out.getvalue()


# --- Checking ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    detected_type: str
    stored_type: str
    data: bytes
    original_sha256: str
    metadata_removed: bool
    scan_status: str = ScanStatus.NOT_SCANNED

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.stored_type]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.stored_type]


def check_file(data: bytes, *, max_bytes: int) -> CheckedFile:
    """Refuse what is too large, empty or not a PDF, JPEG, PNG or HEIC by content; strip its metadata."""
    if len(data) > max_bytes:
        raise FileRejected("too_large", max_bytes=max_bytes)
    if not data:
        raise FileRejected("empty")
    detected = detect_type(data[:32])
    if detected is None:
        raise FileRejected("wrong_type")
    original_sha256 = hashlib.sha256(data).hexdigest()
    if detected == PDF:
        return CheckedFile(PDF, PDF, clean_pdf(data), original_sha256, metadata_removed=True)
    cleaned, stored_type = clean_image(data, detected)
    return CheckedFile(detected, stored_type, cleaned, original_sha256, metadata_removed=True)


def process(data: bytes, *, max_bytes: int) -> CheckedFile:
    """Check and clean the file, then scan what would be stored. Raises FileRejected."""
    checked = check_file(data, max_bytes=max_bytes)
    return CheckedFile(
        checked.detected_type,
        checked.stored_type,
        checked.data,
        checked.original_sha256,
        checked.metadata_removed,
        scan_status=scan(checked.data),
    )


# --- Scanning ----------------------------------------------------------------------------------------------


def clamd_socket() -> str | None:
    configured = getattr(settings, "HERZEN_CLAMD_SOCKET", "")
    if configured:
        return str(configured)
    for candidate in CLAMD_DEFAULT_SOCKETS:
        if Path(candidate).is_socket():
            return candidate
    return None


def scanner_command() -> list[str] | None:
    configured = getattr(settings, "HERZEN_CLAMAV_COMMAND", "")
    if configured:
        return str(configured).split()
    for candidate, arguments in (("clamdscan", ["--no-summary", "--fdpass"]), ("clamscan", ["--no-summary"])):
        found = shutil.which(candidate)
        if found:
            return [found, *arguments]
    return None


def _scan_with_clamd(path: str, data: bytes) -> str:
    """clamd's INSTREAM: length-prefixed chunks, a zero length, then one answer line."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(SCAN_TIMEOUT_SECONDS)
            connection.connect(path)
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CLAMD_CHUNK):
                chunk = data[start : start + CLAMD_CHUNK]
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                answer += received
    except OSError:
        return ScanStatus.ERROR
    verdict = answer.rstrip(b"\0").strip()
    if verdict.endswith(b"FOUND"):
        raise FileRejected("infected")
    if verdict.endswith(b"OK"):
        return ScanStatus.CLEAN
    return ScanStatus.ERROR


def _scan_with_command(command: list[str], data: bytes) -> str:
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
        raise FileRejected("infected")
    return ScanStatus.ERROR


def scan(data: bytes) -> str:
    """ClamAV's verdict on a file's plaintext; an infected file is refused, no scanner is "not scanned"."""
    path = clamd_socket()
    if path is not None:
        return _scan_with_clamd(path, data)
    command = scanner_command()
    if command is not None:
        return _scan_with_command(command, data)
    return ScanStatus.NOT_SCANNED
