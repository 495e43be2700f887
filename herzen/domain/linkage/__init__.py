"""Record linkage of one organisation's persons (issue 16): Fellegi–Sunter through Splink.

`features` turns a person, already decrypted by the caller, into one row of comparable values (phonetic keys
of every spelling from herzen.domain.names, normalised documents and contacts); `model` holds the linkage
model as data (comparisons, fixed m and u probabilities, blocking rules); `engine` runs it in memory, on an
in-process DuckDB that may not spill to disk, or on Spark. It proposes pairs only: merging is a caseworker's.

Plain Python: no Django, no other Herzen package than herzen.domain.names.
"""

from .engine import CandidatePair, link_duckdb, link_spark
from .features import PersonRecord, feature_row
from .model import AGREEMENT_LEVELS, CORROBORATING_LEVELS, DEFAULT_THRESHOLD, NAMES_ONLY

__all__ = [
    "AGREEMENT_LEVELS",
    "CORROBORATING_LEVELS",
    "DEFAULT_THRESHOLD",
    "NAMES_ONLY",
    "CandidatePair",
    "PersonRecord",
    "feature_row",
    "link_duckdb",
    "link_spark",
]
