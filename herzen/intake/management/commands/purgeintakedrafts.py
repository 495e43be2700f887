"""`herzen purgeintakedrafts`: delete unsent applications untouched for HERZEN_INTAKE_DRAFT_EXPIRY_DAYS.

Run it daily from the deployment's scheduler (cron or a systemd timer), e.g. `herzen purgeintakedrafts`.
An expired draft's link stops working at once; this command removes its answers and files for good.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from herzen.intake.identity import applicant_actor
from herzen.intake.services import drafts_purge_expired


class Command(BaseCommand):
    help = "Delete unsent intake drafts (and their uploaded files) that have had no activity for too long."

    def handle(self, *args: object, **options: object) -> None:
        deleted = drafts_purge_expired(actor=applicant_actor())
        days = settings.HERZEN_INTAKE_DRAFT_EXPIRY_DAYS
        self.stdout.write(f"Deleted {deleted} intake draft(s) without activity for {days} days.")
