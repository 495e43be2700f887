"""The programme's two declarations: the only political statements Herzen ever records about anyone.

Each has one wording per version. A person's declaration stores the exact wording they were shown, in the
language they were shown it, and its version, so a later change of wording never rewrites what someone
affirmed. Changing a wording means a new version here (and its translations); nothing else political is
recorded — the rule language refuses parties, factions, movements and opinions (herzen.domain.rules.guard).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DeclarationKind(models.TextChoices):
    BORDERS_OF_1992 = "borders_of_1992", _("Recognition of Russia's borders as of 1 January 1992")
    DESTALINISATION = (
        "destalinisation_and_deimperialisation",
        _("Support for the de-Stalinisation and de-imperialisation of Russia"),
    )


class DeclarationChannel(models.TextChoices):
    INTAKE = "intake", _("The applicant, in the online application")
    STAFF = "staff", _("Recorded by staff")


@dataclass(frozen=True)
class Wording:
    version: str
    text: Promise


CURRENT_WORDINGS: dict[str, Wording] = {
    DeclarationKind.BORDERS_OF_1992: Wording(
        "2026-1",
        _(
            "I recognise the borders of Russia as they were on 1 January 1992. Crimea and all the other "
            "occupied territories are Ukraine."
        ),
    ),
    DeclarationKind.DESTALINISATION: Wording(
        "2026-1", _("I support the de-Stalinisation and de-imperialisation of Russia.")
    ),
}

# The screening fact (herzen.domain.rules vocabulary) each declaration answers.
SCREENING_FACTS = {
    DeclarationKind.BORDERS_OF_1992: "declares_borders_of_1992",
    DeclarationKind.DESTALINISATION: "declares_destalinisation_and_deimperialisation",
}


def wording_in(kind: str, language: str) -> tuple[str, str]:
    """The current wording of a declaration as shown in `language`, and its version."""
    wording = CURRENT_WORDINGS[kind]
    with translation.override(language):
        return str(wording.text), wording.version
