"""The Latin spelling an authority abroad should read beside a person's Cyrillic name.

An authority matches the name against the passport, so the spelling the person's passport carries comes
first: a Latin spelling recorded from an international passport (the valid one before an expired one, the
newest first), else one recorded under a passport era's scheme (ICAO 2014, GOST 2006, MVD 1997). Without
either, the spelling a passport issued today would carry (ICAO Doc 9303, 2014) is given, labelled as
expected, never as the passport's. International passports since 2014 carry no patronymic in Latin letters;
neither does this spelling.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from herzen.domain.names import FullName, Scheme, is_cyrillic, transliterate
from herzen.people.choices import DocumentStatus, DocumentType, NameScheme, Script
from herzen.people.models import IdentityDocument, NameVariant, Person

PASSPORT_SCHEMES = (NameScheme.ICAO_9303, NameScheme.GOST_52535, NameScheme.MVD_1997)
TRAVEL_DOCUMENTS = (
    DocumentType.INTERNATIONAL_PASSPORT,
    DocumentType.FOREIGNERS_PASSPORT,
    DocumentType.REFUGEE_TRAVEL_DOCUMENT,
)
FROM_PASSPORT: Promise = _("as in the passport")
RECORDED: Promise = _("recorded passport spelling")
EXPECTED: Promise = _("expected spelling (ICAO 9303, 2014), not read from a passport")


@dataclass(frozen=True)
class LatinSpelling:
    name: str  # "SHCHUKINA Anna"
    source: str  # where it comes from, in the active language
    from_document: bool


def _written(surname: str, given_name: str) -> str:
    return " ".join(part for part in (surname.upper(), given_name) if part)


def _rank(variant: NameVariant) -> tuple[int, int, str]:
    document = variant.source_document
    if document is not None and document.document_type in TRAVEL_DOCUMENTS:
        tier = 0 if document.status == DocumentStatus.VALID else 1
    elif variant.scheme in PASSPORT_SCHEMES:
        tier = 2
    else:
        tier = 3
    newest_first = -(variant.valid_from.toordinal() if variant.valid_from else 0)
    return (tier, 0 if variant.valid_until is None else 1, newest_first)


def latin_spelling(person: Person, variants: Iterable[NameVariant]) -> LatinSpelling | None:
    """The passport's spelling of `person` (see the module), or None for a name with nothing to spell."""
    candidates = [
        v
        for v in variants
        if v.script == Script.LATIN and (v.source_document is not None or v.scheme in PASSPORT_SCHEMES)
    ]
    if candidates:
        best = min(candidates, key=_rank)
        source = FROM_PASSPORT if best.source_document is not None else RECORDED
        return LatinSpelling(_written(best.surname, best.given_name), str(source), True)
    surname, given_name = str(person.surname or ""), str(person.given_name or "")
    if not surname or not all(is_cyrillic(part) for part in (surname, given_name) if part):
        return None
    expected = FullName(transliterate(surname, Scheme.ICAO_9303), transliterate(given_name, Scheme.ICAO_9303))
    return LatinSpelling(_written(expected.surname, expected.given_name), str(EXPECTED), False)


def travel_document(documents: Iterable[IdentityDocument]) -> IdentityDocument | None:
    """The document an authority abroad identifies the person by: a valid travel document first."""
    ranked = sorted(
        documents,
        key=lambda d: (
            d.document_type not in TRAVEL_DOCUMENTS,
            d.status != DocumentStatus.VALID,
            -(d.expiry_date.toordinal() if d.expiry_date else 0),
        ),
    )
    return ranked[0] if ranked else None
