"""Test images that carry the metadata a phone writes: GPS position, camera make and model, time taken."""

import io

from PIL import Image

CAMERA_MAKE = "SpyPhoneMaker"
CAMERA_MODEL = "Model-X-Serial-123"


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = CAMERA_MAKE  # Make
    exif[0x0110] = CAMERA_MODEL  # Model
    exif[0x0132] = "2026:03:02 10:00:00"  # DateTime
    gps = {1: "N", 2: (41.0, 43.0, 12.0), 3: "E", 4: (44.0, 47.0, 30.0)}  # Tbilisi
    exif[0x8825] = gps  # GPSInfo
    return exif


def jpeg_with_gps(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="JPEG", exif=exif_with_gps())
    return out.getvalue()


def png_with_metadata() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", f"taken with {CAMERA_MAKE}")
    out = io.BytesIO()
    Image.new("RGBA", (32, 32), (0, 120, 0, 255)).save(out, format="PNG", pnginfo=info, exif=exif_with_gps())
    return out.getvalue()


def heic_with_gps() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 10, 200)).save(out, format="HEIF", exif=exif_with_gps().tobytes())
    return out.getvalue()


def minimal_pdf() -> bytes:
    """A one-page PDF as the file pipeline stores it (cleaning it again changes nothing)."""
    from herzen.evidence.tests.pdfs import one_page_pdf

    return one_page_pdf()
