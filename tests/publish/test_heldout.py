"""The held-out drafts in bench/heldout_drafts: gold offsets match the text; careful drafts stay quiet.

The gold is the benchmark's ground truth, so a broken offset would silently change the
score; the careful drafts (victims' details only) guard against the false alarms the
first version of the check raised on them.
"""

from __future__ import annotations

import json
from pathlib import Path

from casework.publish import KINDS, RISKS, assess_risk

HELDOUT = Path(__file__).resolve().parents[2] / "bench" / "heldout_drafts"


def _jsonl(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (HELDOUT / name).read_text(encoding="utf-8").splitlines() if line]


def test_gold_spans_match_the_drafts() -> None:
    gold = _jsonl("gold.jsonl")
    assert gold
    for entry in gold:
        text = (HELDOUT / f"{entry['draft']}.md").read_text(encoding="utf-8")
        assert text[int(str(entry["start"])) : int(str(entry["end"]))] == entry["span"]
        assert entry["kind"] in KINDS and entry["risk"] in RISKS


def test_careful_heldout_drafts_are_not_high_risk() -> None:
    careful = [m["draft"] for m in _jsonl("drafts.jsonl") if m["style"] == "careful"]
    assert len(careful) == 4
    for draft in careful:
        assert assess_risk((HELDOUT / f"{draft}.md").read_text(encoding="utf-8")).risk != "high", draft
