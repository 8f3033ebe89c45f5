"""People a report singles out without naming them: by neighbourhood and day, by family abroad, by visits.

A news report need not name anyone to point at one household. Three ways it does so,
in English and Korean reporting alike:

* a few people of one neighbourhood caught on a given day ("a man and two women of
  Wiyon-dong were caught on the evening of the 8th", "연봉동 주민 2명이 지난 3일
  체포됐다"): a neighbourhood is a few thousand people, and a handful of them caught
  on one day is one entry in the arrest records;
* one resident of a named town with family in South Korea ("a resident of Musan who
  phoned her daughter in Seoul", "무산군에 사는 주민이 한국에 있는 가족과 통화하다"): the
  security office keeps a list of defector families per town, and it is short;
* one household an official keeps visiting ("a security agent visits one defector
  family every week", "한 탈북자 가정에 보위지도원이 자주 찾아온다"): every neighbour
  knows whose door the officer knocks on.

Each is medium: the reader who knows the town can name the family. Findings carry
chain ``-1`` (they describe whoever the story is about, not a source).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from casework.publish.anonymity import places_in
from casework.publish.cues_en import DAY_DATE, FICTION, KIN, Cue
from casework.publish.detect_en import Finding
from casework.publish.detect_ko import KIN as KIN_KO
from casework.publish.prefilter import fold, gate_of
from casework.publish.sentences import split_sentences

__all__ = ["detect_singled_out"]

# -- a few people of one neighbourhood on one day ------------------------------------------------------------------
# Common words that end like a neighbourhood (동, 리) but are not places.
_NOT_PLACES_KO = frozenset(
    "노동 활동 행동 운동 이동 공동 아동 자동 선동 폭동 소동 난동 출동 가동 작동 협동 연동 변동 충동 감동 발동 책동 준동"
    " 우리 거리 자리 관리 처리 무리 소리 머리 다리 요리 정리 수리 유리 원리 진리 심리 물리 논리 이리 저리 그리 미리"
    " 일리 총리 승리 부리 고리 꼬리 마리 보리 허리 경리 대리".split()
)
_NEIGHBOURHOOD_KO = re.compile(
    r"(?<![가-힣])([가-힣]{1,4}(?:동|리))(?:에\s*(?:사는|살던|거주하는|거주하던|살고\s+있는)|의|에서)?\s+"
    r"(?:한\s+)?(?:주민|남자|여자|남성|여성|사람|부부|일가족|가족|노인|청년|상인)"
)
_FEW_KO = re.compile(
    r"(?<!\d)[1-5]\s*명(?!\s*(?:이상|이하|가량|정도|씩))|(?<![가-힣])(?:한|두|세|네|다섯)\s*(?:명|사람|가족|가정|세대)"
    r"|일가족|부부"
)
_DAY_KO = re.compile(r"(?<![\d.])\d{1,2}\s*일(?=\s|에|,|밤|낮|오전|오후|저녁|새벽|아침|$)(?!\s*(?:동안|간|만에|이상))")
_NEIGHBOURHOOD_EN = re.compile(r"\b[A-Z][a-z]+(?:-|\s)(?:dong|ri)\b|\b[A-Z][a-z]+\s+(?:village|neighbou?rhood)\b")
_PEOPLE = (
    r"(?:residents|women|men|people|persons|brokers|traders|smugglers|villagers|families|youths|students|workers"
    r"|farmers|girls|boys)"
)
# A stated small number ("two women", "three residents", "a couple"), as the Korean N명.
_FEW_EN = re.compile(
    rf"\b(?i:two|three|four|five)\s+(?:[a-z-]+\s+){{0,2}}?{_PEOPLE}\b(?!\s+of\s+(?:the|them))|\b(?i:a)\s+couple\b"
)
_DAY_EN = re.compile(DAY_DATE)

# -- one resident of a named town with family in the South ---------------------------------------------------------
_RESIDENT_KO = re.compile(
    r"([가-힣]{1,5}(?:시|군|구역))(?:에\s+(?:사는|살고\s+있는|살던|거주하는|거주하던)|의)\s+(?:한\s+)?"
    r"(?:\d0대\s*(?:초반|중반|후반)?\s*(?:의\s+)?)?(?:여성|남성|주민|남자|여자|노인|청년|상인|노동자|농민|부부)(?!들)"
)
_ABROAD_KO = re.compile(
    rf"(?:한국|남한|남조선|서울)에?\s*(?:있는|사는|살고\s+있는|정착한|간|거주하는)\s+(?:\(?탈북\)?\s*)?{KIN_KO}"
    rf"|탈북(?:한|자|민)?\s*{KIN_KO}|{KIN_KO}(?:이|가|은|는)\s+(?:\S+\s+)?(?:한국|남한)(?:으로|에)"
)
_RESIDENT_EN = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[a-z-]+\s+){0,3}?(?:woman|man|person|resident|girl|boy|[a-z]+er)\s+(?:from|of|in"
    r"|living\s+in|who\s+lives\s+in|who\s+lived\s+in)\s+(?:the\s+)?[A-Z][\w'’-]+"
)
_ABROAD_EN = re.compile(
    rf"\b{KIN}\b(?:\s+[\w'’-]+){{0,4}}?\s+(?:in|to|from)\s+(?:South\s+Korea|the\s+South|Seoul)\b"
    rf"|\b(?:defector|defected|escaped)\s+(?:[\w'’-]+\s+){{0,2}}?{KIN}\b"
)

# -- one household an official keeps visiting ----------------------------------------------------------------------
_FREQUENT_KO = (
    r"(?:자주|매일|매주|매달|정기적으로|수시로|여러\s*차례|번번이|날마다|수차례|하루가\s*멀다\s*하고"
    r"|거의\s+매일)"
)
_VISITED_KO = re.compile(
    rf"(?<![가-힣])한\s+(?:\S+\s+)?(?:가정|가족|집|세대)(?:에도|에는|에|을|를|은|는|이|가)?\s+(?:\S+\s+){{0,6}}?"
    rf"{_FREQUENT_KO}\s+(?:\S+\s+)?(?:방문|찾아|드나들|들르|들락)"
)
_FREQUENT_EN = (
    r"(?:regularly|repeatedly|frequently|often|constantly|daily|weekly|every\s+(?:day|week|month|other\s+day|few\s+days)"
    r"|several\s+times|again\s+and\s+again|almost\s+(?:daily|every\s+day))"
)
_HOUSEHOLD_EN = r"(?:a|one)\s+(?:[\w'’-]+\s+){0,2}?(?:family|household|home|house)\b"
_VISIT_EN = r"(?:visits?|visited|visiting|calls?\s+on|called\s+on|checks?\s+on|checked\s+on|drops?\s+by|dropped\s+by)"
_VISITED_EN = re.compile(
    rf"\b{_HOUSEHOLD_EN}[^.;]{{0,60}}?\b(?:visited|watched|checked\s+on|called\s+on)\b[^.;]{{0,40}}?\b{_FREQUENT_EN}\b"
    rf"|\b{_FREQUENT_EN}\s+{_VISIT_EN}\s+(?:the\s+home\s+of\s+)?{_HOUSEHOLD_EN}"
    rf"|\b{_VISIT_EN}\s+(?:the\s+home\s+of\s+)?{_HOUSEHOLD_EN}[^.;]{{0,40}}?\b{_FREQUENT_EN}\b",
    re.I,
)


def _cue(name: str, why: str) -> Cue:
    return Cue(name, "other", "medium", "segment", re.compile(""), why, None)


_FEW_OF_NEIGHBOURHOOD = _cue(
    "few_of_neighbourhood",
    "a few people of one neighbourhood caught on a given day are one entry in the arrest records",
)
_RESIDENT_ABROAD = _cue(
    "resident_family_abroad", "one resident of a named town with family in South Korea: the security office's list of "
    "defector families in that town is short"
)
_HOUSEHOLD_VISITED = _cue(
    "household_visited", "one household an official keeps visiting is known to every neighbour"
)
# What each rule cannot do without, searched once over the whole draft to pick the sentences worth reading.
_TRIGGERS = tuple((pattern, gate_of(pattern)) for pattern in (
    _NEIGHBOURHOOD_KO,
    _NEIGHBOURHOOD_EN,
    _ABROAD_KO,
    _ABROAD_EN,
    re.compile(_FREQUENT_KO),
    re.compile(rf"\b{_FREQUENT_EN}\b", re.I),
))


def detect_singled_out(text: str) -> list[Finding]:
    """A few of one neighbourhood on one day, a town's resident with family abroad, a household visited again and again.

    Example:
        >>> [f.cue.name for f in detect_singled_out("Two women of Songhu-dong were detained on the 4th.")]
        ['few_of_neighbourhood']
    """
    folded = fold(text)
    triggers = sorted({m.start() for pattern, gate in _TRIGGERS if gate.admits(text, folded)
                       for m in pattern.finditer(text)})
    if not triggers:
        return []
    sentences = [s for s in split_sentences(text) if not s.heading]
    starts = [s.start for s in sentences]
    picked = sorted({index for at in triggers if (index := bisect_right(starts, at) - 1) >= 0})
    out: list[Finding] = []
    for index in picked:
        sentence = sentences[index]
        words = text[sentence.start : sentence.end]
        if FICTION.search(words):
            continue
        for start, end, cue in _in_sentence(words):
            out.append(Finding(sentence.start + start, sentence.start + end, cue, -1))
    return out


_NEAR = 40


def _in_sentence(words: str) -> list[tuple[int, int, Cue]]:
    found: list[tuple[int, int, Cue]] = []
    korean = next((m for m in _NEIGHBOURHOOD_KO.finditer(words) if m.group(1) not in _NOT_PLACES_KO), None)
    for place, few, day in ((korean, _FEW_KO, _DAY_KO), (_NEIGHBOURHOOD_EN.search(words), _FEW_EN, _DAY_EN)):
        people = few.search(words) if place is not None else None
        if place is None or people is None or day.search(words) is None:
            continue
        if abs(people.start() - place.start()) <= _NEAR:  # "a man and two women of Wiyon-dong": show both
            found.append((min(place.start(), people.start()), max(place.end(), people.end()), _FEW_OF_NEIGHBOURHOOD))
        else:
            found.append((place.start(), place.end(), _FEW_OF_NEIGHBOURHOOD))
    for resident_pattern, abroad_pattern in ((_RESIDENT_KO, _ABROAD_KO), (_RESIDENT_EN, _ABROAD_EN)):
        if abroad_pattern.search(words) is None:
            continue
        resident = next((m for m in resident_pattern.finditer(words) if _below_province(m.group())), None)
        if resident is not None:
            found.append((resident.start(), resident.end(), _RESIDENT_ABROAD))
    found.extend((m.start(), m.end(), _HOUSEHOLD_VISITED) for pattern in (_VISITED_KO, _VISITED_EN)
                 for m in pattern.finditer(words))
    return found


def _below_province(words: str) -> bool:
    return any(match.level != "province" for match in places_in(words))
