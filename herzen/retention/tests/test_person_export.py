import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AccessEvent, AuditEvent
from herzen.cases import services as case_services
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import NotFound, PermissionDenied
from herzen.evidence.tests.factories import make_evidence
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.retention.services import person_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(supervisor_a, open_regimes):
    person = make_person(supervisor_a, surname="Экспортова")
    people_services.contact_point_add(
        actor=supervisor_a, person_id=person.pk, kind="phone", value="+995 555 12 34 56"
    )
    people_services.stay_record(
        actor=supervisor_a,
        person_id=person.pk,
        country="GE",
        entry_date=date(2024, 3, 1),
        legal_basis="visa_free",
    )
    relative = make_person(supervisor_a, surname="Родственникова")
    household = make_household(supervisor_a, person, others=[(relative, "spouse_partner")])
    case = make_case(supervisor_a, household)
    case_services.case_note_add(actor=supervisor_a, case_id=case.pk, body="Заметка о семье")
    people_services.declaration_record(
        actor=supervisor_a, person_id=person.pk, kind="borders_of_1992", channel="staff", language="ru"
    )
    evidence = make_evidence(supervisor_a, case, person_id=person.pk)
    about_relative = make_evidence(supervisor_a, case, person_id=relative.pk, title="О супруге")
    application = make_application(supervisor_a, case)
    return {
        "person": person,
        "relative": relative,
        "case": case,
        "evidence": evidence,
        "about_relative": about_relative,
        "application": application,
    }


def test_the_export_holds_the_person_across_every_part(supervisor_a, record):
    person = record["person"]
    document = person_export(actor=supervisor_a, person_id=person.pk).document
    text = json.dumps(document, ensure_ascii=False)

    assert document["person"]["surname"] == "Экспортова"
    assert document["contact_points"][0]["value"] == "+995 555 12 34 56"
    assert document["stays"][0]["country"] == "GE"
    assert document["household"]["role"] == "principal"
    assert {m["person_id"] for m in document["household"]["members"]} == {
        str(person.pk),
        str(record["relative"].pk),
    }
    [case] = document["cases"]
    assert case["reference"] == record["case"].reference
    assert [note["body"] for note in case["notes"]] == ["Заметка о семье"]
    assert [item["id"] for item in case["evidence"]] == [str(record["evidence"].pk)]
    assert [a["id"] for a in case["applications"]] == [str(record["application"].pk)]
    assert case["applications"][0]["history"]
    assert document["audit_event_ids"]
    [declaration] = document["declarations"]
    assert declaration["kind"] == "borders_of_1992"
    assert declaration["wording"].startswith("Я признаю границы России")
    # The relative's own data stays out: by id and role only.
    assert "Родственникова" not in text
    assert "О супруге" not in text
    # No blind indexes or other derived columns.
    assert "value_index" not in text


def test_the_export_is_audited(supervisor_a, record):
    person = record["person"]
    person_export(actor=supervisor_a, person_id=person.pk)
    assert AuditEvent.objects.filter(action="person.export", target_id=str(person.pk)).count() == 1


def test_only_a_supervisor_of_the_organisation_exports(caseworker_a, auditor_a, caseworker_b, record):
    person = record["person"]
    for actor in (caseworker_a, auditor_a):
        with pytest.raises(PermissionDenied):
            person_export(actor=actor, person_id=person.pk)
    with pytest.raises(NotFound):
        person_export(actor=caseworker_b, person_id=person.pk)


def test_page_and_api_hand_out_the_export_and_log_the_access(supervisor_a, record, org_b, make_actor):
    person = record["person"]
    client = login_with_mfa(Client(), supervisor_a.user)
    page = client.post(reverse("web:person-export", args=[person.pk]))
    assert page.status_code == 200
    assert json.loads(page.content)["person"]["surname"] == "Экспортова"
    assert "attachment" in page["Content-Disposition"]
    assert AccessEvent.objects.filter(target_id=str(person.pk), via="web:person-export").exists()

    api = client.post(reverse("api:person-exports", args=[person.pk]), content_type="application/json")
    assert api.status_code == 200
    assert api.json()["person"]["surname"] == "Экспортова"

    detail = client.get(reverse("web:person-detail", args=[person.pk]))
    assert reverse("web:person-export", args=[person.pk]) in detail.content.decode()


def test_another_organisation_gets_404_and_a_caseworker_403(caseworker_a, caseworker_b, record):
    person = record["person"]
    other = login_with_mfa(Client(), caseworker_b.user)
    assert other.post(reverse("web:person-export", args=[person.pk])).status_code == 404
    own = login_with_mfa(Client(), caseworker_a.user)
    assert own.post(reverse("web:person-export", args=[person.pk])).status_code == 403
    detail = own.get(reverse("web:person-detail", args=[person.pk]))
    assert reverse("web:person-export", args=[person.pk]) not in detail.content.decode()
