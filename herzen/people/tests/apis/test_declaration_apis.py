"""The programme declarations through the API: list, record (staff channel), withdraw; audited; scoped."""

from herzen.audit.models import AuditEvent
from herzen.people.models import Declaration
from herzen.people.tests.factories import make_person


def test_record_list_and_withdraw_a_declaration(api_as, caseworker_a, caseworker_b):
    person = make_person(caseworker_a)
    client = api_as(caseworker_a)
    url = f"/api/v1/persons/{person.pk}/declarations/"

    recorded = client.post(
        url, {"kind": "destalinisation_and_deimperialisation", "language": "de"}, format="json"
    )
    assert recorded.status_code == 201
    body = recorded.json()
    assert body["channel"] == "staff"
    assert body["wording"] == "Ich unterstütze die Entstalinisierung und Entimperialisierung Russlands."
    assert body["withdrawn_at"] is None
    again = client.post(url, {"kind": "destalinisation_and_deimperialisation"}, format="json")
    assert again.status_code == 409
    assert client.post(url, {"kind": "party_membership"}, format="json").status_code == 400
    assert client.post(url, {"kind": "borders_of_1992", "language": "xx"}, format="json").status_code == 400

    listed = client.get(url).json()["results"]
    assert [d["kind"] for d in listed] == ["destalinisation_and_deimperialisation"]
    assert api_as(caseworker_b).get(url).status_code == 404

    withdrawn = client.post(f"/api/v1/declarations/{body['id']}/withdrawals/", format="json")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawn_at"] is not None
    assert Declaration.objects.get().withdrawn_by == caseworker_a.user
    assert set(
        AuditEvent.objects.filter(action__startswith="declaration.").values_list("action", flat=True)
    ) == {
        "declaration.record",
        "declaration.withdraw",
    }
