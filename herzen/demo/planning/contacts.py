"""How to reach someone: a phone from the transit country or the Russian one kept for Telegram, a handle,
an address. E-mail addresses use the reserved example.* domains, so no demo address is anybody's mailbox."""

import random
from datetime import date
from functools import lru_cache

from herzen.demo.planning.people import age_on
from herzen.demo.plans import ContactPlan, PersonPlan
from herzen.domain.names import Scheme, transliterate

PHONE_FORMATS = {
    "GE": "+995 5## ## ## ##",
    "AM": "+374 9# ######",
    "TR": "+90 5## ### ## ##",
    "KZ": "+7 7## ### ## ##",
    "KG": "+996 7## ### ###",
    "UZ": "+998 9# ### ## ##",
    "RS": "+381 6# ### ####",
    "RU": "+7 9## ###-##-##",
}
EMAIL_DOMAINS = ("example.org", "example.net", "example.com")
PREFERENCE = {"telegram": 45, "signal": 25, "phone": 20, "email": 10}


def phone_number(rng: random.Random, country: str) -> str:
    return "".join(str(rng.randint(0, 9)) if char == "#" else char for char in PHONE_FORMATS[country])


@lru_cache(maxsize=100_000)  # names repeat: the national-scale load plans a million persons from a few pools
def _latin(text: str) -> str:
    return transliterate(text, Scheme.ICAO_9303).lower().replace(" ", "").replace("'", "")


def plan_contacts(rng: random.Random, person: PersonPlan, *, country: str, today: date) -> list[ContactPlan]:
    """Contact points of one person, with exactly one preferred when there is any."""
    age = age_on(person.date_of_birth, today)
    principal = person.role == "principal"
    if age < 14:
        return []
    if age < 18:
        chances = {"telegram": 0.5}
    elif person.role == "other_dependant":
        chances = {"phone": 0.85, "telegram": 0.3}
    else:
        chances = {
            "phone": 1.0 if principal else 0.85,
            "telegram": 0.85 if principal else 0.6,
            "email": 0.6 if principal else 0.3,
            "signal": 0.35 if principal else 0.2,
        }
    given, surname = _latin(person.given_name), _latin(person.surname)
    contacts: dict[str, str] = {}
    for kind, chance in chances.items():
        if rng.random() >= chance:
            continue
        if kind == "phone":
            contacts[kind] = phone_number(rng, country if rng.random() < 0.65 else "RU")
        elif kind == "telegram":
            handle = rng.choice(
                (
                    f"{given}_{surname[:4]}",
                    f"{given[0]}{surname}",
                    f"{surname}{rng.randint(1, 99)}",
                    f"{given}{rng.randint(70, 99)}",
                )
            )
            contacts[kind] = "@" + handle
        elif kind == "signal":
            contacts[kind] = f"{given}.{rng.randint(10, 99)}"
        else:
            local = rng.choice(
                (f"{given}.{surname}", f"{given[0]}.{surname}", f"{surname}{rng.randint(1, 99)}")
            )
            contacts[kind] = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
    if not contacts:
        return []
    kinds = sorted(contacts)
    preferred = rng.choices(kinds, weights=[PREFERENCE[kind] for kind in kinds])[0]
    return [ContactPlan(kind, contacts[kind], kind == preferred) for kind in kinds]
