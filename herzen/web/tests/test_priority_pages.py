"""Priority on the pages: the case page's explanation, the queue, and the risk-factor forms of the person page."""

from datetime import timedelta

from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.cases.models import Case
from herzen.cases.tests.factories import make_case
from herzen.domain.risk import DEFAULT_PRIORITY_WEIGHTS
from herzen.people import services as people_services
from herzen.people.models import RiskFactor
from herzen.people.tests.factories import make_household, make_person


def case_url(case):
    return reverse("web:case-detail", args=[case.pk])


def person_url(person):
    return reverse("web:person-detail", args=[person.pk])


def principal_of(case):
    return case.household.members.get(role="principal").person


def test_the_case_page_shows_how_the_priority_adds_up_and_the_dated_deadlines(login, caseworker_a, today):
    case = make_case(caseworker_a)
    person = principal_of(case)
    people_services.risk_factor_record(
        actor=caseworker_a,
        person_id=person.pk,
        kind="criminal_case",
        criminal_article="207.3",
        criminal_stage="accused",
    )
    people_services.risk_factor_record(
        actor=caseworker_a,
        person_id=person.pk,
        kind="mobilisation_summons",
        occurred_on=today - timedelta(days=2),
    )
    case = Case.objects.get(pk=case.pk)

    response = login(caseworker_a).get(case_url(case))
    page = response.content.decode()
    priority = response.context["priority"]

    assert sum(line.points for line in priority.lines) == priority.score == case.priority_score
    assert "Criminal case, stage: Accused" in page
    assert "Anti-war article 207.3 of the Criminal Code" in page
    assert f"+{DEFAULT_PRIORITY_WEIGHTS.anti_war_article}" in page
    assert "Summons counts as served (exit ban)" in page
    assert f'datetime="{(today + timedelta(days=5)).isoformat()}"' in page  # posted 2 days ago + 7
    assert person.full_name in page
    assert case.get_priority_band_display() in page


def test_the_case_page_in_russian(login, caseworker_a):
    case = make_case(caseworker_a)
    people_services.risk_factor_record(
        actor=caseworker_a, person_id=principal_of(case).pk, kind="foreign_agent"
    )

    page = login(caseworker_a, language="ru").get(case_url(Case.objects.get(pk=case.pk))).content.decode()

    assert "Как складывается приоритет" in page
    assert "Пересчитать на сегодня" in page


def test_recalculating_is_a_post_that_audits_only_a_change(login, caseworker_a, auditor_a):
    case = make_case(caseworker_a)
    client = login(caseworker_a)
    refresh = reverse("web:case-priority-refresh", args=[case.pk])

    assert client.post(refresh).status_code == 302
    assert login(auditor_a).post(refresh).status_code == 403
    assert "Recalculate as of today" not in login(auditor_a).get(case_url(case)).content.decode()
    assert client.get(refresh).status_code == 405


def test_the_case_list_is_a_queue_with_bands_and_named_views(login, caseworker_a):
    quiet = make_case(caseworker_a)
    urgent = make_case(caseworker_a)
    people_services.risk_factor_record(
        actor=caseworker_a, person_id=principal_of(urgent).pk, kind="wanted_list", wanted_scope="interpol"
    )
    client = login(caseworker_a)

    response = client.get(reverse("web:case-list"))
    page = response.content.decode()

    assert [row.case.pk for row in response.context["rows"]] == [urgent.pk, quiet.pk]
    assert "badge--band-medium" in page
    assert "Due this week" in page
    assert "?status=open&amp;due=7" in page
    assert "Stay or registration due within 14 days" in page
    due = client.get(reverse("web:case-list"), {"due": 7}).context["rows"]
    assert due == []


def test_recording_and_changing_a_risk_factor_on_the_person_page(login, caseworker_a, today):
    person = make_person(caseworker_a)
    case = make_case(caseworker_a, household=make_household(caseworker_a, principal=person))
    client = login(caseworker_a)

    response = client.post(
        reverse("web:person-risk-record", args=[person.pk]),
        {"risk-kind": "criminal_case", "risk-criminal_article": "280.3", "risk-criminal_stage": "suspect"},
    )

    assert response.status_code == 302
    factor = RiskFactor.objects.get(person=person)
    assert (factor.criminal_article, factor.criminal_stage) == ("280.3", "suspect")
    assert Case.objects.get(pk=case.pk).priority_score > 0
    assert "Criminal case" in client.get(person_url(person)).content.decode()

    edit = reverse("web:person-risk-edit", args=[person.pk, factor.pk])
    form = client.get(edit).context["form"]
    assert form.initial["criminal_stage"] == "suspect"
    response = client.post(
        edit,
        {"risk-kind": "criminal_case", "risk-criminal_article": "280.3", "risk-criminal_stage": "convicted"},
    )  # "is_current" unticked: the danger is over
    assert response.status_code == 302
    factor.refresh_from_db()
    assert (factor.criminal_stage, factor.is_current) == ("convicted", False)
    assert Case.objects.get(pk=case.pk).priority_score == 0
    assert AuditEvent.objects.filter(action="risk_factor.update").count() == 1


def test_a_risk_factor_missing_its_detail_keeps_the_values_and_shows_the_error(login, caseworker_a):
    person = make_person(caseworker_a)

    response = login(caseworker_a).post(
        reverse("web:person-risk-record", args=[person.pk]),
        {"risk-kind": "wanted_list", "risk-narrative": "Розыск"},
    )

    assert response.status_code == 200
    assert "Say which wanted list." in response.content.decode()
    assert response.context["forms"]["risk"]["narrative"].value() == "Розыск"
    assert not RiskFactor.objects.exists()


def test_risk_factor_pages_are_scoped(login, caseworker_a, caseworker_b, auditor_a):
    person = make_person(caseworker_a)
    factor = people_services.risk_factor_record(actor=caseworker_a, person_id=person.pk, kind="exit_ban")
    other = make_person(caseworker_a, surname="Петрова")
    edit = reverse("web:person-risk-edit", args=[person.pk, factor.pk])

    assert login(caseworker_b).get(edit).status_code == 404
    assert (
        login(caseworker_a).get(reverse("web:person-risk-edit", args=[other.pk, factor.pk])).status_code
        == 404
    )
    assert login(auditor_a).get(edit).status_code == 403
    assert (
        login(caseworker_b)
        .post(reverse("web:person-risk-record", args=[person.pk]), {"risk-kind": "exit_ban"})
        .status_code
        == 404
    )
    assert RiskFactor.objects.count() == 1
