"""Sharing consents through the API: list, record, revoke; audited; the reads logged; scoped to the owner."""

from datetime import date, timedelta

import pytest

from herzen.audit.models import AccessEvent, AuditEvent
from herzen.core.exceptions import NotFound
from herzen.people.tests.factories import make_person
from herzen.sharing import selectors
from herzen.sharing.models import SharingConsent


def _body(grantee_id, **extra):
    return {
        "grantee_id": str(grantee_id),
        "parts": ["contact", "identity"],
        "valid_until": str(date.today() + timedelta(days=30)),
        "given_how": "signed_form",
        "note": "Подписала форму в офисе.",
        **extra,
    }


def test_record_list_and_revoke_a_consent(api_as, caseworker_a, caseworker_b):
    person = make_person(caseworker_a)
    client = api_as(caseworker_a)
    url = f"/api/v1/persons/{person.pk}/sharing-consents/"
    grantee_id = caseworker_b.organisation_id

    recorded = client.post(url, _body(grantee_id), format="json")
    assert recorded.status_code == 201, recorded.json()
    body = recorded.json()
    assert body["parts"] == ["identity", "contact"]  # stored in the vocabulary's order
    assert body["note"] == "Подписала форму в офисе."
    assert body["revoked_at"] is None
    # The grantee now reads the consented parts.
    assert selectors.shared_person_get(actor=caseworker_b, person_id=person.pk).categories == [
        "identity",
        "contact",
    ]
    assert client.post(url, _body(grantee_id), format="json").status_code == 409  # one in force at a time

    listed = client.get(url).json()["results"]
    assert [c["id"] for c in listed] == [body["id"]]
    assert AccessEvent.objects.filter(target_id=str(person.pk), via="api:person-sharing-consents").exists()
    assert api_as(caseworker_b).get(url).status_code == 404  # the grantee does not see the consents

    revocations = f"/api/v1/sharing-consents/{body['id']}/revocations/"
    assert client.post(revocations, {"reason": "  "}, format="json").status_code == 400
    assert api_as(caseworker_b).post(revocations, {"reason": "x"}, format="json").status_code == 404
    revoked = client.post(revocations, {"reason": "Попросила прекратить."}, format="json")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert revoked.json()["revoked_by"] == caseworker_a.user.username
    assert client.post(revocations, {"reason": "Again."}, format="json").status_code == 409
    with pytest.raises(NotFound):  # from this moment the grantee sees nothing
        selectors.shared_person_get(actor=caseworker_b, person_id=person.pk)
    assert SharingConsent.objects.get().revoke_reason == "Попросила прекратить."
    assert list(
        AuditEvent.objects.filter(action__startswith="sharing_consent.")
        .order_by("sequence")
        .values_list("action", flat=True)
    ) == ["sharing_consent.record", "sharing_consent.revoke"]


def test_bad_input_is_a_400_with_the_field(api_as, caseworker_a, caseworker_b):
    person = make_person(caseworker_a)
    client = api_as(caseworker_a)
    url = f"/api/v1/persons/{person.pk}/sharing-consents/"

    no_parts = client.post(url, _body(caseworker_b.organisation_id, parts=[]), format="json")
    assert no_parts.status_code == 400
    assert "parts" in no_parts.json()["fields"]
    own = client.post(url, _body(caseworker_a.organisation_id), format="json")  # not with oneself
    assert own.status_code == 400
    assert "grantee" in own.json()["fields"]
    past = client.post(url, _body(caseworker_b.organisation_id, valid_until="2000-01-01"), format="json")
    assert past.status_code == 400
    assert SharingConsent.objects.count() == 0


def test_an_auditor_reads_but_cannot_record_or_revoke(api_as, caseworker_a, auditor_a, caseworker_b):
    person = make_person(caseworker_a)
    url = f"/api/v1/persons/{person.pk}/sharing-consents/"
    consent = api_as(caseworker_a).post(url, _body(caseworker_b.organisation_id), format="json").json()
    auditor = api_as(auditor_a)

    assert auditor.get(url).status_code == 200
    assert auditor.post(url, _body(caseworker_b.organisation_id), format="json").status_code == 403
    revocations = f"/api/v1/sharing-consents/{consent['id']}/revocations/"
    assert auditor.post(revocations, {"reason": "No."}, format="json").status_code == 403
    assert SharingConsent.objects.get().revoked_at is None
