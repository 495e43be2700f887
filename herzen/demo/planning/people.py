"""Who is in a household: names, sexes, ages, citizenships, languages and occupations."""

import random
from datetime import date, timedelta

from faker import Faker

from herzen.demo import russian_names
from herzen.demo.plans import PersonPlan

# (male form, female form, weight): the occupations of people who left after 2022, heavy on IT,
# media, academia, the arts and civic work.
PROFESSIONS: tuple[tuple[str, str, int], ...] = (
    ("программист", "программистка", 16),
    ("журналист", "журналистка", 12),
    ("активист", "активистка", 6),
    ("правозащитник", "правозащитница", 4),
    ("юрист", "юрист", 5),
    ("адвокат", "адвокат", 2),
    ("учитель", "учительница", 4),
    ("преподаватель вуза", "преподавательница вуза", 4),
    ("врач", "врач", 4),
    ("научный сотрудник", "научная сотрудница", 5),
    ("художник", "художница", 4),
    ("музыкант", "музыкантка", 2),
    ("актёр", "актриса", 2),
    ("режиссёр", "режиссёрка", 1),
    ("фотограф", "фотограф", 2),
    ("дизайнер", "дизайнер", 4),
    ("редактор", "редактор", 3),
    ("переводчик", "переводчица", 2),
    ("инженер", "инженер", 3),
    ("аналитик данных", "аналитик данных", 3),
    ("менеджер проектов", "менеджер проектов", 3),
    ("психолог", "психолог", 2),
    ("архитектор", "архитектор", 1),
    ("предприниматель", "предпринимательница", 2),
    ("муниципальный депутат", "муниципальная депутатка", 1),
    ("бухгалтер", "бухгалтер", 1),
)
SECOND_CITIZENSHIPS = {
    "IL": 30,
    "UA": 15,
    "KZ": 10,
    "AM": 10,
    "DE": 8,
    "US": 5,
    "LV": 5,
    "GE": 5,
    "BY": 4,
    "CA": 3,
    "KG": 3,
    "FR": 2,
}
LOCAL_LANGUAGES = {"GE": "ka", "AM": "hy", "KZ": "kk", "TR": "tr", "RS": "sr", "KG": "ky", "UZ": "uz"}
HOUSEHOLD_SIZES = {1: 35, 2: 25, 3: 20, 4: 14, 5: 6}


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birthday_in(born: date, year: int) -> date:
    """The birthday in `year` (28 February for someone born on 29 February)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def born_aged(rng: random.Random, today: date, low: int, high: int) -> date:
    """A date of birth for someone aged between `low` and `high` (inclusive) on `today`."""
    years = rng.randint(low, high)
    return today - timedelta(days=years * 365 + rng.randint(1, 364) + years // 4)


def _principal_age(rng: random.Random) -> tuple[int, int]:
    bands = ((22, 29, 25), (30, 39, 40), (40, 49, 22), (50, 66, 13))
    low, high, _ = rng.choices(bands, weights=[band[2] for band in bands])[0]
    return low, high


def profession_for(rng: random.Random, sex: str, age: int, role: str) -> str:
    female = sex == "F"
    if role == "other_dependant" and age >= 60:
        return "пенсионерка" if female else "пенсионер"
    if age < 7:
        return ""
    if age < 18:
        return "школьница" if female else "школьник"
    if age < 23 and rng.random() < 0.7:
        return "студентка" if female else "студент"
    if age >= 67:
        return "пенсионерка" if female else "пенсионер"
    male_form, female_form, _ = rng.choices(PROFESSIONS, weights=[p[2] for p in PROFESSIONS])[0]
    return female_form if female else male_form


def citizenships_for(rng: random.Random, surname: str) -> tuple[str, ...]:
    if rng.random() >= 0.09:
        return ("RU",)
    if surname.endswith("ян"):
        return ("RU", "AM")
    keys = list(SECOND_CITIZENSHIPS)
    return ("RU", rng.choices(keys, weights=[SECOND_CITIZENSHIPS[k] for k in keys])[0])


def languages_for(
    rng: random.Random, age: int, citizenships: tuple[str, ...], country: str
) -> tuple[str, ...]:
    languages = ["ru"]
    if 6 <= age < 70 and rng.random() < (0.6 if age < 45 else 0.3):
        languages.append("en")
    if age >= 14 and rng.random() < 0.07:
        languages.append("de")
    if "UA" in citizenships or rng.random() < 0.06:
        languages.append("uk")
    local = LOCAL_LANGUAGES.get(country)
    if local and (
        rng.random() < (0.25 if 6 <= age < 18 else 0.04) or (local == "hy" and "AM" in citizenships)
    ):
        languages.append(local)
    return tuple(languages)


def _person(
    rng: random.Random,
    *,
    role: str,
    surname: str,
    given_name: str,
    patronymic: str,
    sex: str,
    born: date,
    citizenships: tuple[str, ...],
    country: str,
    today: date,
) -> PersonPlan:
    age = age_on(born, today)
    return PersonPlan(
        role=role,
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        sex=sex,
        date_of_birth=born,
        citizenships=citizenships,
        languages=languages_for(rng, age, citizenships, country),
        profession=profession_for(rng, sex, age, role),
    )


def plan_members(
    rng: random.Random,
    faker: Faker,
    *,
    today: date,
    country: str,
    principal_name: tuple[str, str, str, str] | None = None,
) -> list[PersonPlan]:
    """The principal first, then often a spouse or partner, children and sometimes a parent.

    `principal_name` = (family surname in its male form, given name, patronymic, sex) fixes the principal,
    for the people a demo tour talks about.
    """
    size = rng.choices(list(HOUSEHOLD_SIZES), weights=list(HOUSEHOLD_SIZES.values()))[0]
    family = russian_names.family_surname(rng, faker)
    low, high = _principal_age(rng)
    principal_born = born_aged(rng, today, low, high)
    if principal_name is not None:
        family, given, patronymic, sex = principal_name
        surname = russian_names.surname_for(family, sex)
    else:
        sex = "M" if rng.random() < 0.58 else "F"
        surname = russian_names.surname_for(family, sex)
        given = russian_names.given_name(rng, faker, sex, principal_born.year)
        patronymic = russian_names.patronymic_from_unknown_father(rng, faker, sex, principal_born.year)
    citizenships = citizenships_for(rng, surname)
    members = [
        _person(
            rng,
            role="principal",
            surname=surname,
            given_name=given,
            patronymic=patronymic,
            sex=sex,
            born=principal_born,
            citizenships=citizenships,
            country=country,
            today=today,
        )
    ]

    father: PersonPlan | None = members[0] if sex == "M" else None
    mother_born = principal_born if sex == "F" else None
    slots = size - 1
    if slots and rng.random() < 0.8:
        same_sex = rng.random() < 0.05
        partner_sex = sex if same_sex else ("F" if sex == "M" else "M")
        gap = rng.randint(-3, 6) if partner_sex == "M" else rng.randint(-6, 3)
        partner_born = min(
            principal_born - timedelta(days=gap * 365 + rng.randint(-150, 150)),
            today - timedelta(days=20 * 365),
        )
        if same_sex or (partner_sex == "F" and rng.random() < 0.2):
            partner_surname = russian_names.surname_for(russian_names.family_surname(rng, faker), partner_sex)
        else:
            partner_surname = russian_names.surname_for(family, partner_sex)
        partner = _person(
            rng,
            role="spouse_partner",
            surname=partner_surname,
            given_name=russian_names.given_name(rng, faker, partner_sex, partner_born.year),
            patronymic=russian_names.patronymic_from_unknown_father(
                rng, faker, partner_sex, partner_born.year
            ),
            sex=partner_sex,
            born=partner_born,
            citizenships=citizenships_for(rng, partner_surname),
            country=country,
            today=today,
        )
        members.append(partner)
        slots -= 1
        if partner_sex == "M" and not same_sex:
            father = partner
        if partner_sex == "F":
            mother_born = partner_born
    if slots and rng.random() < 0.12:
        parent_sex = "F" if rng.random() < 0.75 else "M"
        parent_born = min(
            principal_born - timedelta(days=rng.randint(22 * 365, 34 * 365)), today - timedelta(days=58 * 365)
        )
        parent_surname = russian_names.surname_for(family, parent_sex)
        members.append(
            _person(
                rng,
                role="other_dependant",
                surname=parent_surname,
                given_name=russian_names.given_name(rng, faker, parent_sex, parent_born.year),
                patronymic=russian_names.patronymic_from_unknown_father(
                    rng, faker, parent_sex, parent_born.year
                ),
                sex=parent_sex,
                born=parent_born,
                citizenships=("RU",),
                country=country,
                today=today,
            )
        )
        slots -= 1
    youngest_parent = max(principal_born, mother_born or principal_born)
    for _ in range(slots):
        child_sex = "M" if rng.random() < 0.51 else "F"
        earliest = max(
            birthday_in(youngest_parent, youngest_parent.year + 19), today - timedelta(days=24 * 365)
        )
        latest = min(birthday_in(youngest_parent, youngest_parent.year + 43), today - timedelta(days=30))
        if earliest > latest:
            break
        # Mostly minors: draw twice and keep the younger.
        child_born = max(
            earliest + timedelta(days=rng.randint(0, (latest - earliest).days)) for _ in range(2)
        )
        father_name = father.given_name if father is not None else None
        derived = russian_names.patronymic(father_name, child_sex) if father_name else None
        child_patronymic = derived or russian_names.patronymic_from_unknown_father(
            rng, faker, child_sex, youngest_parent.year
        )
        child_citizenships = citizenships if rng.random() < 0.5 else ("RU",)
        members.append(
            _person(
                rng,
                role="child",
                surname=russian_names.surname_for(family, child_sex),
                given_name=russian_names.given_name(rng, faker, child_sex, child_born.year),
                patronymic=child_patronymic,
                sex=child_sex,
                born=child_born,
                citizenships=child_citizenships,
                country=country,
                today=today,
            )
        )
    return members
