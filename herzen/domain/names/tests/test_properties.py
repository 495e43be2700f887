"""Invariants of the keys, checked on generated input."""

from hypothesis import given, settings
from hypothesis import strategies as st

from herzen.domain.names import Scheme, fold, name_keys, skeleton, transliterate
from herzen.domain.names.schemes import GENERATED_SCHEMES

from .examples import REAL_NAMES
from .strategies import russian_words


@settings(max_examples=400, deadline=None)
@given(russian_words, st.sampled_from(GENERATED_SCHEMES), st.booleans())
def test_every_scheme_keeps_the_skeleton_of_a_word(word: str, scheme: Scheme, title_case: bool) -> None:
    # Given
    cyrillic = word.capitalize() if title_case else word

    # When
    spelled = transliterate(cyrillic, scheme)

    # Then
    assert skeleton(spelled) == skeleton(cyrillic), spelled


@settings(max_examples=200, deadline=None)
@given(russian_words, st.sampled_from(GENERATED_SCHEMES))
def test_upper_case_spellings_share_a_key_with_the_word(word: str, scheme: Scheme) -> None:
    # Given a spelling in capitals, as passports and forms print it. German in capitals can look
    # like an MRZ copy (IWANOW), so its skeleton may differ, but one of its keys still matches.
    spelled = transliterate(word.upper(), scheme)

    # Then
    assert name_keys(spelled) & name_keys(word), spelled


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_keys_exist_exactly_for_text_with_letters_or_digits(text: str) -> None:
    keys = name_keys(text)

    assert bool(keys) == bool(fold(text))
    assert all(key.startswith(("f:", "s:")) for key in keys)


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_skeleton_never_fails(text: str) -> None:
    assert isinstance(skeleton(text), str)


def test_real_names_keep_their_skeleton_in_every_scheme() -> None:
    # Given real names, which the random words above only approximate
    for name in REAL_NAMES:
        for scheme in GENERATED_SCHEMES:
            # When
            spelled = transliterate(name, scheme)
            in_capitals = transliterate(name.upper(), scheme)

            # Then
            assert skeleton(spelled) == skeleton(name), (name, spelled)
            assert name_keys(in_capitals) & name_keys(name), (name, in_capitals)
