"""Identity documents and the Latin spellings of the name they carry.

Russian papers: the internal passport (series = region code + year of the blank, replaced at 20 and 45,
which cannot be done from abroad, so many exiles' expire), the 10-year international passport ("75
1234567"), an older one kept from before, and in every status the app knows: valid, expired, seized at
the border, renewal refused by a consulate, annulled. Papers of the transit country: a residence card,
rarely a refugee travel document.

The international passport's Latin spelling depends on the year it was issued: MVD 1997 rules before
March 2010, GOST R 52535.1 until 2013, ICAO Doc 9303 from 2014; a holder may ask to keep the old spelling.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from herzen.demo.planning.itineraries import random_day
from herzen.demo.planning.people import age_on, birthday_in
from herzen.demo.plans import DocumentPlan, NameVariantPlan, PersonPlan
from herzen.domain.names import FullName, Scheme, transliterate


@dataclass(frozen=True)
class Region:
    okato: str  # first two digits of the internal passport series
    subject: str  # two-digit subject code in the issuer of international passports
    internal_issuer: str
    weight: int


REGIONS: tuple[Region, ...] = (
    Region("45", "77", "ГУ МВД России по г. Москве", 30),
    Region("40", "78", "ГУ МВД России по г. Санкт-Петербургу и Ленинградской области", 18),
    Region("46", "50", "ГУ МВД России по Московской области", 8),
    Region("65", "66", "ГУ МВД России по Свердловской области", 5),
    Region("50", "54", "ГУ МВД России по Новосибирской области", 5),
    Region("92", "16", "МВД по Республике Татарстан", 4),
    Region("22", "52", "ГУ МВД России по Нижегородской области", 4),
    Region("03", "23", "ГУ МВД России по Краснодарскому краю", 4),
    Region("60", "61", "ГУ МВД России по Ростовской области", 3),
    Region("57", "59", "ГУ МВД России по Пермскому краю", 3),
    Region("80", "02", "МВД по Республике Башкортостан", 3),
    Region("36", "63", "ГУ МВД России по Самарской области", 3),
    Region("04", "24", "ГУ МВД России по Красноярскому краю", 2),
    Region("27", "39", "УМВД России по Калининградской области", 2),
    Region("05", "25", "УМВД России по Приморскому краю", 2),
    Region("56", "58", "УМВД России по Пензенской области", 1),
)
# Issue years of the current international passport; many were issued in the 2022 rush.
INTERNATIONAL_ISSUE_YEARS = {
    2012: 2,
    2013: 2,
    2014: 3,
    2015: 3,
    2016: 4,
    2017: 5,
    2018: 6,
    2019: 7,
    2020: 5,
    2021: 7,
    2022: 12,
    2023: 6,
    2024: 5,
}
RESIDENCE_ISSUERS = {
    "GE": "Public Service Development Agency",
    "AM": "Migration and Citizenship Service",
    "TR": "Göç İdaresi Başkanlığı",
    "KZ": "Migration Service, Ministry of Internal Affairs",
    "KG": "State Registration Service",
    "UZ": "Migration Department, Ministry of Internal Affairs",
    "RS": "Ministry of Interior, Foreigners Department",
}
GOST_FROM = date(2010, 3, 1)
ICAO_FROM = date(2014, 1, 1)
INTERNAL_MRZ_FROM = date(2011, 7, 1)  # internal passports issued before had no machine-readable zone


def pick_region(rng: random.Random) -> Region:
    return rng.choices(REGIONS, weights=[region.weight for region in REGIONS])[0]


def scheme_for_issue_date(issued: date) -> Scheme:
    """The romanisation an international passport issued on `issued` printed."""
    if issued < GOST_FROM:
        return Scheme.MVD_1997
    if issued < ICAO_FROM:
        return Scheme.GOST_52535
    return Scheme.ICAO_9303


def years_after(day: date, years: int) -> date:
    return birthday_in(day, day.year + years)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def _international_series(issued: date) -> str:
    """Roughly the series printed on biometric passports of that year."""
    return {
        2012: "70",
        2013: "71",
        2014: "71",
        2015: "72",
        2016: "72",
        2017: "73",
        2018: "75",
        2019: "75",
        2020: "76",
        2021: "76",
        2022: "77",
        2023: "77",
        2024: "78",
    }.get(issued.year, "65")


def internal_passport(
    rng: random.Random, person: PersonPlan, region: Region, today: date, departure: date
) -> DocumentPlan | None:
    """The internal passport held at departure: issued at 14, replaced at 20 and 45 while still in Russia."""
    born = person.date_of_birth
    if age_on(born, today) < 14:
        return None
    last_day_home = min(today, departure)
    issued_at = max(
        (age for age in (14, 20, 45) if birthday_in(born, born.year + age) <= last_day_home), default=14
    )
    issued = birthday_in(born, born.year + issued_at) + timedelta(days=rng.randint(3, 40))
    issued = max(issued, date(1998, 1, 1) + timedelta(days=rng.randint(0, 6 * 365)))
    issued = min(issued, today)
    next_age = {14: 20, 20: 45}.get(issued_at)
    expiry = birthday_in(born, born.year + next_age) + timedelta(days=90) if next_age else None
    status = "expired" if expiry is not None and expiry < today else "valid"
    if rng.random() < 0.01:
        status = "annulled"
    number = f"{region.okato} {issued.year % 100:02d} {_digits(rng, 6)}"
    return DocumentPlan(
        "internal", "internal_passport", number, "RU", region.internal_issuer, issued, expiry, status
    )


def _international_status(rng: random.Random, expiry: date, today: date) -> str:
    if expiry < today:
        return "renewal_refused" if rng.random() < 0.25 else "expired"
    roll = rng.random()
    if roll < 0.05:
        return "seized"
    if roll < 0.09:
        return "annulled"
    return "valid"


def international_passports(
    rng: random.Random, person: PersonPlan, region: Region, today: date
) -> list[DocumentPlan]:
    """The current international passport and, for some, the one before it."""
    born = person.date_of_birth
    years = [year for year in INTERNATIONAL_ISSUE_YEARS if year >= born.year]
    if not years:
        return []
    year = rng.choices(years, weights=[INTERNATIONAL_ISSUE_YEARS[y] for y in years])[0]
    issued = random_day(rng, max(date(year, 1, 1), born + timedelta(days=30)), min(date(year, 12, 31), today))
    expiry = years_after(issued, 10)
    issuer = f"{'ФМС' if issued.year < 2016 else 'МВД'} {region.subject}{rng.randint(0, 9)}{_digits(rng, 2)}"
    current = DocumentPlan(
        "intl",
        "international_passport",
        f"{_international_series(issued)} {_digits(rng, 7)}",
        "RU",
        issuer,
        issued,
        expiry,
        _international_status(rng, expiry, today),
    )
    documents = [current]
    old_issued = issued - timedelta(days=rng.randint(4 * 365, 10 * 365))
    if age_on(born, old_issued) >= 18 and rng.random() < 0.35:
        five_year = old_issued < date(2012, 1, 1) and rng.random() < 0.6
        old_expiry = years_after(old_issued, 5 if five_year else 10)
        old_expiry = min(old_expiry, issued + timedelta(days=rng.randint(0, 200)))
        old_expiry = max(old_expiry, old_issued + timedelta(days=365))
        documents.append(
            DocumentPlan(
                "intl_old",
                "international_passport",
                f"{rng.choice(('62', '63', '64', '65', '70'))} {_digits(rng, 7)}",
                "RU",
                f"ФМС {region.subject}{rng.randint(0, 9)}{_digits(rng, 2)}",
                old_issued,
                old_expiry,
                "expired" if old_expiry < today else "annulled",
            )
        )
    return documents


def residence_card(
    rng: random.Random, country: str, entry: date, until: date | None, today: date
) -> DocumentPlan:
    issued = min(today, entry + timedelta(days=rng.randint(10, 60)))
    expiry = until if until is not None and until >= issued else years_after(issued, 1)
    letters = "".join(rng.choice("ABCDEFHKLMNPRSTUXYZ") for _ in range(2))
    return DocumentPlan(
        "residence",
        "residence_card",
        f"{letters}{_digits(rng, 7)}",
        country,
        RESIDENCE_ISSUERS[country],
        issued,
        expiry,
        "valid" if expiry >= today else "expired",
    )


def refugee_travel_document(rng: random.Random, country: str, entry: date, today: date) -> DocumentPlan:
    issued = min(today, entry + timedelta(days=rng.randint(120, 400)))
    expiry = years_after(issued, 2)
    return DocumentPlan(
        "refugee",
        "refugee_travel_document",
        f"R{_digits(rng, 8)}",
        country,
        RESIDENCE_ISSUERS[country],
        issued,
        expiry,
        "valid" if expiry >= today else "expired",
    )


# Names come from a finite pool, and a national-size load spells millions of them: each part once per scheme.
_transliterated = lru_cache(maxsize=100_000)(transliterate)


def _spelled(person: PersonPlan, scheme: Scheme) -> FullName:
    name = FullName(person.surname, person.given_name, person.patronymic)
    return FullName(*(_transliterated(part, scheme) for part in name.parts))


def _variant(
    person: PersonPlan, scheme: Scheme, document: DocumentPlan | None, *, dated: bool = False
) -> NameVariantPlan:
    name = _spelled(person, scheme)
    return NameVariantPlan(
        name.surname,
        name.given_name,
        name.patronymic,
        scheme.value,
        document.key if document else None,
        valid_from=document.issue_date if document and dated else None,
        valid_until=document.expiry_date if document and dated else None,
    )


def plan_spellings(
    rng: random.Random, person: PersonPlan, documents: list[DocumentPlan], today: date
) -> tuple[list[DocumentPlan], list[NameVariantPlan]]:
    """Stored Latin spellings, each tied to the document it was read from, for most adults.

    May flag the current passport as keeping the legacy spelling of the one before; returns the
    (possibly changed) documents with the variants.
    """
    by_key = {document.key: document for document in documents}
    if age_on(person.date_of_birth, today) < 18 or rng.random() < 0.1:
        return documents, []
    variants: list[NameVariantPlan] = []
    current, old = by_key.get("intl"), by_key.get("intl_old")
    if current is not None and current.issue_date is not None:
        scheme = scheme_for_issue_date(current.issue_date)
        old_scheme = scheme_for_issue_date(old.issue_date) if old and old.issue_date else None
        keeps_old = (
            old_scheme is not None
            and old_scheme != scheme
            and _spelled(person, old_scheme) != _spelled(person, scheme)
            and rng.random() < 0.4
        )
        if keeps_old and old is not None and old_scheme is not None:
            current = replace(current, retains_legacy_spelling=True)
            by_key["intl"] = current
            variants.append(_variant(person, old_scheme, current))
            variants.append(_variant(person, old_scheme, old, dated=True))
        else:
            variants.append(_variant(person, scheme, current))
            if old_scheme is not None and _spelled(person, old_scheme) != _spelled(person, scheme):
                variants.append(_variant(person, old_scheme, old, dated=True))
    internal = by_key.get("internal")
    if (
        internal is not None
        and internal.issue_date is not None
        and internal.issue_date >= INTERNAL_MRZ_FROM
        and (not variants or rng.random() < 0.12)
    ):
        variants.append(_variant(person, Scheme.MRZ_INTERNAL, internal))
    if rng.random() < 0.06:
        variants.append(_variant(person, Scheme.GERMAN, None))
    return [by_key[document.key] for document in documents], variants[:3]
