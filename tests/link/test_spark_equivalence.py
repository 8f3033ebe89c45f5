"""The same model gives the same incidents on DuckDB and on Spark (local mode, one JVM)."""

from __future__ import annotations

import random
import shutil

import pytest

from casework.link import link_mentions
from casework.model import Mention

from .mentions_factory import mention

pytestmark = pytest.mark.spark

PLACES = [("North Hamgyong", "Hoeryong"), ("Ryanggang", "Hyesan"), ("Chagang", "Manpo"), ("Kangwon", "Wonsan")]
TYPES = ["arrest", "execution", "extortion_or_bribery", "forced_repatriation", "surveillance"]
WORDS = ["market", "phone", "bridge", "yuan", "broker", "river", "factory", "students", "drama", "copper", "boat"]


def _desk(seed: int = 11) -> list[Mention]:
    """About 60 invented mentions of 25 incidents, each told by one to four sources."""
    rng = random.Random(seed)
    out: list[Mention] = []
    testimony = 0
    for incident in range(25):
        province, county = PLACES[incident % len(PLACES)]
        kind = TYPES[incident % len(TYPES)]
        day = f"20{16 + incident % 8}-{1 + incident % 12:02d}-{1 + (incident * 7) % 27:02d}"
        detail = " ".join(rng.sample(WORDS, 4))
        for telling in range(rng.choice([1, 2, 2, 3, 4])):
            testimony += 1
            out.append(
                mention(
                    f"m{incident:02d}-{telling}",
                    f"t{testimony:03d}",
                    f"S{rng.randrange(30):02d}",
                    type=kind,
                    date=day if telling % 2 == 0 else day[:7],
                    province=province,
                    county=county if telling != 2 else None,
                    count=incident % 5 + 1 + (telling == 3),
                    description=f"people of the {detail.split()[0]} case",
                    evidence=f"they were taken over the {detail} affair",
                )
            )
    return out


@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed")
def test_duckdb_and_spark_give_the_same_incidents() -> None:
    pytest.importorskip("pyspark")
    desk = _desk()
    assert 50 <= len(desk) <= 100
    on_duckdb = link_mentions(desk, threshold=0.5)
    on_spark = link_mentions(desk, engine="spark", model_json=on_duckdb.model_json, threshold=0.5)
    assert len(set(on_duckdb.assignment.values())) < len(desk)
    assert on_spark.assignment == on_duckdb.assignment
    duck = {(p.mention_a, p.mention_b): p.match_probability for p in on_duckdb.pairs}
    spark = {(p.mention_a, p.mention_b): p.match_probability for p in on_spark.pairs}
    assert duck.keys() == spark.keys()
    assert all(abs(duck[k] - spark[k]) < 1e-9 for k in duck)
