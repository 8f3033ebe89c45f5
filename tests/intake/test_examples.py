"""The project's own example testimonies stay valid intake input for the demo."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from casework.intake import detect_language, read_testimony_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_examples_are_complete_and_varied() -> None:
    files = sorted(EXAMPLES.glob("t*.txt"))
    assert len(files) == 10
    languages: Counter[str] = Counter()
    lists, sources = set(), set()
    for path in files:
        _raw, parsed = read_testimony_file(path)
        assert {"received", "channel", "source", "list"} <= set(parsed.header), path.name
        language = detect_language(parsed.body)
        languages[language] += 1
        words = len(parsed.body.split())
        assert (80 if language == "en" else 60) <= words <= 250, path.name
        lists.add(parsed.header["list"])
        sources.add(parsed.header["source"])
    assert languages["ko"] >= 3 and languages["en"] >= 6
    assert lists == {"desk-phone", "interview-programme", "partner-ngo"}
    assert sources == {f"SRC-0{i}" for i in range(1, 7)}
    assert (EXAMPLES / "drafts" / "draft-careless.md").exists() and (EXAMPLES / "drafts" / "draft-careful.md").exists()
