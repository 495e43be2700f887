"""The registry of audit actions: `audit.record` refuses what no audit_actions.py declared, and every declared
action and field reads as words in Russian (and English), never as a code."""

import re

import pytest
from django.db import transaction
from django.utils import translation

from herzen import audit
from herzen.audit import actions
from herzen.audit.actions import UndeclaredAuditAction
from herzen.audit.models import AuditEvent
from herzen.cases.tests.factories import make_case

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
# Field labels that are the same words in every language.
UNIVERSAL = {"SHA-256"}


def test_record_refuses_an_undeclared_action(caseworker_a):
    case = make_case(caseworker_a)
    before = AuditEvent.objects.count()

    with pytest.raises(UndeclaredAuditAction, match=r"case\.reopen_secretly"), transaction.atomic():
        audit.record(actor=caseworker_a, action="case.reopen_secretly", target=case)
    assert AuditEvent.objects.count() == before


def test_record_refuses_a_field_or_a_target_the_declaration_does_not_name(caseworker_a):
    case = make_case(caseworker_a)

    with pytest.raises(UndeclaredAuditAction, match="risk_factor_kinds"), transaction.atomic():
        audit.record(
            actor=caseworker_a, action="case.assign", target=case, changed_fields=["risk_factor_kinds"]
        )
    with pytest.raises(UndeclaredAuditAction, match=r"cases\.case"), transaction.atomic():
        audit.record(actor=caseworker_a, action="person.update", target=case, changed_fields=["surname"])
    with transaction.atomic():  # what is declared goes through
        event = audit.record(
            actor=caseworker_a, action="case.assign", target=case, changed_fields=["assigned_caseworker"]
        )
    assert event.action == "case.assign"


def test_every_app_declares_its_actions_in_the_registry():
    names = {action.name for action in actions.registered()}
    assert {"case.priority_refresh", "risk_factor.record", "evidence.vouch", "intake_draft.submit"} <= names
    assert len(names) >= 60


def test_every_registered_label_and_field_has_a_russian_translation():
    untranslated = []
    with translation.override("ru"):
        for action in actions.registered():
            if not CYRILLIC.search(str(action.label)):
                untranslated.append((action.name, str(action.label)))
            for name in action.fields:
                label = action.field_label(name)
                if label not in UNIVERSAL and not CYRILLIC.search(label):
                    untranslated.append((f"{action.name}:{name}", label))
    assert untranslated == []


def test_labels_read_as_words_in_english_too():
    with translation.override("en"):
        for action in actions.registered():
            assert str(action.label) != action.name
            assert "." not in str(action.label).rstrip(".")
            for name in action.fields:
                label = action.field_label(name)
                assert "_" not in label, (action.name, name)


def test_a_page_label_is_never_the_code_even_for_an_action_no_longer_declared():
    with translation.override("ru"):
        assert actions.label("case.priority_refresh") == "Приоритет пересчитан"
        assert actions.field_label("case.open", "priority_score") != "priority_score"
        assert actions.label("case.retired_long_ago") == "Записано изменение"
