"""The same linkage on Spark (the `spark` extra) as on DuckDB: the same pairs, the same probabilities."""

import logging

import pytest

from bench.linkage_data import generate
from herzen.domain.linkage import feature_row, link_duckdb, link_spark

pytest.importorskip("pyspark", reason="the spark extra (pyspark) is installed by `make bootstrap`")


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from herzen.domain.linkage.engine import local_spark_session

    session = local_spark_session("local[2]", local_dir=str(tmp_path_factory.mktemp("spark")))
    session.sparkContext.setLogLevel("ERROR")
    logging.getLogger("py4j").setLevel(
        logging.ERROR
    )  # its goodbye would be logged after pytest closed the output
    yield session
    session.stop()


def _comparable(pairs):
    return [(pair.first_id, pair.second_id, round(pair.probability, 6), pair.levels) for pair in pairs]


def test_spark_finds_the_same_pairs_as_duckdb(spark):
    rows = [feature_row(item.record) for item in generate(60, seed=7, renderings=2)]
    on_duckdb = link_duckdb(rows, threshold=0.5)
    on_spark = link_spark(rows, threshold=0.5, spark=spark)
    assert len(on_duckdb) > 50
    assert _comparable(on_spark) == _comparable(on_duckdb)
