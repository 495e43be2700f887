from django.core.files.uploadedfile import SimpleUploadedFile

from herzen.evidence import services
from herzen.evidence.models import EvidenceKind, SourceKind
from herzen.evidence.tests.pdfs import one_page_pdf

PDF_BYTES = one_page_pdf("a summons, for the tests")  # as the file pipeline stores it


def make_upload(content=PDF_BYTES, name="summons.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_evidence(actor, case, **extra):
    arguments = {
        "kind": EvidenceKind.SUMMONS,
        "title": "Повестка от 12 марта 2024",
        "source_kind": SourceKind.PERSON_CONCERNED,
        "obtained_from": "Photographed from the original",
        **extra,
    }
    return services.evidence_add(actor=actor, case_id=case.pk, **arguments)
