"""Decision import: plain words and synonyms name the decision; importing the same file again records
nothing new and says so; an unknown word is refused with what would have been accepted."""

from datetime import timedelta

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Invalid
from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence import services
from herzen.evidence.referral_files import read_table, to_csv, to_xlsx
from herzen.pathways.models import Application, ApplicationDecision
from herzen.pathways.tests.factories import make_application

KEYS = [c.key for c in COLUMNS]


@pytest.fixture
def submitted(open_regimes, caseworker_a, actor_for, today):
    def build(count=1, target="submitted_foreign_ministry"):
        return [
            walk(make_application(caseworker_a), target=target, actor_for=actor_for("DE"), today=today)
            for _ in range(count)
        ]

    return build


@pytest.fixture
def foreign_office(authorities):
    return authorities("DE")["foreign_ministry"]


def _filled(actor, today, words):
    table = read_table(services.referral_list_export(actor=actor, file_format="csv").content)
    for line, word in zip(table[2:], words, strict=True):
        line[KEYS.index("decision")] = word
        line[KEYS.index("decided_on")] = (today - timedelta(days=1)).strftime("%d.%m.%Y")
        line[KEYS.index("deciding_body")] = "Referat 505"
        line[KEYS.index("reasons_given")] = "no"
    return table


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("approved", "approved_foreign_ministry"),
        ("Granted", "approved_foreign_ministry"),
        ("admitted", "approved_foreign_ministry"),
        ("genehmigt", "approved_foreign_ministry"),
        ("одобрено", "approved_foreign_ministry"),
        ("approve", "approved_foreign_ministry"),
        ("Rejected", "refused"),
        ("denied", "refused"),
        ("abgelehnt", "refused"),
        ("Отказано", "refused"),
    ],
)
def test_obvious_synonyms_name_the_decision(submitted, foreign_office, today, word, state):
    (application,) = submitted(1)

    result = services.decisions_import(
        actor=foreign_office, content=to_csv(_filled(foreign_office, today, [word])), today=today
    )

    assert result.applied == 1
    assert Application.objects.get(pk=application.pk).state == state


def test_a_decision_label_in_german_is_accepted(submitted, authorities, today, caseworker_a, actor_for):
    (application,) = submitted(1, target="visa_appointment")
    embassy = authorities("DE")["embassy_consulate"]
    table = _filled(embassy, today, ["Visum erteilen"])
    table[2][KEYS.index("valid_until")] = (today + timedelta(days=90)).strftime("%d.%m.%Y")

    services.decisions_import(actor=embassy, content=to_xlsx(table), today=today)

    assert Application.objects.get(pk=application.pk).state == "visa_issued"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_the_same_file_again_records_nothing_new_and_says_so(
    submitted, foreign_office, today, file_format
):
    applications = submitted(2)
    table = _filled(foreign_office, today, ["approved", "refused"])
    content = to_csv(table) if file_format == "csv" else to_xlsx(table)
    first = services.decisions_import(actor=foreign_office, content=content, today=today)
    events = AuditEvent.objects.count()

    again = services.decisions_import(actor=foreign_office, content=content, today=today)

    assert (first.applied, first.already_recorded) == (2, 0)
    assert (again.applied, again.already_recorded) == (0, 2)
    assert AuditEvent.objects.count() == events  # nothing written
    assert ApplicationDecision.objects.filter(application__in=applications).count() == 2


def test_a_file_with_old_and_new_decisions_records_only_the_new(submitted, foreign_office, today):
    submitted(1)
    content = to_csv(_filled(foreign_office, today, ["approved"]))
    services.decisions_import(actor=foreign_office, content=content, today=today)
    (newer,) = submitted(1)
    table = read_table(services.referral_list_export(actor=foreign_office, file_format="csv").content)
    for line in table[2:]:
        line[KEYS.index("decision")] = "approved"
        line[KEYS.index("decided_on")] = (today - timedelta(days=1)).strftime("%d.%m.%Y")
        line[KEYS.index("deciding_body")] = "Referat 505"
        line[KEYS.index("reasons_given")] = "no"

    result = services.decisions_import(actor=foreign_office, content=to_csv(table), today=today)

    assert (result.applied, result.already_recorded) == (1, 1)
    assert Application.objects.get(pk=newer.pk).state == "approved_foreign_ministry"


def test_an_unknown_word_is_refused_with_what_is_accepted(submitted, foreign_office, today):
    (application,) = submitted(1)

    with pytest.raises(Invalid) as error:
        services.decisions_import(
            actor=foreign_office, content=to_csv(_filled(foreign_office, today, ["perhaps"])), today=today
        )

    (message,) = error.value.fields["file"]
    assert message.startswith("Line 3:")
    assert "“perhaps”" in message
    assert "“Approve”" in message
    assert "“Refuse”" in message
    assert Application.objects.get(pk=application.pk).state == "submitted_foreign_ministry"
