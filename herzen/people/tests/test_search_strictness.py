"""Reading a query in every language's spelling must not bring strangers: over the demo population (seed 1917),
every person searched by their name as each family writes it finds them, and nobody with another name
(namesakes are no strangers). The same measurement, at a larger scale, is bench/search_recall.py."""

from bench.search_recall import measure


def test_other_languages_readings_find_the_person_and_no_stranger():
    result = measure(households=60)

    for family, figures in result["details"]["families"].items():
        assert figures["recall"] >= 0.98, (family, figures["misses_sample"])
        assert figures["strangers_per_query"] <= 0.005, family
        # Near misses widen the net only a little: under one stranger per hundred typed queries.
        if figures["typo_strangers_per_query"] is not None:
            assert figures["typo_strangers_per_query"] <= 0.02, family
