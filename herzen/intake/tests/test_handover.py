"""From the applicant's draft to the caseworker's file: the files become evidence of the right person with
their provenance, the declarations become records screening reads, and the dossier for the authority holds
both the files and their checksums."""

import hashlib
import io
import zipfile

import pytest
from pypdf import PdfReader

from herzen.cases.models import Case
from herzen.core.actor import Role
from herzen.domain.rules import Outcome
from herzen.evidence.models import Channel, SourceKind
from herzen.evidence.selectors import evidence_list
from herzen.evidence.services import dossier_export
from herzen.intake import services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.intake.tests.images import jpeg_with_gps
from herzen.pathways.selectors import application_screening
from herzen.pathways.tests.factories import make_application
from herzen.people.declaration_texts import DeclarationChannel
from herzen.people.models import Declaration, RiskFactor


@pytest.fixture
def sent(receiving):
    """An application whose spouse (member 0) got a mobilisation summons, with a photo of the summons about
    him and a PDF of the applicant's court papers."""
    answers = complete_answers(receiving.pk)
    answers["risks"]["kinds"] = ["criminal_case", "mobilisation_summons"]
    answers["risks"]["summons_date"] = "2026-01-10"
    answers["risks"]["summons_person"] = "0"
    issued = make_draft(receiving, answers=answers)
    add = services.upload_add
    add(
        actor=applicant_actor(),
        draft_id=issued.draft.pk,
        data=jpeg_with_gps(),
        original_name="povestka.jpg",
        kind="summons",
        concerns="0",
    )
    from herzen.evidence.tests.pdfs import one_page_pdf

    add(
        actor=applicant_actor(),
        draft_id=issued.draft.pk,
        data=one_page_pdf("prigovor"),
        original_name="sud.pdf",
        kind="prosecution",
    )
    services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    return Case.objects.get(intake_draft=issued.draft)


def _people(case):
    members = {m.role: m.person for m in case.household.members.select_related("person")}
    return members["principal"], members["spouse_partner"]


def test_each_file_becomes_evidence_of_the_person_it_concerns_with_its_provenance(
    sent, receiving, make_actor
):
    anna, pavel = _people(sent)
    caseworker = make_actor(receiving, Role.CASEWORKER)
    items = {item.kind: item for item in evidence_list(actor=caseworker, case=sent)}
    assert set(items) == {"summons", "court_document"}
    summons, court = items["summons"], items["court_document"]
    assert summons.person == pavel
    assert court.person == anna
    assert {f.kind for f in summons.risk_factors.all()} == {"mobilisation_summons"}
    assert RiskFactor.objects.get(kind="mobilisation_summons").person == pavel  # pinned on the spouse
    assert {f.kind for f in court.risk_factors.all()} == {"criminal_case"}
    for item in items.values():
        assert item.channel == Channel.INTAKE
        assert item.source_kind == SourceKind.PERSON_CONCERNED
        assert item.obtained_from == "Sent by the applicant at intake"
        assert item.metadata_removed
        assert item.scan_status
    assert summons.file_name == "povestka.jpg"
    assert summons.content_type == "image/jpeg"
    assert summons.title == "Summons, sent with the application"


def test_the_sent_files_reach_the_dossier_and_screening(sent, receiving, make_actor, open_regimes):
    caseworker = make_actor(receiving, Role.CASEWORKER)
    application = make_application(caseworker, sent)
    screening = application_screening(actor=caseworker, application=application).result
    outcomes = {c.criterion_id: c.outcome for c in screening.criteria}
    assert outcomes["danger_documented"] == Outcome.MET
    assert outcomes["declares_borders"] == Outcome.MET
    assert outcomes["declares_destalinisation"] == Outcome.MET

    exported = dossier_export(actor=caseworker, application_id=application.pk)
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    files = [name for name in archive.namelist() if name.startswith("evidence/")]
    assert len(files) == 2
    sums = archive.read("SHA256SUMS").decode().splitlines()
    assert sorted(line.split("  ")[1] for line in sums) == sorted(files)
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("dossier.pdf"))).pages)
    assert "Summons, sent with the application" in text
    # The evidence section lists the two files: "None recorded." is left only for the spouse's and the child's
    # documents, which this application does not give.
    assert text.count("None recorded") == text.count("Identity document None recorded.") == 2


def test_the_declarations_are_recorded_with_their_wording_language_and_channel(sent):
    anna, pavel = _people(sent)
    declarations = {d.kind: d for d in Declaration.objects.filter(person=anna)}
    assert set(declarations) == {"borders_of_1992", "destalinisation_and_deimperialisation"}
    borders = declarations["borders_of_1992"]
    assert borders.channel == DeclarationChannel.INTAKE
    assert borders.language == "ru"  # the draft's language: the wording as the applicant read it
    assert borders.wording.startswith("Я признаю границы России по состоянию на 1 января 1992 года")
    assert borders.wording_version
    assert borders.withdrawn_at is None
    assert borders.recorded_by.username == "herzen-intake"
    assert not Declaration.objects.filter(person=pavel).exists()
