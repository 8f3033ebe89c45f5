"""How the check recognises the source however the draft introduces them, and what it then flags.

The held-out drafts showed that most misses came from sentences the check did not see as
being about the source ("said a woman who ...", "a man we will call ...", "the person
who passed on ..."). Every sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from casework.publish import assess_risk


def _flagged(text: str) -> list[str]:
    return [s.text for s in assess_risk(text).spans]


def _covers(text: str, detail: str) -> bool:
    """Whether some flagged span overlaps at least half of ``detail`` (the corpus evaluation rule)."""
    start = text.index(detail)
    end = start + len(detail)
    return any(min(end, s.end) - max(start, s.start) >= len(detail) / 2 for s in assess_risk(text).spans)


@pytest.mark.parametrize(
    ("draft", "detail"),
    [
        ("Prices rose in Kanggye, said a man who repairs engines for a bus depot. He is in his late forties.",
         "in his late forties"),
        ("Guards beat the men, according to the man who contacted our desk. He has worked at the county "
         "tobacco plant for twelve years.", "has worked at the county tobacco plant for twelve years"),
        ("Three families were moved, a teacher we are calling Mrs. Ryu told us. Mrs. Ryu, a mother of three, "
         "is in her 40s.", "in her 40s"),
        ("Food ran out in March. A neighbour of one of the arrested women, who asked not to be named, described "
         "the raid. She is the only pharmacist in the village.", "She is the only pharmacist in the village"),
        ("The shelter closed, said our contact. She is employed at the No. 4 shoe factory.",
         "employed at the No. 4 shoe factory"),
        ("Soldiers came at dawn, said the interviewee. He phoned us late at night from a friend's flat.",
         "He phoned us late at night"),
        ("Water is rationed, said the person who relayed the account. Her husband drives a lorry for the "
         "county food office.", "Her husband drives a lorry for the county food office"),
        ("Arrests followed the inspection, said a worker. He is head of his factory's second work team.",
         "head of his factory's second work team"),
        ("The source, who lives near the old railway station, said the market closed.",
         "lives near the old railway station"),
        ("The rations stopped, according to Mr. Pak (not his real name). Mr. Pak walks with a walking stick "
         "since a fall in the mine.", "walks with a walking stick"),
    ],
)
def test_details_of_a_source_introduced_in_many_ways_are_found(draft: str, detail: str) -> None:
    assert _covers(draft, detail), _flagged(draft)


def test_a_pseudonym_the_desk_gives_is_flagged_wherever_it_appears() -> None:
    draft = "Fees doubled, a farmer we will call Mr. Son said. Mr. Son also described the beatings."
    flagged = _flagged(draft)
    assert sum("Mr. Son" in span for span in flagged) >= 2


def test_a_pronoun_about_someone_the_account_introduced_is_not_the_source() -> None:
    draft = (
        "A trial was held in the spring, according to a source in the region. The source said a woman in her "
        "fifties who sold fish at the market was sentenced. Her daughter, a student, was expelled."
    )
    assert _flagged(draft) == []


def test_victims_in_a_careful_draft_stay_unflagged() -> None:
    draft = (
        "Residents of several counties were mobilised, according to people in the province who spoke to us. "
        "One of the detained, a man in his fifties who had worked as a miner, was released. "
        "We do not describe the people who told us about these events."
    )
    assert _flagged(draft) == []


@pytest.mark.parametrize(
    ("draft", "detail"),
    [
        ("평양 — 물가가 올랐다고 취재에 응한 주민이 전했다. 이 주민은 선교구역 장충동에 사는 30대 여성이다.",
         "장충동에 사는 30대 여성"),
        ("청진 — 단속이 심해졌다고 제보자가 말했다. 제보자는 칠순을 앞둔 노인이다.", "칠순을 앞둔"),
        ("회령 — 배급이 끊겼다고 취재원이 전했다. 취재원은 밤늦게 중국 손전화로 본사에 연락해 왔다.",
         "취재원은 밤늦게 중국 손전화로 본사에 연락해 왔다"),
        ("무산 — 광산이 멈췄다고 소식통이 전했다. 소식통은 오른손에 큰 화상 자국이 있다.", "큰 화상 자국이 있다"),
    ],
)
def test_korean_source_nouns_and_details(draft: str, detail: str) -> None:
    assert _covers(draft, detail), _flagged(draft)


def test_korean_residents_in_the_plural_are_not_a_single_source() -> None:
    draft = "혜산 — 단속이 심해졌다고 취재에 응한 주민들이 전했다. 50대 여성 상인이 체포됐다."
    assert _flagged(draft) == []


def test_a_person_who_told_the_desk_is_a_source_but_officials_who_told_reporters_are_not() -> None:
    source = "Rations were cut, a driver told the desk. He is in his early thirties."
    assert _covers(source, "in his early thirties"), _flagged(source)
    officials = "Officials told reporters a man in his early thirties was detained. He is a driver."
    assert _flagged(officials) == []
