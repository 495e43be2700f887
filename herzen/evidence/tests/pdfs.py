"""Test PDFs: a plain one-page document, and one carrying what the file pipeline must remove."""

import io

import pikepdf

AUTHOR = "Ivanova Anna, MVD Office 12"
SCRIPT = "app.launchURL tracking-marker"
ATTACHED = b"MZ attached program, not a document"


def one_page_pdf(text: str = "") -> bytes:
    """A one-page PDF (its page draws `text`, so it shows in the bytes), already as the pipeline stores it:
    cleaning it again gives the same bytes."""
    from herzen.evidence.pipeline import clean_pdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    content = f"BT /F1 12 Tf 10 100 Td ({text}) Tj ET".encode()
    pdf.pages[0].obj["/Contents"] = pdf.make_stream(content)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=False)
    return clean_pdf(clean_pdf(out.getvalue()))  # the second pass settles the trailer's ID


def pdf_with_script_and_attachment() -> bytes:
    """A PDF that runs JavaScript when opened, carries an attached file, a file-attachment annotation, an
    author in its document information and XMP metadata."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(SCRIPT)))
    pdf.Root.OpenAction = script
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("hello"), script]))
    )
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, ATTACHED, filename="payload.exe")
    page = pdf.pages[0].obj
    filespec = pikepdf.AttachedFileSpec(pdf, ATTACHED, filename="second.exe")
    page.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.FileAttachment,
                        Rect=pikepdf.Array([0, 0, 10, 10]),
                        FS=filespec.obj,
                    )
                )
            ]
        )
    )
    page.AA = pikepdf.Dictionary(O=script)
    pdf.docinfo["/Author"] = AUTHOR
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [AUTHOR]
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()
