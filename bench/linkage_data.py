"""Labelled data for the linkage benchmark: synthetic persons from the demo generator's name lists
(herzen.demo.russian_names), each recorded several times as different offices write them.

Renderings: the passport (ICAO), the MVD 1997 and GOST passports, a German registry, ISO 9, and independently
written French and Polish practice (not herzen.domain.names' own rules, so the benchmark does not grade the
code against itself); a typo in the Cyrillic; a record without a date of birth; a married surname. A record
"differs only by transliteration" when it was written in one of the transliteration families and nothing else
was changed.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from herzen.demo import russian_names
from herzen.domain.linkage import PersonRecord
from herzen.domain.names import FullName, Scheme, transliterate

TRANSLITERATION_FAMILIES = ("icao", "mvd", "gost", "german", "iso9", "french", "polish")
OTHER_FAMILIES = ("typo", "no_birth_date", "married")

_FRENCH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i",
    "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "iou", "я": "ia",
}  # fmt: skip
_POLISH = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "ż", "з": "z", "и": "i",
    "й": "j", "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
_CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюя"


def _by_table(word: str, table: dict[str, str], *, surname: bool = False) -> str:
    out = "".join(table.get(char, char) for char in word.lower())
    if table is _FRENCH:
        out = out.replace("gi", "gui").replace("ge", "gue").replace("gy", "gui")
        if surname and out.endswith(("ov", "ev")):
            out = out[:-1] + "ff"  # Romanoff, Rachmaninoff
    return out[:1].upper() + out[1:]


def render(name: FullName, family: str) -> FullName:
    schemes = {
        "icao": Scheme.ICAO_9303,
        "mvd": Scheme.MVD_1997,
        "gost": Scheme.GOST_52535,
        "german": Scheme.GERMAN,
        "iso9": Scheme.ISO_9,
    }
    if family in schemes:
        scheme = schemes[family]
        return FullName(*(transliterate(part, scheme) if part else "" for part in name.parts))
    table = _FRENCH if family == "french" else _POLISH
    return FullName(
        _by_table(name.surname, table, surname=True),
        _by_table(name.given_name, table),
        _by_table(name.patronymic, table) if name.patronymic else "",
    )


def _typo(rng: random.Random, word: str) -> str:
    position = rng.randrange(1, len(word))
    kind = rng.choice(("replace", "drop", "swap"))
    if kind == "replace":
        return word[:position] + rng.choice(_CYRILLIC_LETTERS) + word[position + 1 :]
    if kind == "drop" and len(word) > 4:
        return word[:position] + word[position + 1 :]
    if position < len(word) - 1:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word + rng.choice(_CYRILLIC_LETTERS)


@dataclass(frozen=True)
class LabelledRecord:
    record: PersonRecord
    entity: int
    family: str  # "base" or the rendering


def _blended_surname(rng: random.Random, faker: Faker) -> str:
    """A family name made of the start of one demo surname and the end of another (Кузнецов + Левицкий ->
    Кузицкий): many more families than the demo list, each with a real ending, so its forms stay regular."""
    head, tail = russian_names.family_surname(rng, faker), russian_names.family_surname(rng, faker)
    return head[: max(2, len(head) // 2)] + tail[len(tail) // 2 :]


def generate(
    entities: int, *, seed: int = 1917, renderings: int = 2, surnames: str = "demo"
) -> list[LabelledRecord]:
    """`entities` persons, each recorded once in Cyrillic and `renderings` more times (about 1 + renderings
    records each). Half of the persons have a contact, a third a document number. `surnames="wide"` draws half
    of the families from blends of two demo surnames, for a sensitivity run: the demo list has about 260
    families, so full namesakes are far more frequent than among real persons."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    faker = Faker("ru_RU")
    faker.seed_instance(seed)
    families = TRANSLITERATION_FAMILIES + OTHER_FAMILIES
    out: list[LabelledRecord] = []
    for entity in range(entities):
        sex = rng.choice("MF")
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
        family_name = russian_names.family_surname(rng, faker)
        if surnames == "wide" and rng.random() < 0.5:
            family_name = _blended_surname(rng, faker)
        surname = russian_names.surname_for(family_name, sex)
        given = russian_names.given_name(rng, faker, sex, born.year)
        father = russian_names.given_name(rng, faker, "M", born.year - 28)
        patronymic = russian_names.patronymic(father, sex) or ""
        phone = f"+7 9{rng.randrange(10**8, 10**9)}" if rng.random() < 0.5 else ""
        document = (
            f"{rng.randrange(1000, 9999)} {rng.randrange(100000, 999999)}" if rng.random() < 0.33 else ""
        )
        name = FullName(surname, given, patronymic)
        base = PersonRecord(
            id=f"{entity}-0",
            surname=surname,
            given_name=given,
            patronymic=patronymic,
            sex=sex,
            date_of_birth=born,
            document_numbers=[document] if document else [],
            contacts=[phone] if phone else [],
            citizenships=["RU"],
        )
        out.append(LabelledRecord(base, entity, "base"))
        # Men rarely take a wife's surname: the married rendering is for women.
        choices = families if sex == "F" else tuple(family for family in families if family != "married")
        for index, family in enumerate(rng.sample(choices, renderings), start=1):
            record_id = f"{entity}-{index}"
            # A second office records no document or contact half the time.
            documents = base.document_numbers if rng.random() < 0.5 else []
            contacts = base.contacts if rng.random() < 0.5 else []
            if family in TRANSLITERATION_FAMILIES:
                latin = render(name, family)
                record = PersonRecord(
                    record_id, latin.surname, latin.given_name, latin.patronymic, sex=sex,
                    date_of_birth=born, document_numbers=documents, contacts=contacts, citizenships=["RU"],
                )  # fmt: skip
            elif family == "typo":
                part = rng.choice(("surname", "given_name"))
                changed = {part: _typo(rng, getattr(base, part))}
                record = PersonRecord(
                    record_id, changed.get("surname", surname), changed.get("given_name", given), patronymic,
                    sex=sex, date_of_birth=born, document_numbers=documents, contacts=contacts, citizenships=["RU"],
                )  # fmt: skip
            elif family == "no_birth_date":
                record = PersonRecord(
                    record_id, surname, given, patronymic, sex=sex, date_of_birth=None,
                    document_numbers=documents, contacts=contacts, citizenships=["RU"],
                )  # fmt: skip
            else:  # married: a new surname in the same gender's form
                new_surname = russian_names.surname_for(russian_names.family_surname(rng, faker), sex)
                record = PersonRecord(
                    record_id, new_surname, given, patronymic, sex=sex, date_of_birth=born,
                    document_numbers=documents, contacts=contacts, citizenships=["RU"],
                )  # fmt: skip
            out.append(LabelledRecord(record, entity, family))
    return out
