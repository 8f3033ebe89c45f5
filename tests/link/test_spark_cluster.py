"""Linkage on a real Spark standalone cluster (master and worker on loopback) gives DuckDB's incidents.

The cluster is started as an operator would start one (``spark-class``, its own
environment); the desk's process holds ``CASEWORK_PASSPHRASE``, which must reach
neither the driver JVM nor the executors.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import casework.link.linkage as linkage_module
from casework.link import link_mentions, read_mentions_lines
from casework.link.engines import SparkEngine
from casework.model import Mention
from conftest import need_shared
from spark_cluster import can_run, environment, loopback_cluster

pytestmark = pytest.mark.spark

SECRET = "cluster test passphrase 4417 never in a JVM"


def _gold_mentions() -> list[Mention]:
    """The development corpus's gold mentions, each with its testimony's source."""
    gold = need_shared("corpus", "gold")
    testimonies = [json.loads(line) for line in (gold / "testimonies.jsonl").read_text().splitlines() if line]
    source = {t["testimony"]: t["source"] for t in testimonies}
    lines = []
    for line in (gold / "incidents.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            lines.append(json.dumps({**record, "source": source[record["testimony"]]}))
    return read_mentions_lines(lines, "incidents.jsonl")


def test_corpus_links_on_a_standalone_cluster_as_on_duckdb(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = can_run()
    if reason:
        pytest.skip(reason)
    mentions = _gold_mentions()
    on_duckdb = link_mentions(mentions)
    monkeypatch.setenv("CASEWORK_PASSPHRASE", SECRET)
    with loopback_cluster(workers=1, cores=1) as cluster:
        seen: dict[int, dict[str, str]] = {}
        collect = linkage_module._prediction_columns

        def collect_and_look(*args: Any) -> Any:
            # While the application runs, its executors are alive: record what they were started with.
            for pid in cluster.executor_pids():
                seen[pid] = environment(pid)
            return collect(*args)

        monkeypatch.setattr(linkage_module, "_prediction_columns", collect_and_look)
        engine = SparkEngine(master=cluster.master_url)
        on_cluster = link_mentions(mentions, engine=engine, model_json=on_duckdb.model_json)
    assert seen, "no executor ran on the cluster"
    assert all(SECRET not in value for env in seen.values() for value in env.values())
    assert on_cluster.assignment == on_duckdb.assignment
    assert len(on_cluster.incidents) < len(mentions)
    duck = {(p.mention_a, p.mention_b): p.match_probability for p in on_duckdb.pairs}
    spark = {(p.mention_a, p.mention_b): p.match_probability for p in on_cluster.pairs}
    assert duck.keys() == spark.keys()
    assert all(abs(duck[k] - spark[k]) < 1e-9 for k in duck)
