"""How other languages write Russian names, as data: each family rewrites a Latin word into the spelling
the skeleton (herzen.domain.names.skeleton) understands, so "Iouri Joukov" (French), "Jurij Żukow" (Polish)
and "Jurij Žukovová" (Czech) meet Юрий Жуков.

A family's rules are read only where they apply: "ch" is Ш to a French reader and Ч or Х to everyone
else, so the skeleton cannot merge them once for all. A query word is therefore read in every family and
keeps every reading that differs from its plain one (herzen.domain.names.search): the person is found
whichever language wrote the paper in front of the caseworker, and the result says which reading matched.

Each rule is (pattern, replacement) over the lower-case word (NFC, diacritics kept), applied in order; a
replacement in capitals is final (no later rule reads it again: French "chtch" is Щ, not "ch" + "tch").
Sources: MVD order 310 (1997) French variant and French press practice (Goussev, Vassine, Eltsine);
Polish PWN transcription of Russian (Żukow, Gorbaczow, Aleksiej, -wicz, -ska); Czech transcription and
Czech feminine surnames (-ová, -ská); Ukrainian national romanisation (Cabinet of Ministers resolution 55
of 27.01.2010: г -> h, и -> y); Kazakh passport and Latin-alphabet practice (ж -> j or zh, к -> q);
German umlauts written out (ü -> ue) in machine-readable zones.
"""

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Family(StrEnum):
    """A language whose way of writing Russian names a query is read in. Values are stable codes."""

    ENGLISH = "english"
    FRENCH = "french"
    POLISH = "polish"
    CZECH = "czech"
    UKRAINIAN = "ukrainian"
    KAZAKH = "kazakh"
    GERMAN = "german"


Rule = tuple[re.Pattern[str], str]


def _rules(*pairs: tuple[str, str]) -> tuple[Rule, ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


_VOWEL = "[aeiouyéèëïîöüóáíúýěů]"

FAMILY_RULES: Mapping[Family, tuple[Rule, ...]] = MappingProxyType(
    {
        Family.FRENCH: _rules(
            # Longest first, in one pass each, so "chtch" (Щ) is not read as "ch" + "tch".
            ("chtch", "SHCH"),
            ("tch", "CH"),  # Ч
            ("dj", "DZH"),  # Джугашвили -> Djougachvili
            ("ch", "SH"),  # Ш: Chostakovitch
            ("j", "ZH"),  # Ж: Joukov
            ("ou", "u"),  # У: Iouri, Koutouzov
            ("gu(?=[eiéèy])", "g"),  # Г before e/i keeps a hard g: Guennadi, Sergueï
            (f"(?<={_VOWEL})ss(?={_VOWEL})", "s"),  # С between vowels doubles: Vassiliev
            ("ine$", "in"),  # -ин: Vassine, Eltsine
            ("off$", "ov"),  # -ов in older French and émigré spellings: Smirnoff
            ("eff$", "ev"),
        ),
        Family.POLISH: _rules(
            ("szcz", "SHCH"),  # Щ
            ("cz", "CH"),  # Ч: Gorbaczow, -wicz
            ("sz", "SH"),  # Ш
            ("[żź]", "ZH"),  # Ж: Żukow; "ź" is a common slip for "ż"
            ("rz", "ZH"),
            ("ch", "KH"),  # Х: Polish "ch" is never Ч
            ("ł", "L"),  # hard Л
            ("l(?=[aou])", "li"),  # a plain l before a, o, u is soft: ля, лё, лю (Bielajew, Polakow)
            ("ś", "s"),
            ("ć", "t"),
            ("ń", "n"),
            ("ska$", "skaia"),  # -ская: Polish drops the final -я
            ("cka$", "tskaia"),
            ("(?<=[sc])ki$", "kii"),  # -ский: Dostojewski
        ),
        Family.CZECH: _rules(
            # A Czech feminine surname adds -ová to the man's: Žukovová is the wife of Žukov (Жукова).
            ("(?<=[oe]v)ov[áa]$", "A"),
            ("(?<=[iy]n)ov[áa]$", "A"),
            ("ck[áa]$", "TSKAIA"),  # -цкая
            ("sk[áa]$", "SKAIA"),  # -ская
            ("ck[ýy]$", "TSKII"),
            ("sk[ýy]$", "SKII"),
            ("ch", "kh"),  # Х: Czech "ch" is never Ч
            ("ř", "r"),
            ("ě", "e"),
        ),
        Family.UKRAINIAN: _rules(
            # Г is "h" in the national romanisation; "zgh" is ЗГ, and h after z/k/s/c belongs to them.
            ("zgh", "zg"),
            ("(?<![zkcs])h", "g"),
        ),
        Family.KAZAKH: _rules(
            ("(?<![dz])j", "zh"),  # Ж: Jukov
            ("ş", "sh"),
            ("ç", "ch"),
            ("ı", "y"),
            ("ğ", "g"),
            ("q", "k"),
        ),
        Family.GERMAN: _rules(
            # Umlauts written out, as machine-readable zones and old typewriters do.
            ("ue", "u"),
            ("oe", "o"),
            ("ae", "a"),
        ),
        Family.ENGLISH: _rules(
            ("tch", "ch"),  # Tchaikovsky: English papers borrowed the French Ч
            ("ee", "i"),  # Alexeev against Alekseev stays one; "ee" for и in older English spellings
            ("sky$", "skii"),
            ("skaya$", "skaia"),
        ),
    }
)

FAMILY_ORDER: tuple[Family, ...] = tuple(Family)


def _apply(rules: tuple[Rule, ...], word: str) -> str:
    for pattern, replacement in rules:
        word = pattern.sub(replacement, word)
    return word.lower()


def family_readings(word: str) -> dict[Family, str]:
    """The word as each family would have written it in the common Latin the skeleton reads.

    Only readings that change the word are returned; a Cyrillic word has none (it is not a rendering).
    """
    text = unicodedata.normalize("NFC", word).lower()
    if not text or any(unicodedata.name(char, "").startswith("CYRILLIC") for char in text):
        return {}
    readings: dict[Family, str] = {}
    for family in FAMILY_ORDER:
        reading = _apply(FAMILY_RULES[family], text)
        if reading != text:
            readings[family] = reading
    return readings
