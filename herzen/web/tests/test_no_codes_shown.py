"""Nothing shown to a person is a code: the Russian case, person, evidence and application pages, with a full
record and its history, show no raw audit action, no field or fact key, no True/False and no ISO date."""

import re
from datetime import timedelta
from html.parser import HTMLParser

from django.urls import reverse

from herzen.audit import actions
from herzen.cases.services import case_priority_refresh
from herzen.evidence.tests.factories import make_evidence
from herzen.pathways.models import PolicyRegime
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SNAKE_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
BOOLEAN = re.compile(r"\b(?:True|False|None)\b")


class _Visible(HTMLParser):
    """Text nodes outside <script>, <style> and <code> (a code shown as a code, e.g. a reference, is fine)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def _codes_on(page: str) -> list[str]:
    parser = _Visible()
    parser.feed(page)
    action_names = {action.name for action in actions.registered()}
    found = []
    for text in parser.texts:
        found += ISO_DATE.findall(text) + BOOLEAN.findall(text) + SNAKE_CODE.findall(text)
        found += [word for word in re.findall(r"\b[a-z_]+\.[a-z_]+\b", text) if word in action_names]
    return found


def test_the_russian_pages_of_a_full_record_show_no_code(login, open_regimes, caseworker_a, today):
    application = make_application(caseworker_a)
    case = application.case
    person = case.household.members.get(role="principal").person
    people_services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="75 1234567",
        expiry_date=today + timedelta(days=400),
    )
    stay = people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=30),
        legal_basis="visa_free",
    )
    people_services.stay_update(actor=caseworker_a, stay_id=stay.pk, city="Тбилиси")
    factor = people_services.risk_factor_record(
        actor=caseworker_a, person_id=person.pk, kind="wanted_list", wanted_scope="interstate"
    )
    people_services.risk_factor_update(
        actor=caseworker_a, risk_factor_id=factor.pk, narrative="Объявлен в розыск"
    )
    case_priority_refresh(actor=caseworker_a, case_id=case.pk, today=today)
    item = make_evidence(caseworker_a, case)
    # A regime named as the demo names them (an operator's own name is shown as typed).
    PolicyRegime.objects.filter(pk=application.regime_id).update(name="Rules of 2025")
    client = login(caseworker_a, language="ru")

    pages = {
        "case": client.get(reverse("web:case-detail", args=[case.pk])).content.decode(),
        "person": client.get(reverse("web:person-detail", args=[person.pk])).content.decode(),
        "evidence": client.get(reverse("web:evidence-detail", args=[item.pk])).content.decode(),
        "application": client.get(reverse("web:application-detail", args=[application.pk])).content.decode(),
    }

    assert "Приоритет пересчитан" in pages["case"]  # case.priority_refresh, by its label
    assert "Фактор риска изменён" in pages["person"]  # risk_factor.update
    assert "Правила 2025 года" in pages["application"]
    assert "Грузия: не более" in pages["person"]  # the stay's calculation, in Russian
    assert "<dd>Германия</dd>" in pages["application"]  # the destination by name, not "DE"
    assert {name: found for name, page in pages.items() if (found := _codes_on(page))} == {}


def test_the_check_finds_codes():
    page = (
        "<p>case.priority_refresh</p><p>2026-03-01</p><p>True</p><p>risk_factor_kinds</p><time>1 марта</time>"
    )
    found = set(_codes_on(page))
    assert {"case.priority_refresh", "2026-03-01", "True", "risk_factor_kinds"} <= found
    assert not any("марта" in code for code in found)
