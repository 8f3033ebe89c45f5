"""Choosing the engine: --engine / --spark-master / SPARK_REMOTE, and the settings a Spark run always gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.errors import LinkageError
from casework.link.engines import LOCAL_MASTER, SparkEngine, engine_from_options, linkage_engine


def test_engine_options() -> None:
    assert engine_from_options("duckdb") == "duckdb"
    assert engine_from_options("spark") == SparkEngine()
    assert engine_from_options("spark", "spark://10.0.0.5:7077") == SparkEngine(master="spark://10.0.0.5:7077")
    with pytest.raises(LinkageError, match="--spark-master needs --engine spark"):
        engine_from_options("duckdb", "spark://10.0.0.5:7077")


def test_spark_defaults_to_spark_connect_when_spark_remote_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPARK_REMOTE", raising=False)
    assert SparkEngine().resolved() == SparkEngine(master=LOCAL_MASTER)
    monkeypatch.setenv("SPARK_REMOTE", "sc://127.0.0.1:15002")
    assert SparkEngine().resolved() == SparkEngine(remote="sc://127.0.0.1:15002")
    assert SparkEngine(master="spark://h:7077").resolved().master == "spark://h:7077"


def test_spark_master_without_spark_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["link", "--mentions", str(path), "--spark-master", "spark://127.0.0.1:7077"])
    assert result.exit_code == 2
    assert result.stderr == "error: --spark-master needs --engine spark\n"


def test_duckdb_engine_is_closed_after_use() -> None:
    with linkage_engine("duckdb") as api:
        api.duckdb_con.execute("select 1")
    with pytest.raises(Exception, match="closed"):
        api.duckdb_con.execute("select 1")


def test_unknown_engine() -> None:
    with pytest.raises(LinkageError, match="unknown engine"), linkage_engine("sqlite"):
        pass
