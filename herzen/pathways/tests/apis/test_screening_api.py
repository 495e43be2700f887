"""The application's API detail carries its screening, for the NGO whose case it is only."""

from herzen.demo.applications import walk
from herzen.domain.rules import shipped_rule_set_document
from herzen.pathways.tests.factories import make_application


def test_the_api_detail_carries_the_screening_for_the_ngo_only(
    api_as, open_regimes, caseworker_a, actor_for, authorities, today
):
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    url = f"/api/v1/applications/{application.pk}/"

    mine = api_as(caseworker_a).get(url).json()["screening"]
    theirs = api_as(authorities("DE")["foreign_ministry"]).get(url).json()["screening"]

    assert mine["rule_set"] == {"id": "de_22_2", "version": shipped_rule_set_document("de_22_2")["version"]}
    assert mine["recommendation"] in {"eligible", "not_eligible", "needs_review"}
    assert [c["id"] for c in mine["criteria"]] == [
        c["id"] for c in shipped_rule_set_document("de_22_2")["criteria"]
    ]
    assert mine["notice"].startswith("Screening recommends; people decide")
    assert theirs is None
