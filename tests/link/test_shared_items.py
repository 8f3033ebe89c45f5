"""The cheap shared-items level counts what Splink's array intersection counts, on duplicate-free lists."""

from __future__ import annotations

import random

import duckdb
import pyarrow as pa
from splink.internals.comparison_level_library import ArrayIntersectLevel
from splink.internals.dialects import SplinkDialect

from casework.link.features import mention_table
from casework.link.shared_items import SharedItemsLevel

from .mentions_factory import mention, small_desk


def _levels_hold(sql_for: type[ArrayIntersectLevel], lists: list[tuple[list[str] | None, list[str] | None]]) -> list:
    dialect = SplinkDialect.from_string("duckdb")
    conditions = [sql_for("words", n).create_sql(dialect) for n in (1, 2, 4, 8)]
    table = pa.table(
        {
            "words_l": pa.array([a for a, _ in lists], type=pa.list_(pa.string())),
            "words_r": pa.array([b for _, b in lists], type=pa.list_(pa.string())),
        }
    )
    connection = duckdb.connect()
    connection.register("pairs", table)
    columns = ", ".join(f"coalesce({c}, false)" for c in conditions)
    return connection.execute(f"select {columns} from pairs").fetchall()


def test_shared_items_level_agrees_with_the_array_intersection() -> None:
    rng = random.Random(11)
    vocabulary = [f"w{i}" for i in range(30)] + ["#3", "~kimhyokcol", "보위"]
    lists: list[tuple[list[str] | None, list[str] | None]] = [(None, ["w1"]), (["w1"], None), ([], ["w1"])]
    for _ in range(500):
        lists.append((rng.sample(vocabulary, rng.randint(0, 12)), rng.sample(vocabulary, rng.randint(0, 12))))
    assert _levels_hold(SharedItemsLevel, lists) == _levels_hold(ArrayIntersectLevel, lists)


def test_other_engines_keep_splinks_sql() -> None:
    spark = SplinkDialect.from_string("spark")
    assert SharedItemsLevel("words", 2).create_sql(spark) == ArrayIntersectLevel("words", 2).create_sql(spark)


def test_list_columns_hold_each_item_once() -> None:
    """What the cheap count relies on: no list column of the mention table repeats an item."""
    repeating = mention(
        "r1", "t9", "S9", description="men and men, 2 men", evidence="two men; 2 men, Kim Hyok and Kim Hyok"
    )
    table = mention_table([*small_desk(), repeating])
    for name in ("victim_words", "evidence_words", "concepts"):
        for items in table[name].to_pylist():
            assert items is None or len(items) == len(set(items)), name
