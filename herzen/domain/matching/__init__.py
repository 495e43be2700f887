"""Matching admitted households to homes, host places and jobs: score, solve, validate, explain (issue 17)."""

from herzen.domain.matching.eligibility import Rule, blocking_rule, eligible
from herzen.domain.matching.explain import Alternative, Explanation, explain
from herzen.domain.matching.model import Household, Instance, Job, Offer, OfferKind, Placement, Plan, Tie
from herzen.domain.matching.plan import DynamicResult, PlanRefused, Result, make_dynamic_plan, make_plan
from herzen.domain.matching.scoring import EmploymentModel, Part, Score, ScorePart, score
from herzen.domain.matching.validator import Violation, validate, violations_by_rule

__all__ = [
    "Alternative",
    "DynamicResult",
    "EmploymentModel",
    "Explanation",
    "Household",
    "Instance",
    "Job",
    "Offer",
    "OfferKind",
    "Part",
    "Placement",
    "Plan",
    "PlanRefused",
    "Result",
    "Rule",
    "Score",
    "ScorePart",
    "Tie",
    "Violation",
    "blocking_rule",
    "eligible",
    "explain",
    "make_dynamic_plan",
    "make_plan",
    "score",
    "validate",
    "violations_by_rule",
]
