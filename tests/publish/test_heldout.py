"""The held-out drafts in bench/heldout*_drafts: gold offsets match the text; careful drafts stay quiet.

The gold is the benchmark's ground truth, so a broken offset would silently change the
score; the careful drafts (victims' details only) guard against the false alarms the
first version of the check raised on them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casework.publish import KINDS, RISKS, assess_risk

BENCH = Path(__file__).resolve().parents[2] / "bench"
SETS = [BENCH / name for name in ("heldout_drafts", "heldout2_drafts", "heldout3_drafts", "heldout4_drafts")]


def _jsonl(folder: Path, name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_gold_spans_match_the_drafts(folder: Path) -> None:
    gold = _jsonl(folder, "gold.jsonl")
    assert gold
    for entry in gold:
        text = (folder / f"{entry['draft']}.md").read_text(encoding="utf-8")
        assert text[int(str(entry["start"])) : int(str(entry["end"]))] == entry["span"]
        assert entry["kind"] in KINDS and entry["risk"] in RISKS


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_careful_heldout_drafts_are_not_high_risk(folder: Path) -> None:
    careful = [m["draft"] for m in _jsonl(folder, "drafts.jsonl") if m["style"] == "careful"]
    assert careful
    for draft in careful:
        assert assess_risk((folder / f"{draft}.md").read_text(encoding="utf-8")).risk != "high", draft
