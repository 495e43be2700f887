import random
from collections import Counter

import pytest

from herzen.domain.crypto import blind_index, derive_index_key, plan_index_bits

ROOT = bytes(range(32))


def test_index_keys_are_separate_per_index_and_values_are_deterministic() -> None:
    names, numbers = derive_index_key(ROOT, "person_name"), derive_index_key(ROOT, "document_number")
    assert names != numbers
    assert blind_index(names, "shchukina", 12) == blind_index(names, "shchukina", 12)
    assert len(blind_index(names, "shchukina", 12)) == 3
    assert int(blind_index(names, "shchukina", 9), 16) < 2**9


def test_the_plan_follows_ciphersweet_bounds() -> None:
    for population in (1_000, 5_000, 50_000, 500_000):
        plan = plan_index_bits(population)
        assert plan.bits <= plan.ciphersweet_max_bits
        assert plan.population / 2**plan.bits >= 2
        assert plan.expected_lonely_values <= 0.01
        # one more bit would break the "every value shared" rule: the plan takes the longest safe index
        assert plan_index_bits(population).bits < plan.ciphersweet_max_bits + 1
    assert plan_index_bits(50_000).bits > plan_index_bits(1_000).bits
    with pytest.raises(ValueError, match="Too few values"):
        plan_index_bits(3)


@pytest.mark.parametrize("population", [800, 1_600, 8_000])
def test_at_the_planned_bits_every_index_value_is_shared(population: int) -> None:
    rng = random.Random(population)
    key = derive_index_key(bytes(rng.randrange(256) for _ in range(32)), "x")
    bits = plan_index_bits(population).bits
    buckets = Counter(blind_index(key, f"value-{i}", bits) for i in range(population))
    assert min(buckets.values()) >= 2
