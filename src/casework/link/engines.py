"""The SQL engines Splink runs on: DuckDB in process, Spark for archives beyond one machine.

Both are created here and nowhere else, so that the three settings Spark needs
in local mode (the similarity jar, a checkpoint directory, few shuffle
partitions) are set once and the rest of the linkage code never asks which
engine it is talking to.
"""

from __future__ import annotations

import logging
import tempfile
from typing import Any

from casework.errors import LinkageError

log = logging.getLogger(__name__)

# Splink warns through its own loggers; without a handler Python would print them
# to stderr through its last-resort handler. An application that configures
# logging still receives them.
logging.getLogger("splink").addHandler(logging.NullHandler())

ENGINES = ("duckdb", "spark")

_spark_session: Any = None


def spark_session() -> Any:
    """One local Spark session per process (a JVM start costs seconds).

    Spark writes shuffle and checkpoint files to local disk in plaintext; use the
    Spark engine only on an encrypted volume (docs/linkage.md).
    """
    global _spark_session
    if _spark_session is not None:
        return _spark_session
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as err:
        raise LinkageError("engine spark: pyspark is not installed (pip install 'casework[spark]')") from err
    session = (
        SparkSession.builder.master("local[2]")
        .appName("casework-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="casework-spark-"))
    _spark_session = session
    return session


def database_api(engine: str) -> Any:
    """A fresh Splink database API for ``engine`` ("duckdb" or "spark")."""
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        # In memory, and never spilled: DuckDB's default spills to ./.tmp, which
        # would put mention fields in plaintext on disk.
        connection = duckdb.connect(":memory:", config={"temp_directory": ""})
        return DuckDBAPI(connection=connection)
    if engine == "spark":
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=spark_session())  # type: ignore[no-untyped-call]
    raise LinkageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
