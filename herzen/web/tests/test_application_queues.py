"""The application page's screening, the work queue's views and the time-in-state page."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from herzen.audit.models import AccessEvent
from herzen.demo.applications import walk
from herzen.domain.rules import shipped_rule_set_document
from herzen.pathways import services
from herzen.pathways.models import Application, ApplicationStateChange
from herzen.pathways.tests.factories import make_application


def test_the_application_page_shows_the_screening_under_the_regimes_rule_set(
    login, open_regimes, caseworker_a
):
    application = make_application(caseworker_a)
    document = shipped_rule_set_document("de_22_2")

    page = login(caseworker_a).get(reverse("web:application-detail", args=[application.pk])).content.decode()

    assert 'id="screening"' in page
    assert (
        escape(
            f"rules Germany: humanitarian admission (§ 22 sentence 2 AufenthG), version {document['version']}"
        )
        in page
    )
    assert "Screening recommends; people decide" in page
    # every criterion of the rule set, with its outcome; the declarations are not recorded, so not known
    for criterion in document["criteria"]:
        assert escape(criterion["label"]) in page
    assert escape("Declares Russia's borders as of 1 January 1992") in page  # the fact, named in words
    assert "declares_borders_of_1992" not in page
    assert "not known" in page
    # the case records no danger to anyone: "faces individual danger" fails, so it appears not eligible
    assert "Appears not eligible" in page
    # showing what the record knows (risk, documents, stays) is logged with the page
    event = AccessEvent.objects.filter(actor_user=caseworker_a.user, target_id=str(application.pk)).latest(
        "occurred_at"
    )
    assert {"risk", "documents", "stays"} <= set(event.categories)


def test_the_screening_in_russian_shows_no_code_no_english_and_no_true(login, open_regimes, caseworker_a):
    application = make_application(caseworker_a)
    document = shipped_rule_set_document("de_22_2")

    page = (
        login(caseworker_a, language="ru")
        .get(reverse("web:application-detail", args=[application.pk]))
        .content.decode()
    )

    assert "Заявляет о безусловном признании границ России на 1 января 1992 года" in page
    assert "Опасность подтверждена доказательствами в деле" in page
    assert "Текущие факторы риска" in page  # the fact risk_factor_kinds
    assert "Германия: гуманитарный приём (§ 22, предложение 2 AufenthG)" in page  # the rule set, by name
    assert "вид на жительство после того, как Федеральное министерство внутренних дел" in page
    for criterion in document["criteria"]:
        assert escape(criterion["label"]) not in page
    for code in ("risk_factor_kinds", "risk_is_documented", "is_outside_russia", "True", "False"):
        assert code not in page


def test_an_authority_does_not_see_the_ngos_screening(
    login, open_regimes, caseworker_a, actor_for, authorities, today
):
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    page = login(authorities("DE")["foreign_ministry"]).get(
        reverse("web:application-detail", args=[application.pk])
    )

    assert page.status_code == 200
    assert 'id="screening"' not in page.content.decode()


def test_a_regime_without_rules_says_so(login, operator, caseworker_a):
    services.policy_regime_create(
        actor=operator, pathway="de_22_2", name="No rules", valid_from=date(2025, 1, 1)
    )
    application = make_application(caseworker_a)

    page = login(caseworker_a).get(reverse("web:application-detail", args=[application.pk])).content.decode()

    assert "The policy regime has no screening rules." in page


def test_the_work_queue_offers_its_views_and_filters_waiting_too_long(
    login, open_regimes, caseworker_a, actor_for, today
):
    waiting = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    Application.objects.filter(pk=waiting.pk).update(state_entered_at=timezone.now() - timedelta(days=40))
    fresh = make_application(caseworker_a)
    client = login(caseworker_a)

    everything = client.get(reverse("web:application-list")).content.decode()
    too_long = client.get(reverse("web:application-list"), {"waiting_days": "30"}).content.decode()
    nonsense = client.get(reverse("web:application-list"), {"waiting_days": "-3", "due": "soon"})

    assert 'id="queue-due"' in everything
    assert 'id="queue-stay"' in everything
    assert "Waiting on the authority for more than 30 days" in everything
    assert reverse("web:application-detail", args=[fresh.pk]) in everything
    assert reverse("web:application-detail", args=[waiting.pk]) in too_long
    assert reverse("web:application-detail", args=[fresh.pk]) not in too_long
    assert "40 days" in too_long
    assert nonsense.status_code == 200  # ignored, not an error


def test_the_authority_queue_has_no_stay_view(login, open_regimes, authorities):
    page = login(authorities("DE")["foreign_ministry"]).get(reverse("web:application-list")).content.decode()
    assert 'id="queue-due"' in page
    assert 'id="queue-stay"' not in page


def test_the_time_in_state_page_draws_the_figures_and_tabulates_them(
    login, open_regimes, caseworker_a, caseworker_b, actor_for, today
):
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    changes = list(application.state_changes.order_by("occurred_at", "created_at"))
    start = changes[0].occurred_at
    for change, days in zip(changes, (0, 3, 15), strict=True):
        ApplicationStateChange.objects.filter(pk=change.pk).update(occurred_at=start + timedelta(days=days))

    page = login(caseworker_a).get(reverse("web:application-time-in-state")).content.decode()
    russian = (
        login(caseworker_a, language="ru").get(reverse("web:application-time-in-state")).content.decode()
    )
    elsewhere = login(caseworker_b).get(reverse("web:application-time-in-state")).content.decode()

    assert "<svg" in page
    assert 'role="img"' in page
    assert "<table" in page
    assert ">3.0<" in page  # dossier: 3 days
    assert ">12.0<" in page  # vouched: 12 days
    assert "Время в каждом состоянии" in russian
    assert "<svg" not in elsewhere
    assert "nothing to measure" in elsewhere
