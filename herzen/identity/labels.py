"""What each comparison outcome of the linkage model means, in words for the pages (herzen.domain.linkage)."""

from django.utils.translation import gettext_lazy as _

from herzen.domain.linkage import NAMES_ONLY

# Outcomes said as a warning, not as an agreement.
DISAGREEMENTS = frozenset({NAMES_ONLY, "surname:married"})

LEVEL_LABELS = {
    "surname:cyrillic": _("Same surname"),
    "surname:phonetic": _("Same surname in another spelling or form"),
    "surname:typo": _("Surname differs by one letter"),
    "surname:similar": _("Similar surname"),
    "surname:married": _("Different surname (she may have married)"),
    "surname:different": _("Different surname"),
    "given_name:cyrillic": _("Same given name"),
    "given_name:phonetic": _("Same given name in another spelling"),
    "given_name:typo": _("Given name differs by one letter"),
    "given_name:different": _("Different given name"),
    "patronymic:phonetic": _("Same patronymic"),
    "patronymic:typo": _("Patronymic differs by one letter"),
    "patronymic:different": _("Different patronymic"),
    "date_of_birth:same": _("Same date of birth"),
    "date_of_birth:typo": _("Date of birth differs by one digit"),
    "date_of_birth:different": _("Different date of birth"),
    "documents:same": _("Same document number"),
    "documents:different": _("Different document numbers"),
    "contacts:same": _("Same phone, e-mail or handle"),
    "contacts:different": _("Different contacts"),
    "citizenship:same": _("Same citizenship"),
    "citizenship:different": _("Different citizenship"),
    "sex:same": _("Same sex"),
    "sex:different": _("Different sex"),
    NAMES_ONLY: _(
        "Only the names agree: no date of birth, document or contact confirms it (namesakes look alike)"
    ),
}


def explained(levels: list[str]) -> list[tuple[bool, str]]:
    """(agrees, words) for each comparison outcome, agreements first."""
    rows = [
        (code not in DISAGREEMENTS and not code.endswith(":different"), str(LEVEL_LABELS.get(code, "")))
        for code in levels
    ]
    return sorted((row for row in rows if row[1]), key=lambda row: not row[0])
