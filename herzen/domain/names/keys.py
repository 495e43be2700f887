"""Lookup keys for people and for search queries.

A person is stored under keys for every word of every name they are known by, and for every
spelling the schemes would give their Cyrillic name. A query word matches a person when their
key sets intersect. Matching only proposes candidates: merging people is the caller's decision.
"""

import dataclasses
import re
from collections.abc import Iterable, Iterator

from .schemes import FullName, Scheme
from .scripts import is_cyrillic
from .skeleton import alternative_skeletons, fold
from .transliteration import expected_spellings

_QUERY_SEPARATOR = re.compile(r"[\s,;]+")
_NAME_WORD_SEPARATOR = re.compile(r"\s+")

# Russian surnames change with gender, so a wife registered as Щукина must be found by the search
# for her husband Щукин, and the other way round. Longer endings come first.
_CYRILLIC_COUNTERPARTS = (
    ("ская", "ский"), ("ский", "ская"), ("ской", "ская"),
    ("цкая", "цкий"), ("цкий", "цкая"), ("цкой", "цкая"),
    ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
    ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына"),
)  # fmt: skip
# The same endings as romanised surnames, for people known to us only by a Latin spelling.
_LATIN_COUNTERPARTS = (
    ("skaya", "skiy"), ("skaia", "skii"), ("skaja", "ski"), ("skaâ", "skij"),
    ("skiy", "skaya"), ("skii", "skaia"), ("skij", "skaâ"), ("sky", "skaya"), ("ski", "skaja"),
    ("ova", "ov"), ("eva", "ev"), ("owa", "ow"), ("ewa", "ew"), ("ina", "in"), ("yna", "yn"),
    ("ov", "ova"), ("ev", "eva"), ("ow", "owa"), ("ew", "ewa"), ("in", "ina"), ("yn", "yna"),
)  # fmt: skip


def name_keys(text: str) -> frozenset[str]:
    """Lookup keys for one word of a name: "f:" + its fold and "s:" + its skeleton.

    A Latin word that may be an MRZ copy (WUKINA, or IWANOW in German) gets a skeleton for
    each reading, so it is found either way. Empty input has no keys.
    """
    folded = fold(text)
    if not folded:
        return frozenset()
    skeletons = {f"s:{key}" for key in alternative_skeletons(text) if key}
    return frozenset({f"f:{folded}", *skeletons})


def _counterpart_of_part(surname: str) -> str:
    endings = _CYRILLIC_COUNTERPARTS if is_cyrillic(surname) else _LATIN_COUNTERPARTS
    lowered = surname.lower()
    for ending, replacement in endings:
        # A bare ending is no surname; "Ина" is a given name, not the wife of "Ин".
        if lowered.endswith(ending) and len(lowered) > len(ending) + 1:
            stem = surname[: -len(ending)]
            return stem + (replacement.upper() if surname.isupper() else replacement)
    return surname


def _counterpart(surname: str) -> str | None:
    # Both halves of a double surname change: Римская-Корсакова is the wife of Римский-Корсаков.
    counterpart = "-".join(_counterpart_of_part(part) for part in surname.split("-"))
    return counterpart if counterpart != surname else None


def _with_counterpart_surnames(name: FullName) -> Iterator[FullName]:
    yield name
    words = _NAME_WORD_SEPARATOR.split(name.surname.strip())
    for index, word in enumerate(words):
        counterpart = _counterpart(word)
        if counterpart is not None:
            swapped = [*words[:index], counterpart, *words[index + 1 :]]
            yield dataclasses.replace(name, surname=" ".join(swapped))


def _word_keys(part: str) -> set[str]:
    keys: set[str] = set()
    for word in _NAME_WORD_SEPARATOR.split(part):
        keys |= name_keys(word)
        if "-" in word:
            # A double surname is also searched by either half: Римский-Корсаков by Корсаков.
            for half in word.split("-"):
                keys |= name_keys(half)
    return keys


def _full_name_keys(name: FullName) -> set[str]:
    keys: set[str] = set()
    for part in name.parts:
        keys |= _word_keys(part)
    return keys


def _is_cyrillic_name(name: FullName) -> bool:
    parts = [part for part in name.parts if part]
    return bool(parts) and all(is_cyrillic(part) for part in parts)


def person_name_keys(names: Iterable[FullName]) -> frozenset[str]:
    """Every lookup key of a person known by the given names (in any script).

    Covers each word of each name, every generated spelling of each Cyrillic name, and the
    surname of the other gender (Щукина is also keyed as Щукин, Shchukin, Schtschukin...).
    """
    keys: set[str] = set()
    for name in names:
        for variant in _with_counterpart_surnames(name):
            keys |= _full_name_keys(variant)
            if _is_cyrillic_name(variant):
                for scheme, spelling in expected_spellings(variant).items():
                    # The MRZ spelling's skeleton is the Cyrillic name's; read as Latin too ("JUKOV" as Юков)
                    # it would key every Ж-name under a stranger's. A pasted MRZ word is read as MRZ anyway.
                    if scheme is not Scheme.MRZ_INTERNAL:
                        keys |= _full_name_keys(spelling)
    return frozenset(keys)


def query_keys(query: str) -> list[frozenset[str]]:
    """Keys for each word of a free-text search, in order; hyphenated names stay one word.

    Every reading counts: as typed, in other languages' spellings, and a pasted MRZ line by its names
    (herzen.domain.names.search). Near misses are not included: they are the ranked search's last tier.
    """
    from .search import parse_query  # search builds on name_keys below

    return [word.strict_keys for word in parse_query(query)]
