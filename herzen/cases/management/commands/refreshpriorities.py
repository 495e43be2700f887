"""`herzen refreshpriorities --username U [--organisation NAME]`

Recomputes the priority of every active case of one organisation as of today. Run it daily (cron, systemd
timer): a priority moves with time alone — a legal stay running out, a summons deemed served — and the queue sorts
on the stored score. The refresh is done in the user's name (a caseworker or supervisor there), so the audit
trail shows whose job it is, as every other write does.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.accounts.models import User
from herzen.cases.services import organisation_case_priorities_refresh
from herzen.core.exceptions import ApplicationError
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import Organisation


class Command(BaseCommand):
    help = "Recompute the priority of every active case of an organisation as of today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--username", required=True, help="A caseworker or supervisor of the organisation."
        )
        parser.add_argument("--organisation", help="The organisation's name (default: the user's first one).")

    def handle(self, *args: Any, username: str, organisation: str | None, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        organisation_id = None
        if organisation is not None:
            found = Organisation.objects.filter(name=organisation).first()
            if found is None:
                raise CommandError(f"No organisation named {organisation!r}.")
            organisation_id = found.pk
        actor = actor_for_user(user, organisation_id=organisation_id)
        if (
            actor is None
            or actor.organisation is None
            or (organisation_id is not None and actor.organisation_id != organisation_id)
        ):
            raise CommandError(f"{username!r} is not a member of that organisation.")
        try:
            changed = organisation_case_priorities_refresh(actor=actor)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{changed} case priorities changed in {actor.organisation.name}.")
