"""`herzen createapitoken --username U [--organisation NAME] [--days N] [--name LABEL]`

Prints a new API token once, on standard output (details go to standard error, so scripts can capture the
token alone). Only its hash is stored: a lost token cannot be shown again, only replaced.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.accounts.models import User
from herzen.api.services import api_token_create
from herzen.core.exceptions import ApplicationError
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import Organisation


class Command(BaseCommand):
    help = "Create an API token for a user, acting in one of their organisations, and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--organisation", help="The organisation's name (default: the user's first one).")
        parser.add_argument(
            "--days", type=int, help="Days until it expires (default: HERZEN_API_TOKEN_DAYS)."
        )
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(
        self, *args: Any, username: str, organisation: str | None, days: int | None, name: str, **options: Any
    ) -> None:
        user = User.objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active user named {username!r}.")
        organisation_id = None
        if organisation is not None:
            found = Organisation.objects.filter(name=organisation).first()
            if found is None:
                raise CommandError(f"No organisation named {organisation!r}.")
            organisation_id = found.pk
        # The token is made in the user's own name: the audit trail shows it as their act.
        actor = actor_for_user(user, organisation_id=organisation_id)
        if actor is None or actor.organisation is None:
            raise CommandError(f"{username!r} is not a member of any organisation.")
        if organisation_id is not None and actor.organisation_id != organisation_id:
            raise CommandError(f"{username!r} is not a member of {organisation!r}.")
        try:
            token, plaintext = api_token_create(actor=actor, name=name, days=days)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stderr.write(
            f"Token {token.key_prefix}… for {username} in {actor.organisation.name}, "
            f"valid until {token.expires_at:%Y-%m-%d %H:%M} UTC. It is shown only now:"
        )
        self.stdout.write(plaintext)
