"""Pseudonyms, identities and verbatim testimony found in a draft."""

from __future__ import annotations

from casework.model import SourceIdentity
from casework.model import Testimony as StoredTestimony
from casework.publish import assess_risk

TESTIMONY = StoredTestimony(
    "T-0042", "SRC-77", "they marched us to the river bank and made us watch until the last man fell", "0" * 64
)


def test_pseudonyms_and_identities_are_found_wherever_they_appear() -> None:
    identity = SourceIdentity("GOLD-9", name="Pak Ok-sun", contact="+86 139 1234 5678")
    draft = "Gold-9 told us. Pak Ok-sun can be reached at 13912345678 (ask for PAK OK-SUN)."
    spans = assess_risk(draft, identities=[identity], pseudonyms=["GOLD-9"]).spans
    texts = {s.text for s in spans}
    assert {"Gold-9", "Pak Ok-sun", "13912345678", "PAK OK-SUN"} <= texts
    assert all(s.risk == "high" for s in spans if s.text in texts)


def test_verbatim_runs_name_the_testimony_only_when_allowed() -> None:
    draft = 'One man said "they marched us to the river bank and made us watch until the last man fell" later.'
    named = assess_risk(draft, testimonies=[TESTIMONY], can_name_testimony=True).spans
    hidden = assess_risk(draft, testimonies=[TESTIMONY], can_name_testimony=False).spans
    assert [s.kind for s in named] == ["verbatim_quote"]
    assert "T-0042" in named[0].why
    assert "T-0042" not in hidden[0].why and "verbatim" in hidden[0].why
    assert named[0].text.startswith("they marched") and named[0].text.endswith("fell")


def test_short_overlaps_are_not_verbatim() -> None:
    draft = "They marched us to the river and that was all."
    assert assess_risk(draft, testimonies=[TESTIMONY]).spans == ()
