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

__all__ = [
    "APPLICATION_ID",
    "COLUMNS",
    "DECISION_COLUMNS",
    "FIRST_DATA_LINE",
    "Cell",
    "Column",
    "DecisionRow",
    "FormatError",
    "Problem",
    "RowProblem",
    "build_table",
    "parse_decisions",
    "safe_text",
]
