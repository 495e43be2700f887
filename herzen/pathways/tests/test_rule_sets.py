"""Every shipped pathway has a shipped rule set under the same code (the pathway codes are the source of
truth), and each loads: its criteria use only facts of the screening vocabulary."""

import pytest

from herzen.domain.rules import SHIPPED_RULE_SET_CODES, VOCABULARY, facts_of, shipped_rule_set
from herzen.domain.workflow import SHIPPED


def test_the_rule_sets_are_exactly_the_pathways():
    assert sorted(SHIPPED_RULE_SET_CODES) == sorted(pathway.code for pathway in SHIPPED)


@pytest.mark.parametrize("code", [pathway.code for pathway in SHIPPED])
def test_every_pathway_has_a_rule_set_that_loads_under_its_code(code):
    rule_set = shipped_rule_set(code)
    assert rule_set.id == code
    assert rule_set.version
    used = {name for criterion in rule_set.criteria for name in facts_of(criterion.condition)}
    assert used
    assert used <= set(VOCABULARY)
