"""The reusable API for other apps' files and values, and the admin's search through blind indexes."""

import pytest
from django.test import Client

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.core.actor import Role
from herzen.domain.crypto import DecryptionFailed
from herzen.encryption.files import decrypt_file, encrypt_file, open_value, seal_value
from herzen.encryption.keys import KeyErased, Owner
from herzen.organisations.tests.factories import MembershipFactory, UserFactory
from herzen.people import services
from herzen.people.tests.factories import make_person

SCAN = b"%PDF-1.7 summons for Anna Shchukina, article 207.3"


def test_a_file_is_sealed_with_its_owners_key_and_opens_only_for_its_purpose_and_id(caseworker_a):
    owner = Owner.of("person", make_person(caseworker_a).pk)

    blob = encrypt_file(owner, purpose="intake.evidence", file_id="f1", data=SCAN)

    assert b"Shchukina" not in blob
    assert decrypt_file(owner, purpose="intake.evidence", file_id="f1", data=blob) == SCAN
    with pytest.raises(DecryptionFailed):
        decrypt_file(owner, purpose="intake.evidence", file_id="f2", data=blob)
    with pytest.raises(DecryptionFailed):
        decrypt_file(owner, purpose="intake.photo", file_id="f1", data=blob)
    sealed = seal_value(
        owner, table="intake_draft", field="answers", row_id="d1", plaintext='{"city": "Тбилиси"}'
    )
    assert open_value(owner, table="intake_draft", field="answers", row_id="d1", ciphertext=sealed) == (
        '{"city": "Тбилиси"}'
    )


def test_a_shredded_owners_files_are_unreadable(caseworker_a, supervisor_a):
    person = make_person(caseworker_a)
    owner = Owner.of("person", person.pk)
    blob = encrypt_file(owner, purpose="intake.evidence", file_id="f1", data=SCAN)

    services.person_erase(actor=supervisor_a, person_id=person.pk)  # shreds the key and records the erasure

    with pytest.raises(KeyErased):
        decrypt_file(owner, purpose="intake.evidence", file_id="f1", data=blob)
    with pytest.raises(KeyErased):
        encrypt_file(owner, purpose="intake.evidence", file_id="f2", data=SCAN)


def test_the_admin_finds_persons_and_documents_through_the_blind_indexes(org_a, caseworker_a):
    anna = make_person(caseworker_a)
    make_person(caseworker_a, surname="Петрова", given_name="Ольга")
    services.document_add(
        actor=caseworker_a, person_id=anna.pk, document_type="international_passport", number="751234567"
    )
    user = UserFactory(username="admin-a", is_staff=True)
    MembershipFactory(user=user, organisation=org_a, role=Role.ORGANISATION_ADMIN)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login_with_mfa(client, user)

    persons = client.get("/admin/people/person/", {"q": "Schtschukina"})
    documents = client.get("/admin/people/identitydocument/", {"q": "75 1234567"})

    assert persons.status_code == 200
    assert list(persons.context["cl"].queryset) == [anna]
    assert [d.person_id for d in documents.context["cl"].queryset] == [anna.pk]
