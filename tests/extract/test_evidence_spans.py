"""Every evidence span points at the words it claims, over the whole shared corpus."""

from __future__ import annotations

from pathlib import Path

from casework.extract import extract_mentions
from casework.model import INCIDENT_TYPES, RELATIONS


def test_every_span_is_a_slice_of_the_file_as_read(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "testimonies").glob("*.txt"))
    assert len(files) >= 100
    spans = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        for mention in extract_mentions(text, name=path.name):
            assert mention.type in INCIDENT_TYPES and mention.relation in RELATIONS
            assert mention.evidence, path.name
            for span in mention.evidence:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text, (path.name, span.field)
                spans += 1
    assert spans > 0


def test_negative_testimonies_yield_few_mentions(corpus_dir: Path) -> None:
    negatives = ["t017", "t038", "t059", "t077", "t096", "t113"]
    found = 0
    for name in negatives:
        path = corpus_dir / "testimonies" / f"{name}.txt"
        found += len(extract_mentions(path.read_text(encoding="utf-8"), name=path.name))
    assert found <= 2
