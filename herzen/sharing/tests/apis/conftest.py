import pytest
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa


@pytest.fixture
def api_as():
    """api_as(actor) -> an APIClient logged in (session) as the actor's user, acting in the actor's organisation."""

    def build(actor):
        client = APIClient()
        login_with_mfa(client, actor.user)  # a browser session that has passed its second factor
        client.credentials(HTTP_X_HERZEN_ORGANISATION=str(actor.organisation_id))
        return client

    return build
