"""Priority: explained contributions that add up to the score, bands, dated deadlines, weights as data."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.risk import (
    DEFAULT_PRIORITY_WEIGHTS,
    DEFAULT_PRIORITY_WEIGHTS_DOCUMENT,
    CriminalStage,
    PriorityBand,
    PriorityDeadlineKind,
    PriorityWeightsError,
    RiskFactorFacts,
    RiskFactorKind,
    Vulnerability,
    WantedScope,
    assess_priority,
    load_priority_weights,
)

TODAY = date(2026, 11, 23)
W = DEFAULT_PRIORITY_WEIGHTS


def rules(priority: Any) -> dict[str, int]:
    return {c.rule: c.points for c in priority.contributions}


def test_a_criminal_case_weighs_by_stage_and_anti_war_article() -> None:
    accused = RiskFactorFacts(
        RiskFactorKind.CRIMINAL_CASE, criminal_article="207.3", criminal_stage=CriminalStage.ACCUSED
    )
    priority = assess_priority([accused], as_of=TODAY)
    assert rules(priority) == {
        "criminal_case.stage": W.criminal_stage[CriminalStage.ACCUSED],
        "criminal_case.anti_war_article": W.anti_war_article,
    }
    other_article = RiskFactorFacts(
        RiskFactorKind.CRIMINAL_CASE, criminal_article="159", criminal_stage=CriminalStage.ACCUSED
    )
    assert assess_priority([other_article], as_of=TODAY).score < priority.score


def test_the_strongest_factor_of_a_kind_counts_and_the_others_are_listed_at_zero() -> None:
    suspect = RiskFactorFacts(RiskFactorKind.CRIMINAL_CASE, "s", criminal_stage=CriminalStage.SUSPECT)
    absentia = RiskFactorFacts(
        RiskFactorKind.CRIMINAL_CASE, "a", criminal_stage=CriminalStage.CONVICTED_IN_ABSENTIA
    )
    priority = assess_priority([suspect, absentia], as_of=TODAY)
    assert priority.score == W.criminal_stage[CriminalStage.CONVICTED_IN_ABSENTIA]
    outweighed = [c for c in priority.contributions if c.reference == "s"]
    assert [(c.rule, c.points) for c in outweighed] == [("criminal_case.already_counted", 0)]


def test_distinct_vulnerabilities_each_count() -> None:
    minor = RiskFactorFacts(RiskFactorKind.VULNERABILITY, vulnerability=Vulnerability.MINOR)
    health = RiskFactorFacts(RiskFactorKind.VULNERABILITY, vulnerability=Vulnerability.HEALTH)
    priority = assess_priority([minor, health], as_of=TODAY)
    assert priority.score == W.vulnerability[Vulnerability.MINOR] + W.vulnerability[Vulnerability.HEALTH]


@pytest.mark.parametrize(("country", "exposed"), [("KZ", True), ("kg", True), ("GE", False), ("", False)])
def test_an_interstate_wanted_listing_in_kazakhstan_or_kyrgyzstan_adds_extradition_exposure(
    country: str, exposed: bool
) -> None:
    wanted = RiskFactorFacts(RiskFactorKind.WANTED_LIST, wanted_scope=WantedScope.INTERSTATE)
    priority = assess_priority([wanted], as_of=TODAY, current_country=country)
    assert ("extradition_exposure.country" in rules(priority)) is exposed
    domestic = RiskFactorFacts(RiskFactorKind.WANTED_LIST, wanted_scope=WantedScope.DOMESTIC)
    assert "extradition_exposure.country" not in rules(
        assess_priority([domestic], as_of=TODAY, current_country="KZ")
    )


def test_a_summons_is_dated_and_weighs_more_once_deemed_served() -> None:
    posted = TODAY - timedelta(days=3)
    summons = RiskFactorFacts(RiskFactorKind.MOBILISATION_SUMMONS, "m", occurred_on=posted)
    before = assess_priority([summons], as_of=TODAY)
    assert [(d.kind, d.on) for d in before.deadlines] == [
        (PriorityDeadlineKind.SUMMONS_DEEMED_SERVED, posted + timedelta(days=7)),
        (PriorityDeadlineKind.SUMMONS_FURTHER_RESTRICTIONS, posted + timedelta(days=20)),
    ]
    assert before.next_deadline == posted + timedelta(days=7)
    after = assess_priority([summons], as_of=posted + timedelta(days=7))
    assert after.score == before.score + W.summons_deemed_served
    assert after.next_deadline == posted + timedelta(days=7)  # served today
    later = assess_priority([summons], as_of=posted + timedelta(days=8))
    assert later.next_deadline == posted + timedelta(days=20)


def test_the_stay_clock_adds_points_as_it_runs_out_and_an_overstay_stays_the_next_deadline() -> None:
    far = assess_priority([], as_of=TODAY, stay_deadline=TODAY + timedelta(days=200))
    soon = assess_priority([], as_of=TODAY, stay_deadline=TODAY + timedelta(days=5))
    passed = assess_priority([], as_of=TODAY, stay_deadline=TODAY - timedelta(days=2))
    assert far.score == 0
    assert 0 < soon.score < passed.score
    assert passed.next_deadline == TODAY - timedelta(days=2)
    assert [d.kind for d in passed.deadlines] == [PriorityDeadlineKind.STAY_LIMIT]


def test_bands_follow_the_configured_thresholds() -> None:
    nothing = assess_priority([], as_of=TODAY)
    assert (nothing.score, nothing.band) == (0, PriorityBand.LOW)
    grave = [
        RiskFactorFacts(RiskFactorKind.CRIMINAL_CASE, criminal_stage=CriminalStage.CONVICTED_IN_ABSENTIA),
        RiskFactorFacts(RiskFactorKind.WANTED_LIST, wanted_scope=WantedScope.INTERPOL),
    ]
    assert assess_priority(grave, as_of=TODAY).band is PriorityBand.CRITICAL
    lenient = load_priority_weights({"bands": {"critical": 500, "high": 400, "medium": 300}})
    assert assess_priority(grave, as_of=TODAY, weights=lenient).band is PriorityBand.LOW


def test_weights_are_data_merged_over_the_defaults() -> None:
    weights = load_priority_weights(
        {"version": "ngo-x-1", "foreign_agent": 60, "criminal_case": {"anti_war_article": 0}}
    )
    assert weights.version == "ngo-x-1"
    assert weights.foreign_agent == 60
    assert weights.anti_war_article == 0
    assert weights.criminal_stage == W.criminal_stage  # untouched parts keep their defaults
    agent = RiskFactorFacts(RiskFactorKind.FOREIGN_AGENT)
    assert assess_priority([agent], as_of=TODAY, weights=weights).score == 60
    assert (
        DEFAULT_PRIORITY_WEIGHTS_DOCUMENT["foreign_agent"] == W.foreign_agent
    )  # the defaults are not mutated


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ({"foreign_agnet": 10}, "foreign_agnet"),
        ({"foreign_agent": -1}, "foreign_agent"),
        ({"foreign_agent": True}, "foreign_agent"),
        ({"criminal_case": {"stage": {"witness": 1}}}, "criminal_case.stage"),
        ({"wanted_list": {"domestic": "high"}}, "wanted_list.domestic"),
        ({"extradition_exposure": {"countries": ["Kazakhstan"]}}, "extradition_exposure.countries"),
        (
            {"stay_deadline": [{"days_left_at_most": 7, "points": 5}, {"days_left_at_most": 3, "points": 9}]},
            "stay_deadline[1]",
        ),
        ({"bands": {"critical": 10, "high": 50, "medium": 25}}, "bands"),
    ],
)
def test_a_malformed_weights_document_is_refused_naming_the_key(document: dict[str, Any], named: str) -> None:
    with pytest.raises(PriorityWeightsError, match=named.replace("[", r"\[").replace("]", r"\]")):
        load_priority_weights(document)


# --- Properties -------------------------------------------------------------------------------------------------

factor_strategy = st.builds(
    RiskFactorFacts,
    kind=st.sampled_from(RiskFactorKind),
    reference=st.text(alphabet="abcdef", max_size=3),
    criminal_article=st.sampled_from(["", "207.3", "280.3", "159", "275"]),
    criminal_stage=st.one_of(st.none(), st.sampled_from(CriminalStage)),
    wanted_scope=st.one_of(st.none(), st.sampled_from(WantedScope)),
    vulnerability=st.one_of(st.none(), st.sampled_from(Vulnerability)),
    occurred_on=st.one_of(st.none(), st.dates(date(2022, 1, 1), date(2027, 1, 1))),
)
weights_strategy = st.builds(
    lambda agent, critical: load_priority_weights({"foreign_agent": agent, "bands": {"critical": critical}}),
    st.integers(0, 200),
    st.integers(51, 300),
)


@given(
    factors=st.lists(factor_strategy, max_size=8),
    stay_days=st.one_of(st.none(), st.integers(-30, 400)),
    country=st.sampled_from(["", "KZ", "KG", "GE", "TR"]),
    weights=weights_strategy,
)
def test_the_explanation_adds_up_exactly_to_the_score(
    factors: list[RiskFactorFacts], stay_days: int | None, country: str, weights: Any
) -> None:
    stay = TODAY + timedelta(days=stay_days) if stay_days is not None else None
    priority = assess_priority(
        factors, as_of=TODAY, stay_deadline=stay, current_country=country, weights=weights
    )
    assert sum(c.points for c in priority.contributions) == priority.score
    assert priority.to_document()["score"] == sum(
        c["points"] for c in priority.to_document()["contributions"]
    )
    # Every factor is accounted for in the explanation, counted or not.
    assert {f.reference for f in factors} <= {c.reference for c in priority.contributions}
    assert all(c.points >= 0 for c in priority.contributions)
    assert list(priority.deadlines) == sorted(
        priority.deadlines, key=lambda d: (d.on, d.kind.value, d.reference)
    )


@given(factors=st.lists(factor_strategy, max_size=6), extra=factor_strategy)
def test_a_further_factor_never_lowers_the_score_and_order_does_not_matter(
    factors: list[RiskFactorFacts], extra: RiskFactorFacts
) -> None:
    base = assess_priority(factors, as_of=TODAY)
    assert assess_priority([*factors, extra], as_of=TODAY).score >= base.score
    assert assess_priority(list(reversed(factors)), as_of=TODAY).score == base.score


def test_registration_deadline_adds_points_and_is_the_next_deadline() -> None:
    # given a registration due in 2 days and a stay limit in 40 days
    as_of = date(2026, 3, 10)

    # when
    priority = assess_priority(
        [], as_of=as_of, stay_deadline=date(2026, 4, 19), registration_deadline=date(2026, 3, 12)
    )

    # then the registration counts with its own line and is what falls due first
    line = next(c for c in priority.contributions if c.source == "registration_deadline")
    assert line.value == "2"
    assert line.points == 15
    assert priority.next_deadline == date(2026, 3, 12)
    assert sum(c.points for c in priority.contributions) == priority.score


def test_a_missed_registration_stays_the_next_deadline() -> None:
    # when
    priority = assess_priority([], as_of=date(2026, 3, 20), registration_deadline=date(2026, 3, 12))

    # then
    assert priority.next_deadline == date(2026, 3, 12)
    assert priority.score == 20


def test_armenia_is_an_extradition_exposure_country() -> None:
    # given
    wanted = RiskFactorFacts(kind=RiskFactorKind.WANTED_LIST, wanted_scope=WantedScope.INTERSTATE)

    # when
    priority = assess_priority([wanted], as_of=date(2026, 3, 1), current_country="AM")

    # then
    assert any(c.source == "extradition_exposure" and c.value == "AM" for c in priority.contributions)


def test_summons_restrictions_count_from_the_appearance_date() -> None:
    # given a summons posted on 1 March to appear on 15 March
    summons = RiskFactorFacts(
        kind=RiskFactorKind.MOBILISATION_SUMMONS,
        occurred_on=date(2026, 3, 1),
        appearance_on=date(2026, 3, 15),
    )

    # when
    priority = assess_priority([summons], as_of=date(2026, 3, 2))

    # then deemed served 8 March; restrictions 20 days after the appearance date: 4 April
    dates = {d.kind.value: d.on for d in priority.deadlines}
    assert dates["summons_deemed_served"] == date(2026, 3, 8)
    assert dates["summons_further_restrictions"] == date(2026, 4, 4)
