"""Running the linkage model in memory: DuckDB in this process by default, Spark for more than one machine.

DuckDB is opened in memory with no temporary directory and no temporary space, so a query that would spill
decrypted values to disk fails with an out-of-memory error instead (tested: herzen/identity/tests).
"""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
from splink import Linker

from .model import (
    CONTRADICTING_LEVELS,
    CORROBORATING_LEVELS,
    FULL_NAME_LEVELS,
    LEVELS,
    NAMES_ONLY,
    NAMES_ONLY_CEILING,
    NAMES_WEAK_CEILING,
    level_of_weight,
    prior_for,
    settings,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CandidatePair:
    """Two persons that may be one, the lower id first; `levels` says how each comparison came out."""

    first_id: str
    second_id: str
    probability: float
    levels: tuple[str, ...]


def _levels_of(row: dict[str, Any]) -> tuple[str, ...]:
    levels = (level_of_weight(name, float(row.get(f"mw_{name}") or 0)) for name in LEVELS)
    return tuple(level for level in levels if level)


def _names_only_ceiling(levels: tuple[str, ...]) -> float:
    names = [level for level in levels if level.startswith(("surname:", "given_name:", "patronymic:"))]
    agree = len(names) >= 2 and all(level in FULL_NAME_LEVELS for level in names)
    if agree and not CONTRADICTING_LEVELS.intersection(levels):
        return NAMES_ONLY_CEILING
    return NAMES_WEAK_CEILING


def _pairs(records: Iterable[dict[str, Any]], threshold: float) -> list[CandidatePair]:
    """The pairs at or above `threshold`. A pair that only its names support (no date of birth, document or
    contact agrees) is never more likely than NAMES_ONLY_CEILING, and says so: namesakes look exactly like it;
    with a name a letter apart, or an identifier that differs, it stays below the queue (NAMES_WEAK_CEILING)."""
    pairs = []
    for row in records:
        first, second = sorted((str(row["unique_id_l"]), str(row["unique_id_r"])))
        probability, levels = float(row["match_probability"]), _levels_of(row)
        if not CORROBORATING_LEVELS.intersection(levels):
            ceiling = _names_only_ceiling(levels)
            probability, levels = min(probability, ceiling), (*levels, NAMES_ONLY)
        if probability >= threshold:
            pairs.append(CandidatePair(first, second, probability, levels))
    return sorted(pairs, key=lambda pair: (pair.first_id, pair.second_id))


def in_memory_duckdb(*, threads: int | None = None, memory_limit: str | None = None) -> Any:
    """A DuckDB connection that keeps everything in memory: no database file, no spill files."""
    config: dict[str, Any] = {"temp_directory": "", "max_temp_directory_size": "0B"}
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    return duckdb.connect(":memory:", config=config)


def link_duckdb(
    rows: Sequence[dict[str, object]],
    *,
    threshold: float,
    threads: int | None = None,
    memory_limit: str | None = None,
    progress: Progress | None = None,
) -> list[CandidatePair]:
    """The pairs of `rows` (herzen.domain.linkage.feature_row) at or above `threshold`."""
    from splink.backends.duckdb import DuckDBAPI

    if len(rows) < 2:
        return []
    connection = in_memory_duckdb(threads=threads, memory_limit=memory_limit)
    try:
        db_api = DuckDBAPI(connection=connection)
        table = db_api.register(list(rows), dataset_display_name="persons")
        return _predict(table, prior_for(rows), threshold, progress)
    finally:
        connection.close()


def _predict(table: Any, prior: float, threshold: float, progress: Progress | None) -> list[CandidatePair]:
    if progress:
        progress(1, 3)
    linker = Linker(table, settings(prior), log_level=logging.WARNING)
    if progress:
        progress(2, 3)
    predictions = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    records = predictions.as_record_list()
    pairs = _pairs(records, threshold)
    if progress:
        progress(3, 3)
    return pairs


def spark_schema() -> Any:
    from pyspark.sql import types

    text, texts = types.StringType(), types.ArrayType(types.StringType())
    columns = {
        "unique_id": text,
        "surname_cyr": text,
        "surname_sk": text,
        "surname_keys": texts,
        "given_cyr": text,
        "given_sk": text,
        "given_keys": texts,
        "patronymic_sk": text,
        "patronymic_keys": texts,
        "sex": text,
        "dob": text,
        "documents": texts,
        "document_first": text,
        "contacts": texts,
        "contact_first": text,
        "citizenships": texts,
    }
    return types.StructType([types.StructField(name, kind, True) for name, kind in columns.items()])


def link_spark(
    rows: Sequence[dict[str, object]], *, threshold: float, spark: Any, progress: Progress | None = None
) -> list[CandidatePair]:
    """The same linkage on a Spark session (the `spark` extra: pyspark). Spark keeps its own working files
    in spark.local.dir; docs/linkage.md says how to run it where that is acceptable."""
    from splink.backends.spark import SparkAPI

    if len(rows) < 2:
        return []
    frame = spark.createDataFrame(
        [tuple(row[name] for name in spark_schema().names) for row in rows], spark_schema()
    )
    db_api = SparkAPI(spark_session=spark, break_lineage_method="persist")  # type: ignore[no-untyped-call]
    table = db_api.register(frame, dataset_display_name="persons")
    return _predict(table, prior_for(rows), threshold, progress)


def local_spark_session(master: str = "local[2]", *, local_dir: str | None = None) -> Any:
    """A Spark session with what Splink's Spark backend needs: its string-similarity functions (a jar shipped
    in the splink package) and few shuffle partitions for a small cluster. On a real cluster pass its master
    URL, and point `local_dir` at encrypted scratch space (Spark writes shuffle files there)."""
    import os
    import sys

    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    # Spark's Python workers run this interpreter, with the same packages, not whatever `python3` is first.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("herzen-linkage")
        .config("spark.ui.enabled", "false")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
    )
    if local_dir:
        builder = builder.config("spark.local.dir", local_dir)
    return builder.getOrCreate()
