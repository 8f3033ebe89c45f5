"""Korean victim counts: "주민 3명", "세 명", "30여 명", "10명 이상", "두세 명", "40대 남성".

A count is a number (Arabic or native Korean) with a classifier for people or
households (명, 사람, 식구, 세대, 가구). Approximations keep the stated number
("30여 명", "50명 가까운", "10명 이상" -> 30, 50, 10) and a range keeps its lower
bound ("두세 명" -> 2), as the annotation guidelines ask; vague quantities ("여러
명", "수십 명", "수백 명") have text but no number. A person described by an age
decade ("40대 남성") is one victim. ``count_text`` carries the noun right before
the number ("청년 3명") because the number alone does not say who.

Patterns are alternations of fixed words with bounded repeats only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KoreanCount", "find_korean_counts"]

_NATIVE = {
    "한": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
    "열한": 11,
    "열두": 12,
    "열세": 13,
    "열네": 14,
    "열다섯": 15,
    "스무": 20,
}
_RANGES = {"한두": 1, "두세": 2, "두어": 2, "서너": 3, "세네": 3, "너덧": 4, "네다섯": 4, "대여섯": 5, "예닐곱": 6}
_VAGUE = ("여러", "수십", "수백", "수천", "몇", "몇십", "몇백", "많은")
_CLASSIFIER = r"(?P<cls>명|사람|식구|세대|가구|가족)"
_QUALIFIER = r"(?P<qual>\s?(?:이상|넘는|넘게|남짓|가까운|가까이|정도|안팎|가량|쯤))?"

_NUMERIC = re.compile(rf"(?P<num>\d{{1,6}})(?P<approx>\s?여)?\s?{_CLASSIFIER}{_QUALIFIER}")
_WORDED = re.compile(
    r"(?<![가-힣])(?P<word>열다섯|열한|열두|열세|열네|한두|두세|두어|서너|세네|너덧|네다섯|대여섯|예닐곱|스무|다섯|여섯|일곱|여덟|아홉|"
    r"몇십|몇백|여러|수십|수백|수천|많은|한|두|세|네|열|몇)"
    rf"(?P<approx>\s?여)?\s?{_CLASSIFIER}(?!단|령|예|절)"
)
_DECADE = re.compile(r"(?P<num>[1-9]0)대\s?(?P<noun>남성|여성|남자|여자|주민|장사꾼|상인|노인|청년|부부|가장)")
_NOUN_BEFORE = re.compile(r"(?:^|\s)(?P<noun>[가-힣]{1,8})\s$")
_PARTICLE_END = re.compile(
    r"(?:은|는|이|가|을|를|에|에서|의|로|으로|와|과|도|만|께서|에게|한테|던|ㄴ|된|한|은|운|진|고|며|서|면|다|게|지|데)$"
)


@dataclass(frozen=True)
class KoreanCount:
    """A victim count found in text: ``count`` None for vague quantities."""

    start: int
    end: int
    text: str
    count: int | None


def _with_noun(text: str, start: int, floor: int) -> int:
    """Extend a count back over the bare noun right before it ("청년 3명"), if any."""
    window = text[max(floor, start - 12) : start]
    found = _NOUN_BEFORE.search(window)
    if not found:
        return start
    noun = found.group("noun")
    if _PARTICLE_END.search(noun) or noun in ("모두", "모아", "다", "또", "약", "총", "무려"):
        return start
    return start - len(window) + found.start("noun")


def find_korean_counts(text: str, start: int = 0, end: int | None = None) -> list[KoreanCount]:
    """Counts of people or households in ``text[start:end]``, in order.

    Example:
        >>> [(c.text, c.count) for c in find_korean_counts("회령시 청년 3명이 끌려갔다")]
        [('청년 3명', 3)]
    """
    stop = len(text) if end is None else end
    found: list[KoreanCount] = []
    for match in _NUMERIC.finditer(text, start, stop):
        if text.startswith("원", match.end("num")):
            continue
        begin = _with_noun(text, match.start(), start)
        found.append(KoreanCount(begin, match.end(), text[begin : match.end()], int(match.group("num"))))
    for match in _WORDED.finditer(text, start, stop):
        word = match.group("word")
        number: int | None
        if word in _VAGUE:
            number = None
        else:
            number = _RANGES.get(word, _NATIVE.get(word))
        begin = _with_noun(text, match.start(), start)
        found.append(KoreanCount(begin, match.end(), text[begin : match.end()], number))
    for match in _DECADE.finditer(text, start, stop):
        found.append(KoreanCount(match.start(), match.end(), match.group(0), 1))
    found.sort(key=lambda c: c.start)
    out: list[KoreanCount] = []
    for count in found:
        if out and count.start < out[-1].end:
            continue
        out.append(count)
    return out
