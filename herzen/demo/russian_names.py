"""Russian names as families actually carry them: gendered surnames, patronymics from the father's name,
and given names that were common in the year a person was born.

Faker's ru_RU lists are long and alphabetical, so a uniform draw gives a 35-year-old developer called
Автоном or Евпраксия as often as Дмитрий or Анна. Most given names therefore come from short weighted
lists by birth decade; Faker supplies surnames, patronymics of the older generation and a rare name now
and then, as real registries have them too.
"""

import random

from faker import Faker

# Given names by the decade of birth, most common first (weights fall off with the position).
_MALE_NAMES: dict[int, tuple[str, ...]] = {
    1940: (
        "Владимир",
        "Александр",
        "Николай",
        "Виктор",
        "Анатолий",
        "Юрий",
        "Борис",
        "Геннадий",
        "Валерий",
        "Евгений",
        "Михаил",
        "Василий",
        "Лев",
        "Иван",
        "Леонид",
        "Пётр",
    ),
    1960: (
        "Сергей",
        "Александр",
        "Андрей",
        "Владимир",
        "Игорь",
        "Алексей",
        "Олег",
        "Дмитрий",
        "Юрий",
        "Михаил",
        "Николай",
        "Виктор",
        "Евгений",
        "Валерий",
        "Вадим",
        "Павел",
        "Константин",
        "Григорий",
    ),
    1980: (
        "Алексей",
        "Дмитрий",
        "Александр",
        "Сергей",
        "Андрей",
        "Максим",
        "Михаил",
        "Денис",
        "Евгений",
        "Илья",
        "Павел",
        "Антон",
        "Роман",
        "Артём",
        "Иван",
        "Кирилл",
        "Никита",
        "Григорий",
        "Ярослав",
        "Фёдор",
        "Георгий",
        "Тимур",
        "Лев",
        "Глеб",
    ),
    2000: (
        "Александр",
        "Максим",
        "Артём",
        "Михаил",
        "Даниил",
        "Иван",
        "Дмитрий",
        "Кирилл",
        "Матвей",
        "Никита",
        "Егор",
        "Тимофей",
        "Лев",
        "Марк",
        "Фёдор",
        "Илья",
        "Роман",
        "Глеб",
        "Святослав",
        "Арсений",
    ),
}
_FEMALE_NAMES: dict[int, tuple[str, ...]] = {
    1940: (
        "Галина",
        "Людмила",
        "Валентина",
        "Нина",
        "Тамара",
        "Татьяна",
        "Лидия",
        "Надежда",
        "Зинаида",
        "Вера",
        "Раиса",
        "Любовь",
        "Лариса",
        "Алла",
    ),
    1960: (
        "Елена",
        "Ольга",
        "Татьяна",
        "Ирина",
        "Наталья",
        "Светлана",
        "Марина",
        "Людмила",
        "Галина",
        "Надежда",
        "Лариса",
        "Валентина",
        "Вера",
        "Инна",
    ),
    1980: (
        "Анна",
        "Екатерина",
        "Мария",
        "Юлия",
        "Ольга",
        "Анастасия",
        "Елена",
        "Дарья",
        "Татьяна",
        "Наталья",
        "Ксения",
        "Александра",
        "Евгения",
        "Алина",
        "Полина",
        "Ирина",
        "Вера",
        "Софья",
        "Любовь",
        "Варвара",
    ),
    2000: (
        "Анастасия",
        "Мария",
        "Софья",
        "Дарья",
        "Анна",
        "Алиса",
        "Полина",
        "Виктория",
        "Варвара",
        "Ева",
        "Вера",
        "Александра",
        "Василиса",
        "Ксения",
        "Екатерина",
        "Таисия",
        "Ульяна",
        "Милана",
    ),
}

# Patronymics whose stems are irregular; everything else follows the rules in `patronymic`.
_IRREGULAR_PATRONYMICS: dict[str, tuple[str, str]] = {
    "Павел": ("Павлович", "Павловна"),
    "Лев": ("Львович", "Львовна"),
    "Пётр": ("Петрович", "Петровна"),
    "Петр": ("Петрович", "Петровна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Илья": ("Ильич", "Ильинична"),
    "Никита": ("Никитич", "Никитична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Фома": ("Фомич", "Фоминична"),
    "Лука": ("Лукич", "Лукинична"),
    "Савва": ("Саввич", "Саввична"),
    "Данила": ("Данилович", "Даниловна"),
    "Гаврила": ("Гаврилович", "Гавриловна"),
    "Даниил": ("Даниилович", "Данииловна"),
    "Артём": ("Артёмович", "Артёмовна"),
}
_HUSHING = "жчшщц"
_VOWELS = "аяоеёиыуюэ"

# Surnames Faker lacks: -ский/-цкий, an -ой, and names that do not change with sex (Ukrainian -ко and
# -ук, Korean, Jewish and Armenian names of Russian citizens). Male form -> female form.
_EXTRA_SURNAMES: dict[str, str] = {
    "Вишневский": "Вишневская",
    "Островский": "Островская",
    "Добровольский": "Добровольская",
    "Левицкий": "Левицкая",
    "Троицкий": "Троицкая",
    "Закревский": "Закревская",
    "Толстой": "Толстая",
    "Шевченко": "Шевченко",
    "Бондаренко": "Бондаренко",
    "Коваленко": "Коваленко",
    "Ковальчук": "Ковальчук",
    "Мельничук": "Мельничук",
    "Ким": "Ким",
    "Цой": "Цой",
    "Гольдберг": "Гольдберг",
    "Рабинович": "Рабинович",
    "Мкртчян": "Мкртчян",
    "Шульман": "Шульман",
}


def decade_of(year: int) -> int:
    """The name list whose generation a birth year belongs to."""
    if year < 1960:
        return 1940
    if year < 1980:
        return 1960
    if year < 2000:
        return 1980
    return 2000


def given_name(rng: random.Random, faker: Faker, sex: str, birth_year: int) -> str:
    """A name typical of the birth year; about one in eight is any name from Faker's long list."""
    if rng.random() < 0.12:
        name = faker.first_name_male() if sex == "M" else faker.first_name_female()
        return str(name)
    names = (_MALE_NAMES if sex == "M" else _FEMALE_NAMES)[decade_of(birth_year)]
    weights = [1 / (position + 2) for position in range(len(names))]
    return rng.choices(names, weights=weights)[0]


def patronymic(father_given_name: str, sex: str) -> str | None:
    """The patronymic a child of `father_given_name` receives, or None when no rule applies with confidence."""
    male, female = _IRREGULAR_PATRONYMICS.get(father_given_name, (None, None))
    if male is not None and female is not None:
        return male if sex == "M" else female
    name = father_given_name
    if (
        name.endswith("ий")
        and len(name) > 3
        and name[-3].lower() not in _VOWELS
        and name[-4].lower() not in _VOWELS
    ):
        # after two consonants the и stays: Дмитрий -> Дмитриевич, Георгий -> Георгиевич
        stem, male_ending, female_ending = name[:-1], "евич", "евна"
    elif name.endswith("ий"):
        # Юрий -> Юрьевич, Валерий -> Валерьевич, Евгений -> Евгеньевич
        stem, male_ending, female_ending = name[:-2] + "ь", "евич", "евна"
    elif name.endswith("й"):
        # Сергей -> Сергеевич, Николай -> Николаевич
        stem, male_ending, female_ending = name[:-1], "евич", "евна"
    elif name.endswith("ь"):
        # Игорь -> Игоревич
        stem, male_ending, female_ending = name[:-1], "евич", "евна"
    elif name[-1] in _VOWELS:
        return None
    elif name[-1] in _HUSHING:
        stem, male_ending, female_ending = name, "евич", "евна"
    else:
        stem, male_ending, female_ending = name, "ович", "овна"
    return stem + (male_ending if sex == "M" else female_ending)


def family_surname(rng: random.Random, faker: Faker) -> str:
    """A family's surname in its male form."""
    if rng.random() < 0.15:
        return rng.choice(sorted(_EXTRA_SURNAMES))
    return str(faker.last_name_male())


def surname_for(male_form: str, sex: str) -> str:
    """The surname in the form a woman or man of the family carries: Щукин -> Щукина, Левицкий -> Левицкая."""
    if sex == "M":
        return male_form
    if male_form in _EXTRA_SURNAMES:
        return _EXTRA_SURNAMES[male_form]
    if male_form.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return male_form + "а"
    if male_form.endswith(("ский", "цкий")):
        return male_form[:-2] + "ая"
    return male_form


def patronymic_from_unknown_father(rng: random.Random, faker: Faker, sex: str, birth_year: int) -> str:
    """A patronymic for someone whose father is not in the household: from a name of his generation."""
    father = given_name(rng, faker, "M", birth_year - rng.randint(22, 38))
    derived = patronymic(father, sex)
    if derived is not None:
        return derived
    return str(faker.middle_name_male() if sex == "M" else faker.middle_name_female())
