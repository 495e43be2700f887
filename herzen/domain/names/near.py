"""Near misses: words whose phonetic skeletons differ by one edit (a typo, an unforeseen rendering).

Found without comparing a query with every person (SymSpell's symmetric deletion): a skeleton is stored
with every string one deletion away from it, and a query looks up its own deletions. Two skeletons at
edit distance one always share one of those strings; sharing one can also mean distance two, so each
candidate is confirmed with the true distance (optimal string alignment: a swap of neighbours is one edit).
Short skeletons get no neighbourhood: one edit away from "ian" is half the population.
"""

from collections.abc import Iterable
from functools import lru_cache

NEAR_PREFIX = "d:"
MIN_LENGTH = 5  # "ivan" has no near misses, "ivanov" has


def deletion_keys(skeleton: str) -> frozenset[str]:
    """ "d:" keys of the skeleton and of every string one deletion away, or none for a short skeleton."""
    if len(skeleton) < MIN_LENGTH:
        return frozenset()
    variants = {skeleton} | {skeleton[:index] + skeleton[index + 1 :] for index in range(len(skeleton))}
    return frozenset(NEAR_PREFIX + variant for variant in variants)


def near_keys(skeletons: Iterable[str]) -> frozenset[str]:
    keys: set[str] = set()
    for skeleton in skeletons:
        keys |= deletion_keys(skeleton)
    return frozenset(keys)


def within_one_edit(first: str, second: str) -> bool:
    """True when the strings are equal or one insertion, deletion, substitution or neighbour swap apart."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differ = [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and first[differ[0]] == second[differ[1]]
            and first[differ[1]] == second[differ[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))


def person_near_keys(person_keys: Iterable[str]) -> frozenset[str]:
    """The near-miss keys a person is stored under: the deletion neighbourhoods of the skeletons of their
    names as written in Cyrillic (or, for a person known only in Latin letters, as written).

    Derived from the person's lookup keys alone, so a rebuild from the stored keys gives the same rows.
    Only the names themselves, not every scheme's spelling: those share the skeleton anyway, and each
    skeleton adds about eight rows per person.
    """
    folds = [key[2:] for key in person_keys if key.startswith("f:")]
    cyrillic = [word for word in folds if _is_cyrillic_word(word)]
    return near_keys(_skeleton_of(word) for word in (cyrillic or folds))


def _is_cyrillic_word(word: str) -> bool:
    return any("а" <= char <= "я" or char in "ёй" for char in word)


@lru_cache(maxsize=200_000)
def _skeleton_of(word: str) -> str:
    from .skeleton import skeleton  # skeleton imports iuliia; near misses alone do not need it

    return skeleton(word)
