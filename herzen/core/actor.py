"""Who is acting: a user, in one organisation, with that organisation's roles.

Built once per request (or command) and passed explicitly to every service and selector, so scoping and
permissions never depend on hidden global state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from herzen.accounts.models import User
    from herzen.organisations.models import Organisation


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor")
    ORGANISATION_ADMIN = "org_admin", _("Organisation admin")
    # Reviews and approves the coalition's privacy-protected statistics before they are public (issue 21).
    STATISTICS_OFFICER = "statistics_officer", _("Statistics officer")
    # Clears or confirms a payee's sanctions-list match, with a reason (issue 18); nobody else may.
    COMPLIANCE_OFFICER = "compliance_officer", _("Compliance officer")


@dataclass(frozen=True)
class Actor:
    user: User
    organisation: Organisation | None
    roles: frozenset[Role] = field(default_factory=frozenset)
    # Other organisations the user belongs to; only used to offer a switch, never to widen a query.
    other_organisation_ids: frozenset[object] = field(default_factory=frozenset)

    def has_any_role(self, *roles: Role) -> bool:
        return self.organisation is not None and any(role in self.roles for role in roles)

    @property
    def organisation_id(self) -> object | None:
        return self.organisation.pk if self.organisation is not None else None

    def __str__(self) -> str:
        # Only ids: actors appear in logs, and logs carry no personal data.
        return f"Actor(user={self.user.pk}, organisation={self.organisation_id})"
