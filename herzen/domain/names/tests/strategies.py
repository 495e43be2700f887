"""Hypothesis strategies for Russian-looking words."""

import re

from hypothesis import strategies as st

VOWELS = "аеёиоуэюя"  # ы is added after consonants only: no Russian word starts with it
CONSONANTS = "бвгджзклмнпрстфхцчшщ"
IOTATED = "еёюя"

# Letter sequences excluded from the random words, with why:
# - ьо: German writes "jo", ICAO plain "o"; only loanwords (бульон) have it, no Russian name does.
# - two of ж ш щ ч х in a row, and Ц before them (цх, цч, цкх...): German and ISO 9 spell these
#   clusters with the very strings other schemes use for single letters ("zch", "ch", "tsch"),
#   and no Russian name contains them.
# - тт before ш/щ: same reason (German "ttsch").
# - three consonants with two or more hissing or hushing ones (цтж, сзч): German "z" for Ц drops
#   the "t" ICAO writes, so the rewrites meet in a different order. Real names with clusters such
#   as Константин or Александров are checked one by one in the example tests.
_UNREALISTIC = re.compile(r"ьо|[жшщчх][жшщчх]|ц[ьзкст]?[жшщчх]|тт[шщ]|[бвгджзклмнпрстфхцчшщьъ]{4,}")
_HISSING_OR_HUSHING = set("жшщчхцсзт")
_CLUSTER = re.compile(r"[бвгджзклмнпрстфхцчшщьъ]{3}")

_consonant = st.sampled_from(CONSONANTS)
_onset = st.one_of(st.just(""), _consonant, st.tuples(_consonant, _consonant).map("".join))
_coda = st.one_of(st.just(""), st.just("й"), _consonant, _consonant.map(lambda letter: letter + "ь"))
_plain_syllable = st.tuples(_onset, st.sampled_from(VOWELS), _coda).map("".join)
_after_consonant = st.tuples(_consonant, st.sampled_from("ы" + VOWELS), _coda).map("".join)
_after_sign = st.tuples(_consonant, st.sampled_from("ьъ"), st.sampled_from(IOTATED), _coda).map("".join)
_syllable = st.one_of(_plain_syllable, _after_consonant, _after_sign)


def _realistic(word: str) -> bool:
    if _UNREALISTIC.search(word):
        return False
    return all(len(_HISSING_OR_HUSHING.intersection(cluster)) < 2 for cluster in _CLUSTER.findall(word))


def _valid_short_i(word: str) -> bool:
    # й follows a vowel, or starts a word before a vowel (Йошкар).
    return all(
        (index == 0 and word[1:2] in VOWELS) or (index > 0 and word[index - 1] in VOWELS + "ы")
        for index, letter in enumerate(word)
        if letter == "й"
    )


russian_words = (
    st.lists(_syllable, min_size=1, max_size=4)
    .map("".join)
    .filter(lambda word: len(word) > 1 and _realistic(word) and _valid_short_i(word))
)
