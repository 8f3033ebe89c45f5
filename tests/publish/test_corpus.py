"""The check on the shared corpus drafts meets the issue's targets (rule 3 of the corpus README)."""

from __future__ import annotations

import json

from casework.publish import assess_risk
from conftest import need_shared


def test_recall_and_precision_targets_on_corpus_drafts() -> None:
    corpus = need_shared("corpus")
    gold = [json.loads(x) for x in (corpus / "gold" / "quasi_identifiers.jsonl").read_text().splitlines() if x]
    predicted = {
        p.stem: [(s.start, s.end) for s in assess_risk(p.read_text(encoding="utf-8")).spans]
        for p in sorted((corpus / "drafts").glob("*.md"))
    }

    def found(g: dict[str, object]) -> bool:
        start, end = int(str(g["start"])), int(str(g["end"]))
        return any(min(end, e) - max(start, s) >= (end - start) / 2 for s, e in predicted[str(g["draft"])])

    high = [g for g in gold if g["risk"] == "high"]
    assert sum(map(found, high)) / len(high) >= 0.95
    assert sum(map(found, gold)) / len(gold) >= 0.85
    spans = [(d, s) for d, ss in predicted.items() for s in ss]
    hits = sum(any(min(s[1], g["end"]) > max(s[0], g["start"]) for g in gold if g["draft"] == d) for d, s in spans)
    assert hits / len(spans) >= 0.70
