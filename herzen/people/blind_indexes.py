"""The blind indexes of the person record (herzen.encryption.blind): what each normalises and how many
distinct values a person adds to it on average (measured on the demo population, seed 1917: see
herzen/people/tests/test_blind_index_population.py, which fails when a measurement drifts)."""

import re

from herzen.encryption.blind import register_index, register_reindexer

# Name lookup keys are already normalised by herzen.domain.names (folds and skeletons).
PERSON_NAME = register_index("person_name", normalise=lambda key: key, values_per_person=3.8)
# Keys of two name words together (herzen.domain.names.pairs): an index of its own, because pairs are far
# more varied than words and their truncation must be planned from their own count.
PERSON_NAME_PAIR = register_index("person_name_pair", normalise=lambda key: key, values_per_person=8.7)
DOCUMENT_NUMBER = register_index(
    "document_number", normalise=lambda number: normalise_document_number(number), values_per_person=1.85
)
CONTACT_VALUE = register_index(
    "contact_value", normalise=lambda value: normalise_contact_value(value), values_per_person=1.75
)

_PHONE_LIKE = re.compile(r"[\d\s()+\-.]+")


def normalise_document_number(number: str) -> str:
    """Upper case without spaces or dashes, so '75 1234567' and '751234567' are the same passport."""
    return re.sub(r"[\s\-]", "", number).upper()


def normalise_contact_value(value: str) -> str:
    """Phone numbers by their digits ("+7 (912) 345-67-89" is 79123456789); anything else case-folded."""
    value = value.strip()
    if _PHONE_LIKE.fullmatch(value):
        return re.sub(r"\D", "", value)
    return value.casefold()


register_reindexer("people", "herzen.people.reindex.rebuild_blind_indexes")
