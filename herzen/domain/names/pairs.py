"""Pair keys: lookup keys for two words of a person's names together.

A word key of a common name ("Сергей", "Николаевич") is shared by a large part of the population, so a
search that intersects the persons of each word's keys reads more the more people are on file. A key for
two words together is shared only by namesakes in both, so a multi-word query can start from one small
set of candidates and check each word on those alone.

Pair keys must never lose a person the word keys find. Every word key maps to one token (a skeleton:
the "s:" key's own, or that of an "f:" key's folded word), so a person and a query word that share a word
key share its token. A person holds a pair key for every two distinct tokens of their keys, whichever
word, spelling or name they came from; a query uses the tokens of two of its words whose tokens differ.
Then a person holding keys of both words holds a pair key of the query. Pairs are unordered, so the
order the words are typed in does not matter.
"""

from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations, product

from .skeleton import skeleton

PAIR_PREFIX = "p:"
_PAIR_SEPARATOR = "|"


@lru_cache(maxsize=100_000)
def pair_token(key: str) -> str:
    """The token a word key contributes to pairs: keys that spell the same sound share one."""
    kind, _, value = key.partition(":")
    sound = value if kind == "s" else skeleton(value)
    if not sound:
        return key  # a fold with no skeleton (digits) stands for itself, apart from skeletons by its prefix
    # Without a final "a" the surnames of wife and husband (Щукина, Щукин) make one token, not two: fewer
    # pairs per person, at the price of a few more candidates that the word keys then rule out.
    return sound[:-1] if sound.endswith("a") and len(sound) > 3 else sound


def pair_tokens(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(pair_token(key) for key in keys)


def _pair_key(first: str, second: str) -> str:
    low, high = sorted((first, second))
    return f"{PAIR_PREFIX}{low}{_PAIR_SEPARATOR}{high}"


def person_pair_keys(keys: Iterable[str]) -> frozenset[str]:
    """Pair keys of a person with these word keys (`person_name_keys`): one per two distinct tokens."""
    return frozenset(_pair_key(a, b) for a, b in combinations(sorted(pair_tokens(keys)), 2))


def query_pair_keys(wanted: list[frozenset[str]]) -> list[frozenset[str]]:
    """Sets of pair keys of which every person holding a key of each query word (`query_keys`) holds one
    from each set.

    One set per pair of the first word that has a partner (a word whose tokens all differ from its own)
    with each such partner: a name is usually typed surname first, and the persons sharing a surname with
    the given name and with the patronymic are few, while those sharing a given name and a patronymic are
    many. Empty when no two words qualify, such as a one-word query or "Анна Anna": then only the word
    keys can find every match.
    """
    tokens = [pair_tokens(word_keys) for word_keys in wanted]
    for first in tokens:
        partners = [other for other in tokens if first and other and not first & other]
        if partners:
            return [frozenset(_pair_key(a, b) for a, b in product(first, other)) for other in partners]
    return []
