"""The blind indexes of the person record (herzen.encryption.blind): what each normalises and how many
distinct values a person adds to it on average (measured on the demo population, seed 1917: see
herzen/people/tests/test_blind_index_population.py, which fails when a measurement drifts)."""

import re

import phonenumbers

from herzen.encryption.blind import register_index, register_reindexer

# Name lookup keys are already normalised by herzen.domain.names (folds and skeletons).
PERSON_NAME = register_index("person_name", normalise=lambda key: key, values_per_person=3.8)
# Keys of two name words together (herzen.domain.names.pairs): an index of its own, because pairs are far
# more varied than words and their truncation must be planned from their own count.
PERSON_NAME_PAIR = register_index("person_name_pair", normalise=lambda key: key, values_per_person=8.7)
# Near-miss keys (herzen.domain.names.near): deletion neighbourhoods of the skeletons of a person's names.
PERSON_NAME_NEAR = register_index("person_name_near", normalise=lambda key: key, values_per_person=5.5)
DATE_OF_BIRTH = register_index("date_of_birth", normalise=lambda value: value.strip(), values_per_person=1.0)
DOCUMENT_NUMBER = register_index(
    "document_number", normalise=lambda number: normalise_document_number(number), values_per_person=1.85
)
# The number without its series (a Russian internal passport's last 6 digits, an international one's last 7):
# people often give the number alone.
DOCUMENT_NUMBER_TAIL = register_index(
    "document_number_tail",
    normalise=lambda number: document_number_without_series(normalise_document_number(number)),
    values_per_person=1.85,
)
CONTACT_VALUE = register_index(
    "contact_value", normalise=lambda value: normalise_contact_value(value), values_per_person=1.75
)

_PHONE_LIKE = re.compile(r"[\d\s()+\-.]+")
_EMAIL = re.compile(r"(?:mailto:)?([^@\s]+@[^@\s]+\.[^@\s]+)", re.IGNORECASE)
_TELEGRAM = re.compile(r"(?:https?://)?(?:t\.me/|telegram\.me/|@)([a-z0-9_]{4,32})", re.IGNORECASE)
# Herzen's people are mostly Russian: a number written without a country code ("8 912 345-67-89") is read
# as a Russian one, as a Russian would write it.
DEFAULT_PHONE_REGION = "RU"


def normalise_document_number(number: str) -> str:
    """Upper case without spaces or dashes, so '75 1234567' and '751234567' are the same passport."""
    return re.sub(r"[\s\-]", "", number).upper()


# Digits-only numbers of Russian passports: series + number.
_SERIES_LENGTHS = {10: 4, 9: 2}  # internal passport 45 10 123456; international passport 75 1234567
NUMBER_WITHOUT_SERIES_LENGTHS = (6, 7)


def document_number_without_series(number: str) -> str:
    """The number of a Russian passport without its series; any other number unchanged."""
    series = _SERIES_LENGTHS.get(len(number)) if number.isdigit() else None
    return number[series:] if series else number


def normalise_phone(value: str) -> str | None:
    """A phone number in E.164 ("+79123456789") however it was written, or None if it is none.

    With "+" or "00" it is international; without, a valid Russian number ("8 912 345-67-89") is read as
    one, and anything else as international without its "+" ("(995) 555-000-111")."""
    value = value.strip()
    if not _PHONE_LIKE.fullmatch(value) or sum(char.isdigit() for char in value) < 7:
        return None
    digits = re.sub(r"\D", "", value)
    if value.startswith("00"):
        digits, value = digits[2:], "+" + digits[2:]
    attempts = (
        [(value, None)] if value.startswith("+") else [(value, DEFAULT_PHONE_REGION), ("+" + digits, None)]
    )
    for text, region in attempts:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        fits = phonenumbers.is_valid_number(number) if region else phonenumbers.is_possible_number(number)
        if fits:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def normalise_contact_value(value: str) -> str:
    """One form per contact, however it was typed: a phone number in E.164 ("+7 (912) 345-67-89" and
    "8 912 345 67 89" are "+79123456789"), an e-mail address case-folded without "mailto:", a Telegram
    handle as "@handle" (from "t.me/Handle" too); anything else case-folded."""
    value = value.strip()
    phone = normalise_phone(value)
    if phone is not None:
        return phone
    if _PHONE_LIKE.fullmatch(value):
        return re.sub(r"\D", "", value)
    email = _EMAIL.fullmatch(value)
    if email:
        return email.group(1).casefold()
    telegram = _TELEGRAM.fullmatch(value)
    if telegram:
        return "@" + telegram.group(1).casefold()
    return value.casefold()


register_reindexer("people", "herzen.people.reindex.rebuild_blind_indexes")
