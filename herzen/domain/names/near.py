"""Near misses: words whose phonetic skeletons differ by one edit (a typo, an unforeseen rendering).

Found without comparing a query with every person (SymSpell's symmetric deletion): a skeleton is stored
with every string one deletion away from it, and a query looks up its own deletions. Two skeletons at
edit distance one always share one of those strings; sharing one can also mean distance two, so each
candidate is confirmed with the true distance (optimal string alignment: a swap of neighbours is one edit).
Short skeletons get no neighbourhood: one edit away from "ian" is half the population.

Long skeletons (LONG_LENGTH letters or more) reach two edits, on the query side only: the query looks up its
strings two deletions away, which meet a stored one-deletion string whenever the stored skeleton is two edits
away with at most one of them on its side (a letter the query lacks, or a replaced letter, which is a deletion on
each side); the stored rows do not change. Among long names two edits still leave strangers apart (tested over
the demo population: herzen/people/tests/test_search_strictness.py).
"""

from collections.abc import Iterable
from functools import lru_cache

NEAR_PREFIX = "d:"
MIN_LENGTH = 5  # "ivan" has no near misses, "ivanov" has
LONG_LENGTH = 10  # "aleksandrovich" may be two letters off, "ivanov" only one; shorter brings strangers


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


def query_deletion_keys(skeleton: str) -> frozenset[str]:
    """A query word's near keys: one deletion away, and for a long skeleton two."""
    keys = deletion_keys(skeleton)
    if len(skeleton) >= LONG_LENGTH:
        for variant in {skeleton[:index] + skeleton[index + 1 :] for index in range(len(skeleton))}:
            keys |= {NEAR_PREFIX + variant[:index] + variant[index + 1 :] for index in range(len(variant))}
    return keys


def query_near_keys(skeletons: Iterable[str]) -> frozenset[str]:
    keys: set[str] = set()
    for skeleton in skeletons:
        keys |= query_deletion_keys(skeleton)
    return frozenset(keys)


def allowed_edits(first: str, second: str) -> int:
    """How far apart two skeletons may be and still be a near miss: two edits when both are long."""
    return 2 if min(len(first), len(second)) >= LONG_LENGTH else 1


def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1 when greater."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


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
