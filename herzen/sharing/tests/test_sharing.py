"""Consented sharing between organisations: without a live consent another organisation learns nothing, not
even that the record exists; with one it sees exactly the consented parts."""

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AccessEvent, AuditEvent, DataCategory
from herzen.core.actor import Role
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.organisations.tests.factories import OrganisationFactory
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.sharing import services
from herzen.sharing.models import SharedPart
from herzen.sharing.selectors import shared_person_get, shared_person_list

CONTACT = "@canary_contact_77"
DOCUMENT = "751998877"
NARRATIVE = "Canary narrative of a search at home"
CITY = "Canarytown"
PROFESSION = "canary journalist"


@pytest.fixture
def record(caseworker_a):
    """A person of organisation A with something in every part of the record."""
    person = make_person(caseworker_a, profession=PROFESSION)
    spouse = make_person(caseworker_a, surname="Щукин", given_name="Илья", sex="M")
    make_household(caseworker_a, person, others=[(spouse, "spouse_partner")])
    people_services.contact_point_add(actor=caseworker_a, person_id=person.pk, kind="telegram", value=CONTACT)
    people_services.document_add(
        actor=caseworker_a, person_id=person.pk, document_type="international_passport", number=DOCUMENT
    )
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        city=CITY,
        entry_date=timezone.localdate() - timedelta(days=10),
        legal_basis="visa_free",
    )
    people_services.risk_factor_record(
        actor=caseworker_a, person_id=person.pk, kind="exit_ban", narrative=NARRATIVE
    )
    return person


def share(actor, person, grantee, parts, *, days=30):
    return services.sharing_consent_record(
        actor=actor,
        person_id=person.pk,
        grantee_id=grantee.pk,
        parts=parts,
        valid_until=timezone.localdate() + timedelta(days=days),
        given_how="signed_form",
        note="Signed in the office",
    )


def page(actor, name, **kwargs):
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), actor.user)
    return client.get(reverse(name, kwargs=kwargs))


def _without_tokens(response):
    """The page minus what differs on every response anyway (CSRF token, CSP nonce)."""
    return re.sub(r'(nonce|value|content)="[A-Za-z0-9+/=_-]{16,}"', "", response.content.decode())


def not_found_everywhere(actor, person):
    """Every path a grantee could try answers exactly as for an id that never existed."""
    for name in ("web:shared-person-detail", "web:person-detail"):
        response = page(actor, name, person_id=person.pk)
        random = page(actor, name, person_id=uuid.uuid4())
        assert response.status_code == random.status_code == 404, name
        assert _without_tokens(response) == _without_tokens(random), name
    api = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), actor.user)
    assert api.get(f"/api/v1/persons/{person.pk}/").status_code in (401, 404)
    with pytest.raises(NotFound):
        shared_person_get(actor=actor, person_id=person.pk)
    listing = page(actor, "web:shared-list")
    assert listing.status_code == 200
    assert str(person.pk) not in listing.content.decode()
    assert "Щукина" not in listing.content.decode()


def test_the_parts_are_the_audit_data_categories():
    assert set(SharedPart.values) <= set(DataCategory.values)


def test_without_consent_another_organisation_gets_404_everywhere(record, caseworker_b):
    not_found_everywhere(caseworker_b, record)


def test_consent_for_a_third_organisation_shows_nothing_to_this_one(record, caseworker_a, caseworker_b):
    share(caseworker_a, record, OrganisationFactory(name="Third NGO"), ["identity", "contact"])
    not_found_everywhere(caseworker_b, record)


def test_with_consent_the_grantee_sees_exactly_the_consented_parts(record, caseworker_a, caseworker_b, org_b):
    share(caseworker_a, record, org_b, ["identity", "stays"])

    response = page(caseworker_b, "web:shared-person-detail", person_id=record.pk)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Щукина Анна Сергеевна" in html
    assert PROFESSION in html
    assert CITY in html
    for absent in (CONTACT, DOCUMENT, NARRATIVE, "Щукин Илья", "Илья"):
        assert absent not in html, absent
    # The ordinary person page stays closed: sharing is a separate, explicit path.
    assert page(caseworker_b, "web:person-detail", person_id=record.pk).status_code == 404

    shared = shared_person_get(actor=caseworker_b, person_id=record.pk)
    assert shared.contacts is None
    assert shared.documents is None
    assert shared.risks is None
    assert shared.household is None
    assert shared.parts == {"identity", "stays"}


def test_each_part_alone_shows_its_own_value_and_no_other(record, caseworker_a, caseworker_b, org_b):
    values = {
        "contact": CONTACT,
        "documents": DOCUMENT,
        "risk": NARRATIVE,
        "stays": CITY,
        "identity": PROFESSION,
    }
    for part, value in values.items():
        consent = share(caseworker_a, record, org_b, [part])
        html = page(caseworker_b, "web:shared-person-detail", person_id=record.pk).content.decode()
        assert value in html, part
        for other, other_value in values.items():
            if other != part:
                assert other_value not in html, (part, other)
        if part != "identity":
            assert "Щукина" not in html, part
        services.sharing_consent_revoke(actor=caseworker_a, consent_id=consent.pk, reason="next part")


def test_household_part_shows_roles_but_not_the_other_members(record, caseworker_a, caseworker_b, org_b):
    share(caseworker_a, record, org_b, ["household"])
    shared = shared_person_get(actor=caseworker_b, person_id=record.pk)
    assert shared.household is not None
    assert shared.household.other_roles
    html = page(caseworker_b, "web:shared-person-detail", person_id=record.pk).content.decode()
    assert "Илья" not in html
    assert "Щукин" not in html


def test_the_grantees_reads_are_logged_with_exactly_the_consented_categories(
    record, caseworker_a, caseworker_b, org_b
):
    share(caseworker_a, record, org_b, ["contact", "identity"])

    page(caseworker_b, "web:shared-person-detail", person_id=record.pk)
    page(caseworker_b, "web:shared-list")

    detail = AccessEvent.objects.get(actor_user=caseworker_b.user, via="web:shared-person-detail")
    assert (detail.target_type, detail.target_id) == ("people.person", str(record.pk))
    assert sorted(detail.categories) == ["contact", "identity"]
    assert detail.organisation_id == org_b.pk
    listed = AccessEvent.objects.get(actor_user=caseworker_b.user, via="web:shared-list")
    assert listed.target_id == str(record.pk)
    assert listed.categories == ["identity"]


def test_after_revocation_404_again(record, caseworker_a, caseworker_b, org_b):
    consent = share(caseworker_a, record, org_b, ["identity"])
    assert page(caseworker_b, "web:shared-person-detail", person_id=record.pk).status_code == 200

    services.sharing_consent_revoke(actor=caseworker_a, consent_id=consent.pk, reason="Asked to stop")

    not_found_everywhere(caseworker_b, record)
    assert shared_person_list(actor=caseworker_b) == []


def test_after_expiry_404_again(record, caseworker_a, caseworker_b, org_b):
    consent = share(caseworker_a, record, org_b, ["identity"], days=0)  # holds through today
    assert page(caseworker_b, "web:shared-person-detail", person_id=record.pk).status_code == 200

    type(consent).objects.filter(pk=consent.pk).update(valid_until=timezone.localdate() - timedelta(days=1))

    not_found_everywhere(caseworker_b, record)


def test_record_and_revoke_are_audited_without_values(record, caseworker_a, org_b):
    consent = share(caseworker_a, record, org_b, ["identity"])
    services.sharing_consent_revoke(actor=caseworker_a, consent_id=consent.pk, reason="Asked to stop")

    events = AuditEvent.objects.filter(target_id=str(consent.pk)).order_by("sequence")
    assert [e.action for e in events] == ["sharing_consent.record", "sharing_consent.revoke"]
    assert {e.parent_id for e in events} == {str(record.pk)}
    dumped = str(list(events.values()))
    assert "Signed in the office" not in dumped
    assert "Asked to stop" not in dumped


def test_only_the_owners_caseworkers_and_supervisors_record_and_revoke(
    record, caseworker_a, auditor_a, caseworker_b, org_b
):
    with pytest.raises(PermissionDenied):
        share(auditor_a, record, org_b, ["identity"])
    with pytest.raises(NotFound):  # another organisation cannot even find the person
        share(caseworker_b, record, org_b, ["identity"])
    consent = share(caseworker_a, record, org_b, ["identity"])
    with pytest.raises(PermissionDenied):
        services.sharing_consent_revoke(actor=auditor_a, consent_id=consent.pk, reason="x")
    with pytest.raises(NotFound):  # the grantee cannot revoke (or see) the consent itself
        services.sharing_consent_revoke(actor=caseworker_b, consent_id=consent.pk, reason="x")


def test_consent_is_checked(record, caseworker_a, org_a, org_b):
    with pytest.raises(Invalid) as parts:
        share(caseworker_a, record, org_b, [])
    assert "parts" in parts.value.fields
    with pytest.raises(Invalid):
        share(caseworker_a, record, org_b, ["notes"])  # not in the vocabulary
    with pytest.raises(Invalid) as own:
        share(caseworker_a, record, org_a, ["identity"])
    assert "grantee" in own.value.fields
    authority = OrganisationFactory(name="Ministry", kind="authority", authority_kind="foreign_ministry")
    with pytest.raises(Invalid):
        share(caseworker_a, record, authority, ["identity"])
    with pytest.raises(Invalid) as past:
        share(caseworker_a, record, org_b, ["identity"], days=-1)
    assert "valid_until" in past.value.fields
    consent = share(caseworker_a, record, org_b, ["identity"])
    with pytest.raises(Conflict):
        share(caseworker_a, record, org_b, ["contact"])
    services.sharing_consent_revoke(actor=caseworker_a, consent_id=consent.pk, reason="changed")
    with pytest.raises(Conflict):
        services.sharing_consent_revoke(actor=caseworker_a, consent_id=consent.pk, reason="again")
    with pytest.raises(Invalid):
        services.sharing_consent_revoke(
            actor=caseworker_a, consent_id=share(caseworker_a, record, org_b, ["contact"]).pk, reason=" "
        )


def test_the_owners_person_page_records_and_revokes(record, caseworker_a, caseworker_b, org_b):
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), caseworker_a.user)
    url = reverse("web:person-sharing-consent-record", kwargs={"person_id": record.pk})
    response = client.post(
        url,
        {
            "sharing-grantee": str(org_b.pk),
            "sharing-parts": ["identity", "risk"],
            "sharing-valid_until": str(timezone.localdate() + timedelta(days=5)),
            "sharing-given_how": "verbal",
            "sharing-note": "",
        },
    )
    assert response.status_code == 302
    assert shared_person_get(actor=caseworker_b, person_id=record.pk).parts == {"identity", "risk"}

    detail = client.get(reverse("web:person-detail", kwargs={"person_id": record.pk})).content.decode()
    assert org_b.name in detail
    assert "Revoke consent" in detail
    consent_id = services.SharingConsent.objects.get(person=record).pk
    revoke = reverse(
        "web:person-sharing-consent-revoke", kwargs={"person_id": record.pk, "consent_id": consent_id}
    )
    assert client.post(revoke, {}).status_code == 200  # a reason is required: the page comes back
    assert client.post(revoke, {"revoke-reason": "Withdrawn by phone"}).status_code == 302
    with pytest.raises(NotFound):
        shared_person_get(actor=caseworker_b, person_id=record.pk)


def test_a_grantee_auditor_reads_too_but_an_unrelated_role_less_actor_does_not(
    record, caseworker_a, org_b, make_actor
):
    share(caseworker_a, record, org_b, ["identity"])
    assert shared_person_get(actor=make_actor(org_b, Role.AUDITOR), person_id=record.pk).identity is not None
