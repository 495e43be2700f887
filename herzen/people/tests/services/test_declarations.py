"""The programme's two declarations as records: who declared, when, through which channel, in which words
and language; withdrawn, never deleted; audited; read by screening."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AccessEvent, AuditEvent
from herzen.cases.selectors import case_screening_facts
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import Conflict, NotFound, PermissionDenied
from herzen.domain.rules import Outcome, evaluate, shipped_rule_set
from herzen.people.declaration_texts import DeclarationChannel, DeclarationKind
from herzen.people.models import Declaration
from herzen.people.services import declaration_record, declaration_withdraw

BORDERS = DeclarationKind.BORDERS_OF_1992
DESTALINISATION = DeclarationKind.DESTALINISATION


@pytest.fixture
def case(caseworker_a):
    return make_case(caseworker_a)


@pytest.fixture
def person(case):
    return case.household.members.get().person


def _record(actor, person, kind=BORDERS, language="de", channel=DeclarationChannel.STAFF):
    return declaration_record(actor=actor, person_id=person.pk, kind=kind, channel=channel, language=language)


def _outcomes(actor, case):
    today = timezone.localdate()
    facts = case_screening_facts(actor=actor, case=case, today=today)
    result = evaluate(shipped_rule_set("de_22_2"), facts, as_of=today)
    return {c.criterion_id: c.outcome for c in result.criteria}


def test_a_declaration_keeps_the_exact_wording_in_the_language_shown(caseworker_a, person):
    declaration = _record(caseworker_a, person, language="de")
    assert declaration.wording.startswith(
        "Ich erkenne die Grenzen Russlands in ihrem Stand vom 1. Januar 1992"
    )
    assert declaration.language == "de"
    assert declaration.wording_version == "2026-1"
    assert declaration.channel == DeclarationChannel.STAFF
    assert declaration.recorded_by == caseworker_a.user
    event = AuditEvent.objects.get(action="declaration.record")
    assert event.target_id == str(declaration.pk)
    assert "Ich erkenne" not in str(event.changed_fields)  # field names, never the words


def test_withdrawing_keeps_the_record_and_a_standing_one_is_not_recorded_twice(caseworker_a, person):
    declaration = _record(caseworker_a, person)
    with pytest.raises(Conflict):
        _record(caseworker_a, person)
    withdrawn = declaration_withdraw(actor=caseworker_a, declaration_id=declaration.pk)
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_by == caseworker_a.user
    with pytest.raises(Conflict):
        declaration_withdraw(actor=caseworker_a, declaration_id=declaration.pk)
    again = _record(caseworker_a, person)  # declared anew after a withdrawal: a second record
    assert Declaration.objects.filter(person=person).count() == 2
    assert again.withdrawn_at is None
    assert AuditEvent.objects.filter(action="declaration.withdraw").count() == 1


def test_only_the_persons_editors_record_or_withdraw(caseworker_a, auditor_a, caseworker_b, person):
    with pytest.raises(PermissionDenied):
        _record(auditor_a, person)
    with pytest.raises(NotFound):
        _record(caseworker_b, person)
    declaration = _record(caseworker_a, person)
    with pytest.raises(NotFound):
        declaration_withdraw(actor=caseworker_b, declaration_id=declaration.pk)


def test_screening_reads_the_declarations_standing_withdrawn_or_never_made(caseworker_a, case, person):
    outcomes = _outcomes(caseworker_a, case)
    assert outcomes["declares_borders"] == outcomes["declares_destalinisation"] == Outcome.UNKNOWN
    borders = _record(caseworker_a, person, BORDERS)
    _record(caseworker_a, person, DESTALINISATION)
    outcomes = _outcomes(caseworker_a, case)
    assert outcomes["declares_borders"] == outcomes["declares_destalinisation"] == Outcome.MET
    declaration_withdraw(actor=caseworker_a, declaration_id=borders.pk)
    outcomes = _outcomes(caseworker_a, case)
    assert outcomes["declares_borders"] == Outcome.NOT_MET
    assert outcomes["declares_destalinisation"] == Outcome.MET


def test_the_staff_page_shows_records_and_withdraws_a_declaration_in_russian(caseworker_a, person):
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="ru"), caseworker_a.user)
    url = reverse("web:person-declarations", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Заявления по программе" in page
    assert "Я поддерживаю десталинизацию и деимпериализацию России." in page  # the wording to be affirmed
    response = client.post(url, {"kind": "borders_of_1992"})
    assert response.status_code == 302
    declaration = Declaration.objects.get(person=person)
    assert declaration.channel == DeclarationChannel.STAFF
    assert declaration.language == "ru"
    assert declaration.wording.startswith("Я признаю границы России по состоянию на 1 января 1992 года")
    page = client.get(url).content.decode()
    assert "Записано сотрудником" in page
    assert any("declarations" in e.categories for e in AccessEvent.objects.all())
    client.post(reverse("web:person-declaration-withdraw", args=[person.pk, declaration.pk]))
    declaration.refresh_from_db()
    assert declaration.withdrawn_at is not None
    assert "отозвано" in client.get(url).content.decode()


def test_an_auditor_sees_the_page_without_the_form(auditor_a, person):
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), auditor_a.user)
    page = client.get(reverse("web:person-declarations", args=[person.pk])).content.decode()
    assert "No declaration recorded." in page
    assert "declaration-form" not in page
    assert (
        client.post(
            reverse("web:person-declarations", args=[person.pk]), {"kind": "borders_of_1992"}
        ).status_code
        == 403
    )
