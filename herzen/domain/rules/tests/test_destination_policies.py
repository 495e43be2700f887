"""The shipped rule sets follow each destination's stated policy (issue 20): where the person may be, how a
mobilisation summons counts, Germany's public-activity criterion of August 2025, and the sources cited."""

from datetime import date

import pytest

from herzen.domain.provenance import Verified
from herzen.domain.rules import SHIPPED_RULE_SET_CODES, Outcome, Recommendation, evaluate, shipped_rule_set

TODAY = date(2026, 12, 7)
# Everything a German admission needs except what each test varies.
BASE = {
    "declares_borders_of_1992": True,
    "declares_destalinisation_and_deimperialisation": True,
    "risk_is_documented": True,
    "has_vouching_organisation": True,
    "has_valid_passport": True,
    "civil_society_roles": frozenset({"journalist"}),
    "years_of_public_activity": 6,
}


def outcome_of(code: str, facts: dict[str, object], criterion: str) -> Outcome:
    result = evaluate(shipped_rule_set(code), facts, as_of=TODAY)
    return next(c.outcome for c in result.criteria if c.criterion_id == criterion)


@pytest.mark.parametrize("code", ["de_22_2", "fr_asylum_visa"])
def test_a_person_still_in_russia_is_not_refused_where_the_destination_admits_from_russia(code: str) -> None:
    # given a person in Russia with a criminal case
    facts = {**BASE, "risk_factor_kinds": frozenset({"criminal_case"}), "is_outside_russia": False}

    # when
    result = evaluate(shipped_rule_set(code), facts, as_of=TODAY)

    # then nothing in the rule set asks where the person is
    assert all(c.criterion_id != "outside_russia" for c in result.criteria)
    assert result.recommendation is Recommendation.ELIGIBLE


@pytest.mark.parametrize("code", ["cz_civil_society", "lv_humanitarian_visa", "lt_humanitarian_visa"])
def test_being_in_russia_is_no_hard_condition_anywhere_the_sources_do_not_state_one(code: str) -> None:
    # when / then
    criterion = next(c for c in shipped_rule_set(code).criteria if c.id == "outside_russia")
    assert criterion.required is False


@pytest.mark.parametrize("code", ["de_22_2", "lv_humanitarian_visa"])
def test_a_mobilisation_summons_alone_is_not_individual_danger_in_germany_and_latvia(code: str) -> None:
    # when
    alone = outcome_of(
        code, {**BASE, "risk_factor_kinds": frozenset({"mobilisation_summons"})}, "individual_danger"
    )
    with_case = outcome_of(
        code,
        {**BASE, "risk_factor_kinds": frozenset({"mobilisation_summons", "criminal_case"})},
        "individual_danger",
    )

    # then
    assert alone is Outcome.NOT_MET
    assert with_case is Outcome.MET


def test_lithuania_assesses_a_summons_case_by_case() -> None:
    # given
    facts = {**BASE, "risk_factor_kinds": frozenset({"mobilisation_summons"})}

    # when
    result = evaluate(shipped_rule_set("lt_humanitarian_visa"), facts, as_of=TODAY)
    by_id = {c.criterion_id: c for c in result.criteria}

    # then the summons counts as danger, and the line saying it needs an individual assessment is not met
    assert by_id["individual_danger"].outcome is Outcome.MET
    assert by_id["summons_case_by_case"].outcome is Outcome.NOT_MET
    assert by_id["summons_case_by_case"].required is False


def test_germany_requires_years_of_public_work_since_the_august_2025_resumption() -> None:
    # given
    danger = {**BASE, "risk_factor_kinds": frozenset({"foreign_agent"})}

    # when
    long_record = outcome_of("de_22_2", danger, "public_activity")
    short_record = outcome_of("de_22_2", {**danger, "years_of_public_activity": 1}, "public_activity")
    not_known = outcome_of(
        "de_22_2", {k: v for k, v in danger.items() if k != "years_of_public_activity"}, "public_activity"
    )

    # then
    assert long_record is Outcome.MET
    assert short_record is Outcome.NOT_MET
    assert not_known is Outcome.UNKNOWN


@pytest.mark.parametrize("code", SHIPPED_RULE_SET_CODES)
def test_every_rule_set_cites_its_sources(code: str) -> None:
    # when
    note = shipped_rule_set(code).source_note

    # then
    assert note.sources, code
    assert all(source.url.startswith("http") for source in note.sources)
    if note.verified is not Verified.UNVERIFIED:
        assert note.last_checked is not None
