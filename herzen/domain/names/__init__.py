"""Names of people across scripts and romanisation schemes.

One person has one canonical Cyrillic name and many Latin spellings: passports of three eras,
German registries, press transcriptions and copies of the internal passport's machine-readable
zone. This package generates those spellings and produces lookup keys under which all of them
meet. It proposes candidates only; deciding that two records are one person is the caller's job.

Plain Python: no Django, no other Herzen package; iuliia supplies the schemes it implements.
"""

from .keys import name_keys, person_name_keys, query_keys
from .schemes import SCHEME_LABELS, FullName, Scheme
from .scripts import is_cyrillic, is_latin
from .skeleton import fold, skeleton
from .transliteration import expected_spellings, transliterate

__all__ = [
    "SCHEME_LABELS",
    "FullName",
    "Scheme",
    "expected_spellings",
    "fold",
    "is_cyrillic",
    "is_latin",
    "name_keys",
    "person_name_keys",
    "query_keys",
    "skeleton",
    "transliterate",
]
