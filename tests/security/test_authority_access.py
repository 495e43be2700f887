"""An authority's staff read exactly what was referred to them: the application, its dossier and its
evidence files — and nothing else of the NGO's file. Every URL of the permission matrix is requested by a
caseworker of the authority the world's application was referred to, and by one of another authority."""

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import OrganisationKind
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.models import Application
from tests.security.matrix import MATRIX
from tests.security.world import build_world

# What the referred authority reaches: the application and what hangs on it alone.
REFERRED_MAY_READ = {
    "web:application-detail": 200,
    "web:application-dossier": 200,  # the ZIP
    "web:application-evidence-file": 200,
    "api:application-detail": 200,
}


def _authority(name, kind):
    organisation = OrganisationFactory(
        name=name, kind=OrganisationKind.AUTHORITY, authority_kind=kind, country="DE", city=""
    )
    user = UserFactory(username=name.replace(" ", "-"))
    MembershipFactory(user=user, organisation=organisation, role=Role.CASEWORKER)
    return organisation, user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's world, with its application vouched for and submitted to a German foreign ministry."""
    private_media = override_settings(
        HERZEN_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"), HERZEN_CLAMAV_COMMAND=""
    )
    with private_media, django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        foreign_office, referred_user = _authority("Auswaertiges Amt", "foreign_ministry")
        _other, other_user = _authority("Botschaft Tiflis", "embassy_consulate")
        supervisor = actor_for_user(built.users["supervisor"], organisation_id=built.ids["organisation"])
        application_id = built.ids["application"]
        pathway_services.application_transition(actor=supervisor, application_id=application_id, move="vouch")
        pathway_services.application_transition(
            actor=supervisor,
            application_id=application_id,
            move="submit",
            facts={"submitted_on": timezone.localdate()},
            authority_id=foreign_office.pk,
        )
        assert Application.objects.get(pk=application_id).authority_id == foreign_office.pk
        built.users = {"referred": referred_user, "other_authority": other_user}
        yield built
        transaction.set_rollback(True)


def _status(client, row, path, ids):
    if row.method == "GET":
        return client.get(path).status_code
    if path.startswith("/api/"):
        body = {k: v.format(**ids, n=7) if isinstance(v, str) else v for k, v in row.body.items()}
        send = getattr(client, row.method.lower())  # POST, PATCH or DELETE, as the resource takes it
        return send(path, body, content_type="application/json").status_code
    return client.post(path).status_code


ROWS_NAMING_RECORDS = sorted(
    key
    for key, row in MATRIX.items()
    if "{" in row.path and not row.shadowed_by and not row.path.startswith("/admin/")
)


@pytest.mark.parametrize("key", ROWS_NAMING_RECORDS)
def test_an_authority_reaches_only_what_was_referred_to_it(key, world, db):
    row = MATRIX[key]
    path = row.path.format(**world.ids)
    statuses = {
        visitor: _status(login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), user), row, path, world.ids)
        for visitor, user in world.users.items()
    }

    # Another authority: nothing of this NGO's file exists for it, not even the application.
    assert statuses["other_authority"] == 404, f"{row.method} {path}"
    if key in REFERRED_MAY_READ:
        assert statuses["referred"] == REFERRED_MAY_READ[key], f"{row.method} {path}"
    elif "{application}" in row.path and row.path.count("{") == 1:
        # The application's own moves and API: allowed or refused by the pathway, never another record.
        assert statuses["referred"] != 500, f"{row.method} {path}"
    else:
        assert statuses["referred"] == 404, f"{row.method} {path}"
