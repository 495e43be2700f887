"""A name query, read every way it may have been written, and how well a person matches it.

Each query word carries its keys by strength: its exact fold (a spelling on file, or the one a passport
scheme gives), its phonetic skeletons as plain Latin, MRZ or Cyrillic, the skeletons of its readings in
other languages (herzen.domain.names.families), and the deletion keys of near misses
(herzen.domain.names.near). A person matches when every word matches; the weakest word sets the rank:
exact or scheme spellings first, then phonetic and foreign readings, then near misses.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from functools import cached_property

from . import mrz
from .families import Family, family_readings
from .keys import name_keys
from .near import MIN_LENGTH, NEAR_PREFIX, allowed_edits, edit_distance, query_near_keys
from .skeleton import latin_skeleton

_QUERY_SEPARATOR = re.compile(r"[\s,;]+")
SKELETON_PREFIX = "s:"
FOLD_PREFIX = "f:"


class MatchKind(StrEnum):
    """Why a word matched. Values are stable codes; the interface translates them."""

    EXACT = "exact"  # the spelling is on file, or a passport scheme gives it
    MRZ = "mrz"  # read from a pasted machine-readable line
    PHONETIC = "phonetic"  # sounds the same across schemes (the skeleton)
    FAMILY = "family"  # read as another language writes Russian names
    NEAR = "near"  # one letter away from a spelling of the name


class Rank(IntEnum):
    EXACT = 0
    PHONETIC = 1
    NEAR = 2


RANK_OF: Mapping[MatchKind, Rank] = {
    MatchKind.EXACT: Rank.EXACT,
    MatchKind.MRZ: Rank.EXACT,
    MatchKind.PHONETIC: Rank.PHONETIC,
    MatchKind.FAMILY: Rank.PHONETIC,
    MatchKind.NEAR: Rank.NEAR,
}


@dataclass(frozen=True)
class QueryWord:
    text: str
    exact: frozenset[str]
    phonetic: frozenset[str]
    by_family: Mapping[Family, frozenset[str]] = field(default_factory=dict)
    from_mrz: bool = False

    @cached_property
    def typo_skeletons(self) -> frozenset[str]:
        """Skeletons of the word as typed with one letter dropped or two neighbours swapped, in every reading:
        a slip inside "szcz" or "chtch" moves the skeleton by more than one letter, the typed word by one.
        Computed only when near misses are looked for."""
        return frozenset() if self.from_mrz else _typo_skeletons(self.text)

    @property
    def strict_keys(self) -> frozenset[str]:
        """Keys of every reading except near misses: what the strict search (the case list) uses."""
        return self.exact | self.phonetic | frozenset().union(*self.by_family.values())

    @property
    def skeletons(self) -> frozenset[str]:
        return frozenset(
            key[len(SKELETON_PREFIX) :] for key in self.strict_keys if key.startswith(SKELETON_PREFIX)
        )

    @property
    def near(self) -> frozenset[str]:
        typed = frozenset(
            NEAR_PREFIX + skeleton for skeleton in self.typo_skeletons if len(skeleton) >= MIN_LENGTH
        )
        return query_near_keys(self.skeletons) | typed


def _word(text: str, *, from_mrz: bool = False) -> QueryWord | None:
    keys = name_keys(text)
    if not keys:
        return None
    exact = frozenset(key for key in keys if key.startswith(FOLD_PREFIX))
    phonetic = keys - exact
    by_family: dict[Family, frozenset[str]] = {}
    if not from_mrz:
        for family, reading in family_readings(text).items():
            extra = frozenset({SKELETON_PREFIX + latin_skeleton(reading)}) - phonetic
            if extra and not any(extra <= earlier for earlier in by_family.values()):
                by_family[family] = extra
    return QueryWord(text, exact, phonetic, by_family, from_mrz)


_MIN_TYPED_LENGTH = 6  # slips in shorter words are read as near misses of their skeleton alone


def _typo_skeletons(text: str) -> frozenset[str]:
    word = text.lower()
    if len(word) < _MIN_TYPED_LENGTH or not word.isalpha():
        return frozenset()
    variants = {word[:i] + word[i + 1 :] for i in range(len(word))}
    variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    variants.discard(word)
    found: set[str] = set()
    for variant in variants:
        found.add(latin_skeleton(variant) if variant.isascii() else _plain_skeleton(variant))
        found.update(latin_skeleton(reading) for reading in family_readings(variant).values())
    return frozenset(found)


def _plain_skeleton(word: str) -> str:
    from .skeleton import skeleton

    return skeleton(word)


def parse_query(text: str) -> list[QueryWord]:
    """The words of a name query: a pasted MRZ line gives its surname and given names, otherwise each
    word separated by spaces, commas or semicolons (hyphenated names stay one word)."""
    line = mrz.parse_name_line(text)
    if line is not None:
        words = [word for part in line.parts for word in part.split() if word]
        parsed = [_word(word, from_mrz=True) for word in words]
    else:
        parsed = [_word(word) for word in _QUERY_SEPARATOR.split(text)]
    return [word for word in parsed if word is not None]


@dataclass(frozen=True)
class WordMatch:
    word: str
    kind: MatchKind
    family: Family | None = None


def match_word(word: QueryWord, person_keys: frozenset[str] | set[str]) -> WordMatch | None:
    """How a query word matches a person's decrypted keys, strongest first; None when it does not."""
    if word.exact & person_keys:
        return WordMatch(word.text, MatchKind.MRZ if word.from_mrz else MatchKind.EXACT)
    if word.phonetic & person_keys:
        return WordMatch(word.text, MatchKind.MRZ if word.from_mrz else MatchKind.PHONETIC)
    for family, keys in word.by_family.items():
        if keys & person_keys:
            return WordMatch(word.text, MatchKind.FAMILY, family)
    held = [key[len(SKELETON_PREFIX) :] for key in person_keys if key.startswith(SKELETON_PREFIX)]
    if word.typo_skeletons.intersection(held):
        return WordMatch(word.text, MatchKind.NEAR)
    for wanted in word.skeletons:
        if len(wanted) < MIN_LENGTH:
            continue
        for skeleton in held:
            if len(skeleton) < MIN_LENGTH:
                continue
            limit = allowed_edits(wanted, skeleton)
            if edit_distance(wanted, skeleton, limit) <= limit:
                return WordMatch(word.text, MatchKind.NEAR)
    return None


@dataclass(frozen=True)
class PersonMatch:
    rank: Rank
    words: tuple[WordMatch, ...]

    @property
    def kinds(self) -> tuple[MatchKind, ...]:
        """The distinct reasons, strongest first."""
        ordered = sorted(self.words, key=lambda match: RANK_OF[match.kind])
        return tuple(dict.fromkeys(match.kind for match in ordered))

    @property
    def families(self) -> tuple[Family, ...]:
        return tuple(dict.fromkeys(match.family for match in self.words if match.family is not None))


def match_person(
    words: list[QueryWord], person_keys: frozenset[str] | set[str], *, near: bool = True
) -> PersonMatch | None:
    """The match of a person with every query word, ranked by its weakest word; None if a word misses."""
    matches = []
    for word in words:
        matched = match_word(word, person_keys)
        if matched is None or (matched.kind is MatchKind.NEAR and not near):
            return None
        matches.append(matched)
    if not matches:
        return None
    return PersonMatch(max(RANK_OF[match.kind] for match in matches), tuple(matches))
