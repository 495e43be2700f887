"""The aid pages: a programme's report and chart, a grant's explanation, and four eyes at the page too."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.aid import services
from herzen.aid.models import GrantStatus
from herzen.api.services import api_token_create

pytestmark = pytest.mark.django_db


def token_client_for(actor):
    _, token = api_token_create(actor=actor, name="aid tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _client(actor):
    client = Client()
    login_with_mfa(client, actor.user)
    return client


def test_programme_page_shows_the_report_and_the_chart(approved_grant, programme, caseworker_a):
    client = _client(caseworker_a)
    page = client.get(reverse("web:aid-programme-detail", args=[programme.pk]))
    assert page.status_code == 200
    assert b"<svg" in page.content
    report = client.get(reverse("web:aid-programme-report", args=[programme.pk, "csv"]))
    assert b"#value+committed" in report.content
    assert client.get(reverse("web:aid-programme-list")).status_code == 200


def test_the_proposer_is_refused_at_the_page_and_the_supervisor_approves(
    programme, household_case, caseworker_a, supervisor_a
):
    case, payee = household_case
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    url = reverse("web:aid-grant-decide", args=[grant.pk])
    proposer = _client(caseworker_a)
    page = proposer.get(reverse("web:aid-grant-detail", args=[grant.pk]))
    assert "450.00 EUR" in page.content.decode()
    assert proposer.post(url, {"decision": "approve"}).status_code == 403
    response = _client(supervisor_a).post(url, {"decision": "approve"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPROVED


def test_the_api_refuses_the_proposer_and_takes_another_decision(
    programme, household_case, caseworker_a, supervisor_a
):
    case, payee = household_case
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    url = f"/api/v1/aid/grants/{grant.pk}/decisions/"
    assert token_client_for(caseworker_a).post(url, {"decision": "approve"}, format="json").status_code == 403
    response = token_client_for(supervisor_a).post(url, {"decision": "approve"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"


def test_a_compliance_officer_clears_a_match_on_the_page_with_a_reason(
    household_case, caseworker_a, supervisor_a, compliance_a
):
    from herzen.aid.models import SanctionsHit
    from herzen.aid.tests.world import make_sanctions_hit

    _, payee = household_case
    hit = make_sanctions_hit(payee)
    page = _client(compliance_a).get(reverse("web:aid-sanctions-hits"))
    assert "OFAC SDN" in page.content.decode()
    url = reverse("web:aid-sanctions-hit-decide", args=[hit.pk])
    assert _client(caseworker_a).post(url, {"decision": "clear", "reason": "x"}).status_code == 403
    assert _client(supervisor_a).post(url, {"decision": "clear", "reason": "x"}).status_code == 403
    kept = _client(compliance_a).post(url, {"decision": "clear", "reason": "  "})
    assert kept.status_code == 200  # no reason: nothing decided, the page comes back
    assert (
        _client(compliance_a).post(url, {"decision": "clear", "reason": "Born 1990, listed 1953"}).status_code
        == 302
    )
    assert SanctionsHit.objects.get(pk=hit.pk).decision == "cleared"
