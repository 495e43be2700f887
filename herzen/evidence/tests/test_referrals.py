"""Referral lists out, decisions back in (all or nothing), and the dossier of one application."""

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from pypdf import PdfReader

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence import services
from herzen.evidence.referral_files import read_table, to_csv, to_xlsx
from herzen.evidence.tests.factories import PDF_BYTES, make_evidence, make_upload
from herzen.evidence.tests.pdfs import one_page_pdf
from herzen.pathways.models import Application, ApplicationDecision
from herzen.pathways.tests.factories import make_application

DECISION = COLUMNS.index(next(c for c in COLUMNS if c.key == "decision"))


def column(key):
    return [c.key for c in COLUMNS].index(key)


@pytest.fixture
def submitted(open_regimes, caseworker_a, actor_for, today):
    """Three Germany § 22 applications submitted to the German foreign ministry."""

    def build(count=3):
        return [
            walk(
                make_application(caseworker_a),
                target="submitted_foreign_ministry",
                actor_for=actor_for("DE"),
                today=today,
            )
            for _ in range(count)
        ]

    return build


@pytest.fixture
def foreign_office(authorities):
    return authorities("DE")["foreign_ministry"]


def _filled(table, today, decisions):
    """The list as the authority returns it: a decision on each line given in `decisions` {line index: move}."""
    for index, move in decisions.items():
        line = table[index]
        line[DECISION] = move
        line[column("decided_on")] = (today - timedelta(days=1)).isoformat()
        line[column("deciding_body")] = "Referat 505"
        line[column("reasons_given")] = "no"
    return table


def _exported_table(actor, file_format="xlsx"):
    exported = services.referral_list_export(actor=actor, file_format=file_format)
    return read_table(exported.content)


def test_the_authority_exports_the_applications_referred_to_it_with_hashtags(submitted, foreign_office):
    applications = submitted(2)
    table = _exported_table(foreign_office, "csv")
    assert table[1][0] == "#meta+id+application"
    assert sorted(line[0] for line in table[2:]) == sorted(str(a.pk) for a in applications)
    assert {line[column("status")] for line in table[2:]} == {"submitted_foreign_ministry"}
    assert all(line[column("principal")] == "Щукина Анна Сергеевна" for line in table[2:])
    exports = AuditEvent.objects.filter(action="application.export_list")
    assert sorted(e.target_id for e in exports) == sorted(str(a.pk) for a in applications)


def test_another_authority_sees_none_of_them(submitted, authorities):
    submitted(1)
    embassy = authorities("DE")["embassy_consulate"]
    assert _exported_table(embassy)[2:] == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_good_file_applies_every_decision(submitted, foreign_office, today, file_format):
    applications = submitted(3)
    table = _filled(
        _exported_table(foreign_office, file_format), today, {2: "approve", 3: "refuse", 4: "approve"}
    )
    content = to_csv(table) if file_format == "csv" else to_xlsx(table)

    result = services.decisions_import(actor=foreign_office, content=content, today=today)

    assert result.applied == 3
    states = {str(a.pk): Application.objects.get(pk=a.pk).state for a in applications}
    by_line = {str(line[0]): line[DECISION] for line in table[2:]}
    assert states == {
        pk: "approved_foreign_ministry" if move == "approve" else "refused" for pk, move in by_line.items()
    }
    # The deciding body is encrypted: found by reading, not by SQL.
    decision = next(d for d in ApplicationDecision.objects.all() if d.deciding_body == "Referat 505")
    assert decision.reasons_given is False
    assert decision.decided_on == today - timedelta(days=1)
    assert (
        AuditEvent.objects.filter(
            action="application.transition", organisation=foreign_office.organisation
        ).count()
        == 3
    )


def test_one_bad_row_applies_nothing_and_names_its_line(submitted, foreign_office, today):
    applications = submitted(3)
    table = _filled(_exported_table(foreign_office), today, {2: "approve", 3: "approve", 4: "approve"})
    table[3][column("decided_on")] = "yesterday"
    before = AuditEvent.objects.count()

    with pytest.raises(Invalid) as error:
        services.decisions_import(actor=foreign_office, content=to_xlsx(table), today=today)

    assert [m.split(":")[0] for m in error.value.fields["file"]] == ["Line 4"]
    assert "yesterday" in error.value.fields["file"][0]
    assert {Application.objects.get(pk=a.pk).state for a in applications} == {"submitted_foreign_ministry"}
    assert not ApplicationDecision.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_move_the_machine_refuses_rolls_back_the_rows_before_it(submitted, foreign_office, today):
    applications = submitted(2)
    # line 3 is fine; line 4 asks for a move that does not leave "submitted to the foreign ministry"
    table = _filled(_exported_table(foreign_office), today, {2: "approve", 3: "issue_visa"})

    with pytest.raises(Invalid) as error:
        services.decisions_import(actor=foreign_office, content=to_csv(table), today=today)

    [message] = error.value.fields["file"]
    assert message.startswith("Line 4")
    assert "issue_visa" in message or "Issue" in message
    assert {Application.objects.get(pk=a.pk).state for a in applications} == {"submitted_foreign_ministry"}
    assert not ApplicationDecision.objects.exists()


def test_rows_for_applications_not_referred_here_are_refused(submitted, authorities, foreign_office, today):
    [application] = submitted(1)
    table = _filled(_exported_table(foreign_office), today, {2: "approve"})
    embassy = authorities("DE")["embassy_consulate"]
    with pytest.raises(Invalid) as error:
        services.decisions_import(actor=embassy, content=to_csv(table), today=today)
    assert "Line 3" in error.value.fields["file"][0]
    assert Application.objects.get(pk=application.pk).state == "submitted_foreign_ministry"


def test_an_ngo_cannot_import_decisions(submitted, caseworker_a, supervisor_a, foreign_office, today):
    submitted(1)
    table = _filled(_exported_table(foreign_office), today, {2: "approve"})
    for actor in (caseworker_a, supervisor_a):
        with pytest.raises(PermissionDenied):
            services.decisions_import(actor=actor, content=to_csv(table), today=today)


def test_an_export_round_trips_through_an_import(submitted, caseworker_a, foreign_office, today):
    # The NGO's list (what it referred) and the authority's are the same format; the authority fills the NGO's.
    [application] = submitted(1)
    table = _filled(_exported_table(caseworker_a, "csv"), today, {2: "approve"})
    again = read_table(to_xlsx(read_table(to_csv(table))))
    assert [[str(v) if v is not None else "" for v in line] for line in again] == [
        [str(v) if v is not None else "" for v in line] for line in table
    ]
    assert services.decisions_import(actor=foreign_office, content=to_xlsx(again), today=today).applied == 1
    assert Application.objects.get(pk=application.pk).state == "approved_foreign_ministry"


def test_a_file_that_is_not_a_referral_list_is_refused(foreign_office, today):
    with pytest.raises(Invalid) as error:
        services.decisions_import(actor=foreign_office, content=b"name,decision\nx,approve\n", today=today)
    assert "#meta+id+application" in error.value.message


def test_the_dossier_holds_the_pdf_the_evidence_files_and_their_hashes(
    open_regimes, caseworker_a, supervisor_a, today
):
    application = make_application(caseworker_a)
    item = make_evidence(caseworker_a, application.case, file=make_upload())
    forged = make_evidence(
        caseworker_a, application.case, title="Forged", file=make_upload(one_page_pdf("forged"), "fake.pdf")
    )
    services.evidence_flag_fraud(actor=supervisor_a, evidence_id=forged.pk, reason="No such court")
    services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)

    exported = services.dossier_export(actor=caseworker_a, application_id=application.pk)

    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    pdf = PdfReader(io.BytesIO(archive.read("dossier.pdf")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Щукина Анна Сергеевна" in text
    assert item.title in text
    assert "Vouched for by an organisation" in text  # the vouch, in English for the authority
    assert "Forged" not in text
    assert archive.read("evidence/01-summons.pdf") == PDF_BYTES
    assert (
        archive.read("SHA256SUMS").decode()
        == f"{hashlib.sha256(PDF_BYTES).hexdigest()}  evidence/01-summons.pdf\n"
    )
    assert len(archive.namelist()) == 3  # the forged file is not sent
    event = AuditEvent.objects.get(action="application.export_dossier")
    assert event.target_id == str(application.pk)


def test_only_the_ngos_caseworkers_and_supervisors_export_its_dossier(
    open_regimes, caseworker_a, auditor_a, caseworker_b, today
):
    application = make_application(caseworker_a)
    with pytest.raises(PermissionDenied):
        services.dossier_export(actor=auditor_a, application_id=application.pk)
    from herzen.core.exceptions import NotFound

    with pytest.raises(NotFound):
        services.dossier_export(actor=caseworker_b, application_id=application.pk)
