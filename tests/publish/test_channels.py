"""A phone or app is a risk when it is how a source reaches us, not when it is why victims were arrested.

Also runs the two example drafts in ``examples/drafts`` through the check: the careful
one (victims' phones are its substance) must not be high risk, the careless one must.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.publish import assess_risk

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "drafts"


@pytest.mark.parametrize(
    "sentence",
    [
        "Our source, who called us on a Chinese phone, said agents came.",
        "A trader in Hyesan told us via WeChat that prices rose.",
        "The source, reached by a smuggled phone, said prices rose.",
        "Our source said in a phone call with our reporter that prices rose.",
    ],
)
def test_the_channel_a_source_used_to_reach_us_is_flagged(sentence: str) -> None:
    assert "contact_channel" in {s.kind for s in assess_risk(sentence).spans}


@pytest.mark.parametrize(
    "sentence",
    [
        "Police arrested five people in Hyesan for using Chinese phones to call South Korea, a resident told us.",
        "Our source, whose neighbours were arrested for using Chinese phones, said agents came.",
        "Our source said residents who called relatives on Chinese phones were arrested.",
        "Security agents arrested several residents for using Chinese phones to contact relatives abroad, "
        "according to people in the region who spoke to us separately.",
    ],
)
def test_phones_of_victims_are_the_story_not_a_channel(sentence: str) -> None:
    assert "contact_channel" not in {s.kind for s in assess_risk(sentence).spans}


def test_careful_example_draft_is_not_high_risk_and_careless_one_is() -> None:
    careful = assess_risk((EXAMPLES / "draft-careful.md").read_text(encoding="utf-8"))
    careless = assess_risk((EXAMPLES / "draft-careless.md").read_text(encoding="utf-8"))
    assert careful.risk in {"low", "medium"}
    assert careless.risk == "high"
    assert {"source_code", "workplace"} <= {s.kind for s in careless.spans}
