"""A person's name keys as `herzen.people.services.persons.refresh_name_keys` computes them, but cached by
name part: `person_name_keys` costs milliseconds per person, and the synthetic names come from a finite pool.

`person_name_keys(names)` is the union, over the names, of the keys of each name and its other-gender
surname, each word of each part keyed in every generated spelling; spellings are made part by part
(`expected_spellings`), so for a name whose parts are all in one script the keys are the union of the keys of
its parts, each taken as a name of its own. A name that mixes scripts is keyed whole. The bulk-load test checks
the result against `person_name_keys` itself.
"""

from collections.abc import Iterable
from functools import lru_cache

from herzen.domain.names import FullName, is_cyrillic, person_name_keys
from herzen.domain.names.near import person_near_keys
from herzen.domain.names.pairs import person_pair_keys
from herzen.encryption.blind import index_value
from herzen.people.blind_indexes import PERSON_NAME
from herzen.people.services.persons import near_key_index_values, pair_key_index_value


@lru_cache(maxsize=200_000)
def _part_keys(position: int, part: str) -> frozenset[str]:
    parts = ["", "", ""]
    parts[position] = part
    return person_name_keys([FullName(*parts)])


@lru_cache(maxsize=1_000_000)
def blind_name_key(key: str) -> str:
    return index_value(PERSON_NAME.name, key, normalised=True)


@lru_cache(maxsize=1_000_000)
def _blind_pair_key(pair_key: str) -> str:
    return pair_key_index_value(pair_key)


@lru_cache(maxsize=1_000_000)
def _blind_near_key(near_key: str) -> str:
    return next(iter(near_key_index_values({near_key})))


def name_key_values(keys: frozenset[str]) -> list[str]:
    """The PersonNameKey values of a person with these keys, sorted, as `person_name_key_rows` gives them."""
    words = {blind_name_key(key) for key in keys}
    near = {_blind_near_key(key) for key in person_near_keys(keys)}
    return sorted(words | near | {_blind_pair_key(pair) for pair in person_pair_keys(keys)})


def _name_keys(name: FullName) -> frozenset[str]:
    present = [part for part in name.parts if part]
    if len({is_cyrillic(part) for part in present}) > 1:
        return person_name_keys([name])
    keys: set[str] = set()
    for position, part in enumerate(name.parts):
        if part:
            keys |= _part_keys(position, part)
    return frozenset(keys)


def name_keys(names: Iterable[FullName]) -> frozenset[str]:
    """Equal to `herzen.domain.names.person_name_keys(names)`."""
    keys: set[str] = set()
    for name in names:
        keys |= _name_keys(name)
    return frozenset(keys)
