"""Identified people in any sentence: a person named together with an age, a rank or a place.

The other cues count only in sentences about a source, because "a man in his thirties
was arrested" is the story, not a lead. A person the text *names* is different, whoever
they are: "a woman in her 20s, identified by her family name of Han, was arrested in
Hoeryong", "Private Ri, 23, of the border guard", 40대 김모씨, A(46·여)씨, '순옥'이라는 이름의
여성. A surname, given name or nickname with an age, a military rank, a town or a
workplace leaves the security office one file to open, and the victim's family with it.
So a name counts with one more detail in the same sentence: high with an age or a rank
(one person), medium with a place below the province or an occupation.

One unnamed person is flagged (medium) when the text gives an age band with a named
town of residence (회령시에 사는 40대 여성, "a woman in her 40s from Hyesan"), or an age band
with a named town and the day it happened: one line in the arrest records.

Public figures are named in reports all the time without risk; they are told apart by
what the text gives with them (a title, no age), and the leaders' names are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from casework.publish.anonymity import places_in
from casework.publish.cues_en import DAY_DATE, FICTION, Cue
from casework.publish.detect_en import Finding
from casework.publish.sentences import Sentence, split_sentences

__all__ = ["detect_named_people"]

_CAP_NAME = r"[\"“'‘]?[A-Z][a-z'’]+(?:-[a-z]+)?(?:\s+[A-Z][a-z'’]+(?:-[a-z]+)?)?[\"”'’]?"
# How a report marks a private person by name rather than by title.
_NAME_EN = re.compile(
    rf"\b(?:surnamed|nicknamed|(?:whose\s+)?(?:family|last|sur)\s*name\s+(?:is\s+|of\s+)?"
    rf"|identified\s+(?:only\s+)?(?:as|by\s+(?:her|his|the|their)\s+(?:family|last|sur)\s*name(?:\s+of)?)"
    rf"|(?:known|referred\s+to)\s+(?:locally\s+|only\s+)?as|(?:a|an|one)\s+(?:[a-z]+\s+){{0,2}}?(?:woman|man|girl|boy"
    rf"|person|soldier|student|worker|trader|officer)\s+(?:named|called)"
    rf"|with\s+the\s+(?:family\s+|last\s+|sur)name)\s+{_CAP_NAME}"
    rf"|\b(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][a-z]+\b",
)
_LEADERS = re.compile(r"\bKim\s+(?:Jong|Il|Yo|Ju)\b|\bRi\s+Sol\b")
# "Park Chol-su, then 7," / "Kim Myong, 45,": a romanised name with an age in apposition.
_NAME_AGE_EN = re.compile(
    r"\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[a-z]+)?,\s+(?:then\s+|now\s+|aged\s+|age\s+)?(?:\d{1,2})(?!\d)(?=\s*[,)]|\s+at\s)"
    r"(?!,\s*\d{4})"
)
_RANK_EN = (
    r"(?:Private|Corporal|Cpl\.|Sergeant|Sgt\.|(?:Second\s+|First\s+)?Lieutenant|Lt\.|Captain|Capt\.|Major"
    r"|(?:Lieutenant\s+)?Colonel|Col\.)"
)
_RANK_NAME_EN = re.compile(rf"\b{_RANK_EN}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+(?:-[a-z]+)?)?\b")
_AGE_EN = re.compile(
    r"\b\d{1,2}[- ]years?[- ]old\b|\bin\s+(?:his|her|their)\s+(?:early\s+|late\s+|mid-?)?(?:teens|twenties|thirties"
    r"|forties|fifties|sixties|seventies|eighties|[1-9]0s)\b|\b(?:then|now|aged|age)\s+\d{1,2}\b|,\s+\d{1,2},"
    r"|\b(?:he|she|who)\s+(?:is|was|turned|turns)\s+\d{2}(?=\s*(?:[,.;]|and\b|years?\s+old\b|$))",
    re.I,
)
_OCCUPATION_EN = re.compile(
    r"\b(?:trader|vendor|merchant|broker|smuggler|driver|worker|labou?rer|teacher|nurse|doctor|clerk|engineer|miner"
    r"|farmer|fisherman|soldier|cook|student|cadre|official|officer|guard|fortune[- ]teller|manager|secretary"
    r"|researcher|professor|pianist|singer|dancer|actor|actress|athlete|pastor|missionary|private|corporal|sergeant"
    r"|lieutenant|captain|major|colonel)s?\b",
    re.I,
)
_RANKS_KO = (
    r"(?:하전사|전사|상등병|하사|중사|상사|특무상사|소위|중위|상위|대위|소좌|중좌|상좌|대좌|소장|중장|상장|대장)"
)
# Korean: 김모씨, 이모 씨, A씨, A(46·여)씨, 리씨; 김철수(45); '순옥'이라는 이름의; 별명이 …인.
_SURNAME_KO = (
    "김이리박최정강조윤장임림한오서신권황안송류유전홍고문양손배백허남심노로하곽성차주우구민진지엄채원천방공현함변"
    "염여추도소석선설마길연위표명기반왕금옥육인맹제탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상시갈단견당화창"
)
_NAME_KO = re.compile(
    rf"(?<![가-힣])[{_SURNAME_KO}]\s?모\s?(?:\([^)]{{0,12}}\)\s?)?씨|(?<![가-힣])[{_SURNAME_KO}]\s?모\s+(?={_RANKS_KO})|(?<![가-힣A-Za-z])[A-Z]\s?(?:\(\s*\d{{1,2}}[^)]{{0,6}}\))?\s?씨(?=[는가의와를에도은이,\s)]|$)"
    rf"|(?<![가-힣])[{_SURNAME_KO}]\s?씨(?=[는가의와에도은이,)]|\s|$)"
    rf"|(?<![가-힣])[{_SURNAME_KO}][가-힣]{{1,2}}\s?\(\s*\d{{1,2}}(?:\s*[·,]\s*[여남]성?)?\s*\)"
    rf"|['‘\"“]?[가-힣]{{2,3}}['’\"”]?(?:이)?(?:라는|란)\s+(?:이름|별명|가명)"
    rf"|(?:이름|별명)(?:은|이)\s+['‘\"“]?[가-힣]{{2,3}}['’\"”]?(?:인|이라는)"
)
_AGE_KO = re.compile(
    r"\d0대|\(\s*\d0대[^)]{0,6}\)|\d{1,2}\s*(?:세|살)(?![가-힣])|\(\s*\d{1,2}(?:\s*[·,]\s*[여남]성?)?\s*\)|\d{1,2}\s*세\s*때"
    r"|(?:열|스무|스물|서른|마흔|쉰|예순|일흔|여든)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?\s*살"
    r"|(?<![가-힣])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)\s+살"
)
_RANK_KO = re.compile(rf"{_RANKS_KO}(?=[은는이가의,\s(]|$)")
_OCCUPATION_KO = re.compile(
    r"상인|장사꾼|밀수꾼|브로커|노동자|농장원|교원|교사|의사|간호사|운전수|운전사|군인|병사|대학생|학생|간부|보안원|보위원"
    r"|점쟁이|무당|노동자|소속"
)
_PLACE_KO = re.compile(r"[가-힣]{1,5}(?:시|군|구역|동|리|읍|노동자구)(?=[에의\s,]|에서)")
# One person with an age band and the day it happened: "a woman in her 40s was arrested on the 6th",
# "지난 6일 혜산시의 한 40대 여성이 체포됐다".
_PERSON_AGED_EN = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[a-z-]+\s+){0,3}?(?:woman|man|person|girl|boy|resident|[a-z]+er|[a-z]+or|[a-z]+ist)"
    r"\s+in\s+(?:his|her)\s+(?:early\s+|late\s+|mid-?)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies"
    r"|eighties|[1-9]0s)\b|\b[Aa]n?\s+\d{1,2}-year-old\s+(?:[a-z-]+\s+){0,2}?(?:woman|man|person|girl|boy"
    r"|resident|[a-z]+er|[a-z]+or|[a-z]+ist)\b"
)
_PERSON_AGED_KO = re.compile(
    r"(?:한\s+)?\d0대\s*(?:초반|중반|후반)?(?:의)?\s*(?:여성|남성|주민|남자|여자|노인|청년|상인|밀수꾼|노동자|군인|학생)"
    r"(?!들)|\d{1,2}\s*세\s+(?:여성|남성|주민|남자|여자|노인|청년|상인|밀수꾼|노동자|군인|학생)(?!들)"
)
_DAY_EN = re.compile(DAY_DATE)
_DAY_KO = re.compile(r"(?<![\d.])\d{1,2}\s*일(?=\s|에|,|밤|낮|오전|오후|저녁|새벽|아침|$)(?!\s*(?:동안|간|만에|이상))")
# One person of a named town with an age band: "회령시에 사는 40대 여성", "a woman in her 40s from Hyesan".
_TOWN_AGED_KO = re.compile(
    r"[가-힣]{1,5}(?:시|군|구역)(?:에\s+(?:사는|살고\s+있는|살던|거주하는|거주하던)|에서\s+(?:일하는|일하던|근무하는"
    r"|근무하던|장사하는|장사하던))\s+(?:한\s+)?(?:\d0대\s*(?:초반|중반|후반)?|\d{1,2}\s*(?:세|살))\s*"
    r"(?:의\s+)?(?:여성|남성|주민|남자|여자|노인|청년|상인|노동자|부부)(?!들)"
)
_TOWN_AGED_EN = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[a-z-]+\s+){0,2}?(?:woman|man|person|resident|[a-z]+er)\s+in\s+(?:his|her)\s+"
    r"(?:early\s+|late\s+|mid-?)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|[1-9]0s)"
    r"\s+(?:from|of|living\s+in|who\s+lives\s+in|who\s+lived\s+in)\s+(?:the\s+)?[A-Z][\w'’-]+"
    r"|\b(?:[Aa]n?|[Oo]ne)\s+[A-Z][\w'’-]+\s+(?:resident|woman|man)\s+in\s+(?:his|her)\s+(?:early\s+|late\s+|mid-?)?"
    r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|[1-9]0s)\b"
)
# "a 34-year-old woman from Hyesan": an exact age narrows further than a band; the town must be one.
_TOWN_AGED_EXACT_EN = re.compile(
    r"\b[Aa]n?\s+\d{1,2}-year-old\s+(?:[a-z-]+\s+){0,2}?(?:woman|man|person|resident|girl|boy|[a-z]+er|[a-z]+or"
    r"|[a-z]+ist)\s+(?:from|of|in|living\s+in|who\s+lives\s+in|who\s+lived\s+in)\s+(?:the\s+)?[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?"
)


def _cue(name: str, kind: str, risk: str, why: str, factor: str | None) -> Cue:
    return Cue(name, kind, risk, "segment", re.compile(""), why, factor)


_NAMED_AGE = _cue(
    "named_person_age", "other", "high",
    "a person named with an age or a rank is one person: the security office opens one file, and the family with it",
    None,
)
_NAMED_PLACE = _cue(
    "named_person_place", "other", "medium",
    "a person named with a town or a job is a short list for anyone who knows the case", None,
)
_AGED_DAY = _cue(
    "person_age_day", "age", "medium",
    "one person with an age band, a town and the day it happened is one entry in the arrest records", None,
)
_TOWN_AGED = _cue(
    "person_town_age", "age", "medium",
    "one person of a named town with an age band and sex: a few in a hundred of its adults", None,
)


def detect_named_people(text: str) -> list[Finding]:
    """Named people with an age, rank, place or job; one person with an age band and a town (and a day).

    Findings carry chain ``-1``: they describe whoever the text names, not a source
    chain, so they do not enter the anonymity estimate of a source.

    Example:
        >>> [f.cue.risk for f in detect_named_people("A man surnamed Pak, 41, was held in Musan.")]
        ['high']
    """
    sentences = [s for s in split_sentences(text) if not s.heading]
    starts = [s.start for s in sentences]
    # One pass of each pattern over the whole text picks the few sentences worth a closer look.
    candidates: dict[int, Sentence] = {}
    for gate, pattern in _CANDIDATE:
        if gate.search(text) is None:
            continue
        for match in pattern.finditer(text):
            index = bisect_right(starts, match.start()) - 1
            if index >= 0 and match.start() < sentences[index].end:
                candidates[index] = sentences[index]
    out: list[Finding] = []
    for index in sorted(candidates):
        out.extend(_in_sentence(text, candidates[index]))
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        if following is not None and _CONTINUES.match(text, following.start, following.end):
            out.extend(_across(text, candidates[index], following))
    return out


# A sentence that goes on about the person just introduced: "She ...", "The man ...", "그녀는 ...", "김씨는 ...".
_CONTINUES = re.compile(
    r"[\"“']?(?:He|She|His|Her|The\s+(?:woman|man|girl|boy|[a-z]+(?:er|or|ist)))\b"
    rf"|\s*(?:그는|그녀는|그의|그녀의|그도|그녀도|이\s+(?:여성|남성|주민|남자|여자|사람)(?:은|는|의|도)"
    rf"|[{_SURNAME_KO}A-Z]\s?(?:모\s?)?씨(?:는|의|도|가))"
)
# "She lived in Hyesan.", "그녀는 혜산시에 살았다": the person's town, told in the next sentence.
_RESIDES_EN = re.compile(
    r"\b(?:lives?|lived|living|resided|resides|(?:is|was|came|comes|hails?|hailed)\s+from|(?:is|was)\s+a\s+"
    r"(?:native|resident)\s+of|(?:works?|worked|working|employed)\s+(?:at|in|for))\b"
)
_RESIDES_KO = re.compile(
    r"(?:시|군|구역|동|리)에\s*(?:살|거주)|(?:시|군|구역)\s*(?:주민|출신)|에서\s*(?:일하|근무|장사)"
)
# "a woman in her 40s who worked at the market in Hyesan": where the person lives or works, right after.
_LIVES_WORKS_AFTER = re.compile(
    r",?\s+(?:who\s+)?(?:works?|worked|working|lives?|lived|living|employed)\s+(?:at|in|for)\b[^.;]{0,60}"
)


def _across(text: str, first: Sentence, following: Sentence) -> list[Finding]:
    """A person introduced in one sentence and described in the next, read as one sentence.

    Reports often give a person in one sentence and their age, rank or town in the
    next ("A man surnamed Ri was arrested. He is 52 and worked at the port."), so the
    pair is read together; only findings that start in the first sentence are kept.
    An unnamed person with an age band whose town of residence the next sentence gives
    ("A woman in her 40s was detained. She lived in Hyesan.") is the same one person
    of a named town as in one sentence.
    """
    pair = Sentence(first.start, following.end, first.paragraph)
    out = [f for f in _in_sentence(text, pair) if f.start < first.end]
    then = text[following.start : following.end]
    if _RESIDES_EN.search(then) or _RESIDES_KO.search(then):
        if _has_place(then):
            words = text[first.start : first.end]
            for pattern in (_PERSON_AGED_EN, _PERSON_AGED_KO):
                out.extend(Finding(first.start + m.start(), first.start + m.end(), _TOWN_AGED, -1)
                           for m in pattern.finditer(words))
    return out


# Each pattern with a cheap test for a word it cannot match without (most drafts have none of them).
_LATIN = re.compile(r"[A-Za-z]")
_KO_NAME_GATE = re.compile(r"씨|모\s|\(\s*\d|이름|별명|가명")
_KO_AGE_GATE = re.compile(r"\d0대|\d\s*[세살]")
_CANDIDATE = (
    (_LATIN, _NAME_EN), (_LATIN, _NAME_AGE_EN), (_LATIN, _RANK_NAME_EN), (_KO_NAME_GATE, _NAME_KO),
    (_KO_AGE_GATE, _TOWN_AGED_KO), (_LATIN, _TOWN_AGED_EN), (_LATIN, _TOWN_AGED_EXACT_EN), (_LATIN, _PERSON_AGED_EN),
    (_KO_AGE_GATE, _PERSON_AGED_KO),
)


def _in_sentence(text: str, sentence: Sentence) -> list[Finding]:
    words = text[sentence.start : sentence.end]
    if FICTION.search(words):
        return []
    out: list[Finding] = []
    names = [m for m in (*_NAME_EN.finditer(words), *_NAME_AGE_EN.finditer(words), *_RANK_NAME_EN.finditer(words))
             if not _LEADERS.search(words, max(0, m.start() - 6), m.end())]
    korean = list(_NAME_KO.finditer(words))
    if names:
        if any(m.re is not _NAME_EN for m in names) or _AGE_EN.search(words):
            cue = _NAMED_AGE
        elif _OCCUPATION_EN.search(words) or _has_place(words):
            cue = _NAMED_PLACE
        else:
            cue = None
        if cue is not None:
            end = sentence.start + max(m.end() for m in names)
            out.append(Finding(sentence.start + names[0].start(), end, cue, -1))
    if korean:
        if _AGE_KO.search(words) or _RANK_KO.search(words):
            cue = _NAMED_AGE
        elif _OCCUPATION_KO.search(words) or _PLACE_KO.search(words):
            cue = _NAMED_PLACE
        else:
            cue = None
        if cue is not None:
            end = sentence.start + max(m.end() for m in korean)
            out.append(Finding(sentence.start + korean[0].start(), end, cue, -1))
    for pattern in (_TOWN_AGED_KO, _TOWN_AGED_EN):
        out.extend(Finding(sentence.start + m.start(), sentence.start + m.end(), _TOWN_AGED, -1)
                   for m in pattern.finditer(words))
    out.extend(Finding(sentence.start + m.start(), sentence.start + m.end(), _TOWN_AGED, -1)
               for m in _TOWN_AGED_EXACT_EN.finditer(words) if _has_place(m.group()))
    for aged in _PERSON_AGED_EN.finditer(words):
        where = _LIVES_WORKS_AFTER.match(words, aged.end())
        towns = [m for m in places_in(where.group()) if m.level != "province"] if where is not None else []
        if where is not None and towns:
            end = where.start() + towns[-1].end
            out.append(Finding(sentence.start + aged.start(), sentence.start + end, _TOWN_AGED, -1))
    for pattern, day in ((_PERSON_AGED_EN, _DAY_EN), (_PERSON_AGED_KO, _DAY_KO)):
        person = pattern.search(words)
        if person is None:
            continue
        clause = words[words.rfind(";", 0, person.start()) + 1 : _clause_end(words, person.end())]
        if day.search(clause) is not None and _has_place(clause):
            out.append(Finding(sentence.start + person.start(), sentence.start + person.end(), _AGED_DAY, -1))
    return out


def _has_place(words: str) -> bool:
    """A place below the province in the sentence (a city, county or district)."""
    return any(match.level != "province" for match in places_in(words))


def _clause_end(words: str, at: int) -> int:
    """End of the clause that goes on from ``at``: the next semicolon, or the sentence's end."""
    stop = words.find(";", at)
    return stop if stop >= 0 else len(words)
