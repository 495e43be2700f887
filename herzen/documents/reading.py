"""Getting a seal's text out of what a checker has: the text itself, a photo or scan of the QR, or the PDF."""

import io
from pathlib import Path

import pikepdf
import zxingcpp
from PIL import Image, UnidentifiedImageError

from herzen.domain.seals import PREFIX

MAX_FILE = 20 * 1024 * 1024
FULL_DATA_START = '{"data":'  # a VDS-NC seal (herzen.domain.seals.vds_nc)


class NoSealFound(ValueError):
    pass


def seal_text_from_image(data: bytes) -> str:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise NoSealFound("Not an image.") from error
    for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        if barcode.text.startswith(PREFIX):
            return barcode.text
    for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        if barcode.text.startswith(FULL_DATA_START):  # the full-data (VDS-NC) seal, when no minimal one
            return barcode.text
    raise NoSealFound("No Herzen seal in the image.")


def seal_text_from_pdf(data: bytes) -> str:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            keywords = str(pdf.docinfo.get("/Keywords", ""))
    except pikepdf.PdfError as error:
        raise NoSealFound("Not a PDF.") from error
    if not keywords.startswith(PREFIX):
        raise NoSealFound("The PDF carries no Herzen seal.")
    return keywords


def seal_text_from(argument: str) -> str:
    """`argument` is the seal's text (minimal, or the full-data VDS-NC JSON), or the path of a PNG/JPEG of the QR or of a Herzen PDF."""
    if argument.strip().startswith((PREFIX, FULL_DATA_START)):
        return argument.strip()
    path = Path(argument)
    if not path.is_file():
        raise NoSealFound("Neither a seal's text nor a file.")
    if path.stat().st_size > MAX_FILE:
        raise NoSealFound("The file is too large.")
    data = path.read_bytes()
    return seal_text_from_pdf(data) if data.startswith(b"%PDF") else seal_text_from_image(data)
