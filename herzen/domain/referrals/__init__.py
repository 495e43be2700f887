"""The list an NGO hands an authority, and the decisions the authority hands back, as plain tables."""

from herzen.domain.referrals.table import (
    APPLICATION_ID,
    COLUMNS,
    DECISION_COLUMNS,
    FIRST_DATA_LINE,
    Cell,
    Column,
    DecisionRow,
    FormatError,
    Problem,
    RowProblem,
    build_table,
    parse_decisions,
    safe_text,
)
from herzen.domain.referrals.vocabulary import (
    NEGATIVE_EXAMPLES,
    POSITIVE_EXAMPLES,
    Intent,
    Resolution,
    intent_of_move,
    resolve_decision,
    same_decision,
)

__all__ = [
    "APPLICATION_ID",
    "COLUMNS",
    "DECISION_COLUMNS",
    "FIRST_DATA_LINE",
    "NEGATIVE_EXAMPLES",
    "POSITIVE_EXAMPLES",
    "Cell",
    "Column",
    "DecisionRow",
    "FormatError",
    "Intent",
    "Problem",
    "Resolution",
    "RowProblem",
    "build_table",
    "intent_of_move",
    "parse_decisions",
    "resolve_decision",
    "safe_text",
    "same_decision",
]
