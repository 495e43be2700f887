"""The skeleton merges spellings, but must not merge the common surnames with each other."""

from collections import defaultdict
from collections.abc import Iterable

from herzen.domain.names import skeleton

from .examples import COMMON_GIVEN_NAMES, COMMON_SURNAMES


def _shared_skeletons(names: Iterable[str]) -> list[list[str]]:
    by_skeleton: defaultdict[str, list[str]] = defaultdict(list)
    for name in names:
        by_skeleton[skeleton(name)].append(name)
    return [group for group in by_skeleton.values() if len(group) > 1]


def test_common_surnames_keep_apart() -> None:
    # Черных/Чернов and Щукин/Шукшин/Жуков are the near misses: they differ by a letter or two.
    assert _shared_skeletons(COMMON_SURNAMES) == []


def test_common_given_names_keep_apart() -> None:
    # Евгений/Евгения differ in their last vowel, which the skeleton keeps.
    assert _shared_skeletons(COMMON_GIVEN_NAMES) == []


def test_known_merges_are_real_variants() -> None:
    # These collapse on purpose: they are one name written two ways.
    assert skeleton("София") == skeleton("Софья")
    assert skeleton("Андреянов") == skeleton("Андриянов")
    assert skeleton("Кирилл") == skeleton("Кирил")
