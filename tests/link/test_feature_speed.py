"""Feature building at scale: the one-pass concept finder, column-wise common-word removal, the feature cache.

Each fast path is checked against the plain definition it replaces, on invented
text, so that speed never changes what linkage sees.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.link import link_mentions
from casework.link.concepts import _PATTERNS, CONCEPTS, concept_ids
from casework.link.feature_cache import FeatureCache
from casework.link.features import ROW_SCHEMA, _drop_common_words, mention_table
from casework.model import EvidenceSpan

from .mentions_factory import mention, small_desk

_STEMS = [s.replace("_", " ").replace("=", "") for stems in CONCEPTS.values() for s in stems.split()]
_FILLER = ["the", "agents", "took", "zz", "강제", "에서", "womanly", "trainee", "x1", "crossroads", "fined."]


def _per_concept(text: str) -> list[str]:
    """The definition: every concept whose own pattern occurs somewhere in the text."""
    lowered = text.lower()
    return sorted(c for c, pattern in _PATTERNS.items() if pattern.search(lowered))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STEMS + _FILLER), max_size=12), st.sampled_from([" ", "", "-", ", ", "을 "]))
def test_one_pass_concepts_match_the_per_concept_definition(words: list[str], glue: str) -> None:
    text = glue.join(words)
    assert concept_ids(text) == _per_concept(text)


def _common_words_plainly(columns: list[list[str] | None], limit: int) -> list[list[str] | None]:
    frequency = Counter(w for words in columns for w in (words or ()))
    common = {w for w, n in frequency.items() if n > limit}
    return [([w for w in words if w not in common] or None) if words else words for words in columns]


def test_common_words_are_dropped_column_wise_as_one_by_one() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(40)]
    for size in (0, 1, 7, 200, 1000):
        lists = [
            None if rng.random() < 0.2 else rng.sample(vocabulary[: rng.randint(6, 40)], rng.randint(1, 6))
            for _ in range(size)
        ]
        limit = max(5, int(0.03 * size))
        table = pa.table({"evidence_words": pa.array(lists, type=pa.list_(pa.string()))})
        dropped = _drop_common_words(table, ["evidence_words"])["evidence_words"].to_pylist()
        assert dropped == _common_words_plainly(lists, limit)


def test_cached_rows_are_the_computed_rows_and_survive_a_save() -> None:
    desk = small_desk()
    plain = mention_table(desk)
    cache = FeatureCache()
    assert mention_table(desk, cache=cache).equals(plain)
    assert cache.hits == 0 and len(cache) == len(desk)
    again = FeatureCache.from_text(cache.to_text())
    assert mention_table(desk, cache=again).equals(plain)
    assert again.hits == len(desk)


def test_a_corrected_mention_is_a_new_version_and_a_removed_one_is_forgotten() -> None:
    desk = small_desk()
    cache = FeatureCache()
    mention_table(desk, cache=cache)
    text = "agents took the vorlanik brothers from the bridge"
    corrected = replace(desk[0], evidence=(EvidenceSpan("incident", 0, len(text), text),))
    changed = [corrected, *desk[1:-1]]
    reloaded = FeatureCache.from_text(cache.to_text())
    table = mention_table(changed, cache=reloaded)
    assert table.equals(mention_table(changed))
    assert reloaded.hits == len(changed) - 1
    assert "vorlan" in table["evidence_words"][0].as_py()
    kept = FeatureCache.from_text(reloaded.to_text())
    assert len(kept) == len(changed)


def test_a_cache_from_other_code_or_unreadable_is_ignored() -> None:
    cache = FeatureCache()
    mention_table(small_desk(), cache=cache)
    assert len(FeatureCache.from_text("not a cache")) == 0
    assert len(FeatureCache.from_text(None)) == 0
    stale = cache._all().replace_schema_metadata({"version": "older rules"})
    import base64
    import io

    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, stale.schema) as writer:
        writer.write_table(stale)
    assert len(FeatureCache.from_text(base64.b64encode(sink.getvalue()).decode())) == 0


def test_linking_with_a_cache_gives_the_same_incidents() -> None:
    desk = [*small_desk(), mention("z1", "t9", "S9", date="2019-02-26")]
    cache = FeatureCache()
    first = link_mentions(desk, features=cache)
    second = link_mentions(desk, features=FeatureCache.from_text(cache.to_text()))
    assert first.assignment == second.assignment == link_mentions(desk).assignment
    assert list(ROW_SCHEMA.names) == mention_table(desk).column_names
