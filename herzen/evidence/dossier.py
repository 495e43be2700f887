"""A dossier as a PDF and, with the evidence files, as one ZIP: pure rendering of content already read.

What goes into a dossier is decided by the export service (scoped reads, audited); this module only lays it
out. The PDF embeds DejaVu Sans (vendored in `fonts/`, Bitstream Vera licence) so Cyrillic names print on
any machine. The ZIP carries a SHA256SUMS file, so whoever receives it can check that every file is the one
the NGO uploaded.
"""

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
LABEL = FontFace(family=FONT, emphasis="BOLD", size_pt=9)


@dataclass(frozen=True)
class Section:
    title: str
    facts: Sequence[tuple[str, str]] = ()  # label, value
    paragraphs: Sequence[str] = ()
    items: Sequence["Section"] = ()  # sub-sections, e.g. one per evidence item


@dataclass(frozen=True)
class AttachedFile:
    name: str
    content: bytes
    sha256: str


@dataclass(frozen=True)
class Dossier:
    title: str
    subtitle: str
    sections: Sequence[Section]
    files: Sequence[AttachedFile] = field(default_factory=tuple)
    footer: str = ""


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.footer_text}  {self.page_no()}/{{nb}}", align="C")


def render_pdf(dossier: Dossier) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.footer_text = dossier.footer
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(dossier.title)
    pdf.set_creator("Herzen")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, dossier.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 6, dossier.subtitle, new_x="LMARGIN", new_y="NEXT")
    for section in dossier.sections:
        _section(pdf, section, level=1)
    return bytes(pdf.output())


def _section(pdf: FPDF, section: Section, *, level: int) -> None:
    pdf.ln(3 if level > 1 else 5)
    pdf.set_font(FONT, "B", 13 if level == 1 else 11)
    pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    if section.facts:
        # A table keeps a long label and its value on one row, however many lines either wraps to.
        with pdf.table(
            col_widths=(55, 125),
            first_row_as_headings=False,
            borders_layout="HORIZONTAL_LINES",
            line_height=5,
            padding=1,
        ) as table:
            for label, value in section.facts:
                row = table.row()
                row.cell(label, style=LABEL)
                row.cell(value or "—")
    for paragraph in section.paragraphs:
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    for item in section.items:
        _section(pdf, item, level=level + 1)


def safe_file_name(name: str, fallback: str) -> str:
    """A name that is safe inside a ZIP on any system: no directories, no control characters."""
    base = re.sub(r"[\x00-\x1f/\\:*?\"<>|]+", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" .")
    return base[:120] or fallback


def build_zip(dossier: Dossier, *, pdf_name: str = "dossier.pdf") -> bytes:
    buffer = io.BytesIO()
    sums = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(pdf_name, render_pdf(dossier))
        for number, attached in enumerate(dossier.files, start=1):
            name = f"evidence/{number:02d}-{safe_file_name(attached.name, f'file-{number:02d}')}"
            archive.writestr(name, attached.content)
            sums.append(f"{attached.sha256}  {name}")
        archive.writestr("SHA256SUMS", "\n".join(sums) + ("\n" if sums else ""))
    return buffer.getvalue()
