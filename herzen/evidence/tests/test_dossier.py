import hashlib
import io
import zipfile

from pypdf import PdfReader

from herzen.evidence.dossier import AttachedFile, Dossier, Section, build_zip, render_pdf, safe_file_name


def _dossier(files=()):
    return Dossier(
        title="Досье: Щукина Анна Сергеевна",
        subtitle="Germany § 22 — K7QM-4F9X-TBF",
        sections=[
            Section("Household", facts=[("Principal", "Щукина Анна Сергеевна"), ("Child", "Щукин Илья")]),
            Section(
                "Evidence",
                items=[Section("Повестка", facts=[("SHA-256", "ab" * 32)], paragraphs=["Сфотографировано."])],
            ),
        ],
        files=list(files),
        footer="Herzen",
    )


def test_the_pdf_is_a_pdf_with_an_embedded_cyrillic_font():
    content = render_pdf(_dossier())
    assert content.startswith(b"%PDF-")
    assert b"DejaVu" in content


def test_the_pdf_text_reads_back_in_cyrillic_with_every_fact():
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(_dossier()))).pages)
    assert "Досье: Щукина Анна Сергеевна" in text
    assert "Щукин Илья" in text
    assert "Повестка" in text
    assert "ab" * 32 in text.replace("\n", "").replace(" ", "")


def test_many_sections_flow_onto_more_pages():
    long = Dossier("t", "s", [Section(f"S{i}", paragraphs=["Текст " * 200]) for i in range(8)])
    content = render_pdf(long)
    assert content.count(b"/Type /Page\n") + content.count(b"/Type /Page ") > 1


def test_the_zip_holds_the_pdf_every_file_and_their_checksums():
    data = b"%PDF-1.4 summons"
    attached = AttachedFile("../../etc/повестка.pdf", data, hashlib.sha256(data).hexdigest())
    archive = zipfile.ZipFile(io.BytesIO(build_zip(_dossier([attached]))))
    names = archive.namelist()
    assert names[0] == "dossier.pdf"
    assert "evidence/01-повестка.pdf" in names
    assert archive.read("evidence/01-повестка.pdf") == data
    assert archive.read("SHA256SUMS").decode() == f"{attached.sha256}  evidence/01-повестка.pdf\n"


def test_file_names_cannot_leave_the_archive_folder():
    assert safe_file_name("..\\..\\win.ini", "x") == "win.ini"
    assert safe_file_name("...", "fallback") == "fallback"
    assert "/" not in safe_file_name("a/b/c:d", "x")
