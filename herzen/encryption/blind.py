"""Named blind indexes: each declares how values are normalised and how many it expects per person.

The truncation of each index is planned from `HERZEN_BLIND_INDEX_POPULATION` (the number of persons the
deployment expects) times the index's distinct values per person, with
`herzen.domain.crypto.plan_index_bits`: every index value then matches several records, so the database
alone cannot tell which one a value belongs to. Changing the population changes the bits: rebuild the
indexes afterwards (`herzen keys reindex`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings

from herzen.domain.crypto import IndexPlan, blind_index, derive_index_key, plan_index_bits
from herzen.encryption.keyring import blind_index_root


@dataclass(frozen=True)
class BlindIndex:
    name: str
    normalise: Callable[[str], str]
    values_per_person: float  # distinct indexed values per person, measured on the demo population


_indexes: dict[str, BlindIndex] = {}


def register_index(name: str, *, normalise: Callable[[str], str], values_per_person: float) -> BlindIndex:
    index = BlindIndex(name, normalise, values_per_person)
    _indexes[name] = index
    return index


def registered_indexes() -> dict[str, BlindIndex]:
    return dict(_indexes)


def plan(name: str, population: int | None = None) -> IndexPlan:
    persons = settings.HERZEN_BLIND_INDEX_POPULATION if population is None else population
    return plan_index_bits(max(4, round(persons * _indexes[name].values_per_person)))


@cache
def _index_key(name: str, root: bytes) -> bytes:
    return derive_index_key(root, name)


@cache
def _bits(name: str, persons: int) -> int:
    return plan(name, persons).bits


def index_value(name: str, value: str, *, normalised: bool = False) -> str:
    """The blind-index value of `value` (normalised first unless it already is)."""
    index = _indexes[name]
    text = value if normalised else index.normalise(value)
    return blind_index(
        _index_key(name, blind_index_root()), text, _bits(name, settings.HERZEN_BLIND_INDEX_POPULATION)
    )


_reindexers: dict[str, str] = {}


def register_reindexer(name: str, dotted_path: str) -> None:
    """An app's function that recomputes its blind-index columns from the decrypted values
    (`herzen keys reindex` runs them all: after changing HERZEN_BLIND_INDEX_POPULATION or the root)."""
    _reindexers[name] = dotted_path


def reindex_all() -> dict[str, int]:
    from django.utils.module_loading import import_string

    _bits.cache_clear()
    _index_key.cache_clear()
    return {name: int(import_string(path)()) for name, path in sorted(_reindexers.items())}
