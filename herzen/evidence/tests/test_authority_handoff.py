"""What the deciding authority receives: the dossier and referral list carry the passport's Latin spelling
beside the Cyrillic, document numbers, labels instead of codes and dates as the reader writes them; an
authority reads the dossier and evidence of exactly the applications referred to it."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.utils import translation
from pypdf import PdfReader

from herzen.core.actor import Role
from herzen.core.exceptions import NotFound, PermissionDenied
from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence import selectors, services
from herzen.evidence.referral_files import read_table
from herzen.evidence.tests.factories import PDF_BYTES, make_evidence, make_upload
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.choices import DocumentType, NameScheme

KEYS = [c.key for c in COLUMNS]


def column(key):
    return KEYS.index(key)


def _principal(application):
    return application.case.household.members.get(role="principal").person


def _with_passport(actor, application, *, spelled=True):
    person = _principal(application)
    passport = people_services.document_add(
        actor=actor,
        person_id=person.pk,
        document_type=DocumentType.INTERNATIONAL_PASSPORT,
        number="751234567",
        issue_date=date(2019, 5, 6),
        expiry_date=date(2029, 5, 5),
    )
    if spelled:
        people_services.name_variant_add(
            actor=actor,
            person_id=person.pk,
            surname="SHCHUKINA",
            given_name="ANNA",
            scheme=NameScheme.ICAO_9303,
            source_document_id=passport.pk,
        )
    return passport


@pytest.fixture
def referred(open_regimes, caseworker_a, actor_for, today):
    """A Germany § 22 application with a passport, a spelling and evidence, submitted to the foreign office."""

    def build(*, spelled=True):
        application = make_application(caseworker_a)
        _with_passport(caseworker_a, application, spelled=spelled)
        make_evidence(caseworker_a, application.case, file=make_upload())
        return walk(application, target="submitted_foreign_ministry", actor_for=actor_for("DE"), today=today)

    return build


@pytest.fixture
def foreign_office(authorities):
    return authorities("DE")["foreign_ministry"]


def _pdf_text(export):
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    reader = PdfReader(io.BytesIO(archive.read("dossier.pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), archive.namelist()  # a justified table cell spreads its words


def test_the_authority_downloads_the_dossier_with_latin_spelling_documents_and_evidence(
    referred, foreign_office
):
    application = referred()

    export = services.dossier_export(actor=foreign_office, application_id=application.pk, language="de")

    text, names = _pdf_text(export)
    assert "Щукина Анна Сергеевна" in text
    assert "SHCHUKINA ANNA" in text
    assert "751234567" in text
    assert "Повестка от 12 марта 2024" in text  # the evidence item
    assert "6. Mai 2019" in text
    assert "5. Mai 2029" in text
    assert "2019-05-06" not in text
    assert "Deutschland" in text  # the destination by name, in the reader's language
    assert "submitted_foreign_ministry" not in text  # the state by its label
    assert ": start →" not in text  # nor a move by its code
    assert any(name.startswith("evidence/") for name in names)
    sums = zipfile.ZipFile(io.BytesIO(export.content)).read("SHA256SUMS").decode()
    assert sums.strip()


def test_without_a_recorded_spelling_the_dossier_gives_the_expected_one_labelled(referred, foreign_office):
    application = referred(spelled=False)

    text, _names = _pdf_text(services.dossier_export(actor=foreign_office, application_id=application.pk))

    assert "SHCHUKINA Anna" in text
    assert "expected spelling (ICAO 9303, 2014)" in text


def test_an_authority_reads_the_evidence_and_files_of_what_was_referred_to_it(referred, foreign_office):
    application = referred()

    items = selectors.application_evidence(actor=foreign_office, application_id=application.pk)

    assert [item.title for item in items] == ["Повестка от 12 марта 2024"]
    _item, content = selectors.application_evidence_file(
        actor=foreign_office, application_id=application.pk, evidence_id=items[0].pk
    )
    assert content == PDF_BYTES


def test_an_authority_reads_nothing_of_an_application_not_referred_to_it(
    referred, open_regimes, caseworker_a, authorities, foreign_office
):
    not_referred = make_application(caseworker_a)
    item = make_evidence(caseworker_a, not_referred.case, file=make_upload())
    referred_elsewhere = referred()
    embassy = authorities("DE")["embassy_consulate"]

    for actor, application in ((foreign_office, not_referred), (embassy, referred_elsewhere)):
        with pytest.raises(NotFound):
            selectors.application_evidence(actor=actor, application_id=application.pk)
        with pytest.raises(NotFound):
            selectors.application_evidence_file(
                actor=actor, application_id=application.pk, evidence_id=item.pk
            )
        with pytest.raises(NotFound):
            services.dossier_export(actor=actor, application_id=application.pk)
    # Nor its evidence through the NGO's own evidence pages.
    with pytest.raises(NotFound):
        selectors.evidence_get(actor=foreign_office, evidence_id=item.pk)


def test_an_evidence_item_of_another_case_is_not_reachable_through_a_referred_application(
    referred, caseworker_a, foreign_office
):
    application = referred()
    other = make_evidence(caseworker_a, make_application(caseworker_a).case, file=make_upload())

    with pytest.raises(NotFound):
        selectors.application_evidence_file(
            actor=foreign_office, application_id=application.pk, evidence_id=other.pk
        )


def test_an_authority_member_without_a_deciding_or_auditing_role_gets_no_dossier(
    referred, foreign_office, make_actor
):
    application = referred()
    admin = make_actor(foreign_office.organisation, Role.ORGANISATION_ADMIN)

    with pytest.raises(PermissionDenied):
        services.dossier_export(actor=admin, application_id=application.pk)
    assert selectors.application_evidence(actor=admin, application_id=application.pk) == []


def test_the_referral_list_carries_latin_spelling_document_labels_and_local_dates(referred, foreign_office):
    referred()

    with translation.override("de"):
        export = services.referral_list_export(actor=foreign_office, file_format="csv", language="de")
    table = read_table(export.content)
    line = table[2]

    assert table[0][column("principal_latin")] == "Lateinische Schreibweise"
    assert line[column("principal")] == "Щукина Анна Сергеевна"
    assert line[column("principal_latin")] == "SHCHUKINA ANNA"
    assert line[column("document_number")] == "751234567"
    assert line[column("document_type")] == "Reisepass"
    assert line[column("destination_name")] == "Deutschland"
    assert line[column("status_name")] == "Beim Außenministerium eingereicht"
    assert line[column("status")] == "submitted_foreign_ministry"  # the code stays, for machines
    assert line[column("date_of_birth")].count(".") == 2  # DD.MM.YYYY, never ISO or US order
    assert "-" not in line[column("date_of_birth")]


def test_an_xlsx_list_keeps_dates_as_dates_shown_day_first(referred, foreign_office):
    referred()
    from openpyxl import load_workbook

    export = services.referral_list_export(actor=foreign_office, file_format="xlsx", language="en")
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    cell = sheet.cell(row=3, column=column("date_of_birth") + 1)
    assert cell.is_date
    assert cell.number_format == "DD/MM/YYYY"


def test_the_referral_list_round_trips_with_its_local_dates(referred, foreign_office, today):
    application = referred()
    table = read_table(services.referral_list_export(actor=foreign_office, file_format="csv").content)
    table[2][column("decision")] = "approved"
    table[2][column("decided_on")] = (today - timedelta(days=1)).strftime("%d.%m.%Y")
    table[2][column("deciding_body")] = "Referat 505"
    table[2][column("reasons_given")] = "nein"
    from herzen.evidence.referral_files import to_csv

    result = services.decisions_import(actor=foreign_office, content=to_csv(table), today=today)

    assert result.applied == 1
    application.refresh_from_db()
    assert application.state == "approved_foreign_ministry"
