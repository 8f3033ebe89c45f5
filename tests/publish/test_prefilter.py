"""The pattern gates never rule out a text a pattern matches, and do rule out texts it cannot."""

from __future__ import annotations

import re

from casework.publish import cues_en, detect_ko, focus, people, singled_out
from casework.publish.prefilter import fold, gate_of

_SENTENCES = (
    "Our source, a 47-year-old fish trader in Hoeryong, said agents came at night.",
    "She works at the Musan mine and calls us every Tuesday on a Chinese phone.",
    "A man surnamed Ri, 52, was arrested; his daughter lives in Seoul.",
    "Two women of Songhu-dong were detained on the 4th.",
    "An agent visits one defector family every week, a nurse who reached us said.",
    "회령시 역전동에 사는 50대 여성 소식통은 지난달 3일 보위부에 불려갔다고 말했다.",
    "무산군에 사는 주민이 한국에 있는 가족과 통화하다 붙잡혔다.",
    "한 탈북자 가정에 보위지도원이 자주 찾아온다.",
    "İstanbul-born KELVIN K-RATED ſtrange ıdentities are folded too.",
)


def _patterns() -> list[re.Pattern[str]]:
    found = [cue.pattern for cue in cues_en.CUES]
    for module in (focus, people, detect_ko, singled_out):
        for value in vars(module).values():
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, re.Pattern):
                        found.append(part)
    return found


def test_a_gate_never_rules_out_a_text_its_pattern_matches() -> None:
    patterns = _patterns()
    assert len(patterns) > 80
    for pattern in patterns:
        gate = gate_of(pattern)
        for text in _SENTENCES:
            if pattern.search(text):
                assert gate.admits(text, fold(text)), (pattern.pattern[:60], text)


def test_a_gate_rules_out_a_sentence_without_the_words_the_pattern_needs() -> None:
    workplace = re.compile(r"\bworks?\s+at\s+the\s+(?:market|mine)\b", re.I)
    assert not gate_of(workplace).admits("He is here.", fold("He is here."))
    assert gate_of(workplace).admits("He WORKS at the MINE.", fold("He WORKS at the MINE."))


def test_ignorecase_letters_outside_ascii_still_pass_the_gate() -> None:
    pattern = re.compile(r"\bsister\b", re.I)
    text = "her ſiſter"  # re.IGNORECASE matches the long s to s
    assert pattern.search(text)
    assert gate_of(pattern).admits(text, fold(text))


def test_optional_parts_and_lookarounds_are_not_required() -> None:
    pattern = re.compile(r"trader(?:\s+in\s+Hyesan)?(?!\s+guild)")
    assert gate_of(pattern).admits("a trader", fold("a trader"))
    assert not gate_of(re.compile(r"(?:cat|dog)house")).admits("a house", fold("a house"))
