"""Korean testimony -> incident mentions, each field pointing back at its words.

The steps follow how a Korean report is read:

1. Segment the body into clauses (:mod:`ko_segments`): the clause's verb ending
   says whether it states something (-다), links (-며, -고), sets a background
   (-는데), a condition (-면), or only modifies a noun (-ㄴ/-던).
2. A clause whose predicate carries an incident cue (:mod:`ko_cues`) becomes a
   candidate; a cue inside a modifier ("잡힌 사람들") is background and counts only
   when the clause has its own date. Speculation ("것 같다", "소문") and
   consequences of a condition ("나가면 잡아갔다") are not incidents.
3. Fields come from the clause, else from the sentence before it, else from the
   story so far (:mod:`ko_story`): the date last told (kept no finer than a month,
   since the text does not give the day for this clause), the reporter's province
   ("함경북도 소식통") or the place last named.
4. Clauses telling more of the same incident are merged (:mod:`ko_drafts`); holding
   people already arrested continues the arrest; being made to watch belongs to
   the execution watched.

Every span is an offset into the whole text as given, header included.
"""

from __future__ import annotations

import contextlib
import copy
import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from typing import Any

from casework.extract.ko_counts import KoreanCount
from casework.extract.ko_cues import (
    CROWD,
    CUSTODY_CONTEXT,
    FIRST_PERSON,
    GENERIC,
    HEARSAY,
    OFFENCE,
    OFFICIALS,
    ORDER,
    REPATRIATION_CONTEXT,
    RUMOUR,
    SAID_AFTER,
    SPECULATION,
    Cue,
    find_cues,
)
from casework.extract.ko_dates import KoreanDate, Resolved
from casework.extract.ko_drafts import Draft, Drafts
from casework.extract.ko_places import KoreanOrgan, KoreanPlace
from casework.extract.ko_segments import MAX_AUXILIARIES, Segment, Sentence, korean_sentences_many
from casework.extract.ko_story import KoreanStory, Positions, read_story
from casework.intake.header import split_header
from casework.model import Mention

__all__ = ["extract_korean", "extract_korean_many"]

_REACH = 300
_EVENT_TYPES = frozenset({"arrest", "detention", "execution", "disappearance"})
_CONDITION_PROOF = frozenset({"forced_labour_or_mobilisation", "torture_or_ill_treatment"})
_DESTINATION_TYPES = frozenset({"forced_labour_or_mobilisation", "forced_repatriation", "detention"})
_SUBORDINATE = frozenset({"and", "but", "background", "and_go", "conditional", "purpose"})
_FOREIGN_ACTORS = frozenset({"Chinese public security", "Russian authorities"})
# "옌지로 송환됐다": sent on to another Chinese city, not back to North Korea.
_TOWARDS = re.compile(r"(?:\([^)]{1,8}\))?\s?(?:등지?)?(?:으로|로)(?![가-힣])")
# Relatives of someone else held or taken for that person's act: "김씨의 어머니", "리 씨 친인척", "탈북자 가족".
_KIN = (
    r"(?:가족|일가족|어머니|아버지|부모|아내|안해|남편|아이|자녀|자식|아들|딸|형제|동생|남동생|여동생|형|누나|언니|오빠|식구"
    r"|친인척|일가친척)"
)
_FAMILY_OF_ANOTHER = re.compile(
    rf"(?:(?:의|씨)\s?{_KIN}|(?:탈북자|탈북민|탈북)(?:들)?(?:의)?\s?(?:가족|가정)|친인척|일가친척)(?:들)?(?!에|의|을|를|로|으로)"
)
_HELD = frozenset({"detention"})
_EARLIER_STEPS = frozenset({"arrest", "forced_repatriation"})
# Told in passing: "…하는 사건도 발생했다", "체포했을 때에도", "보도한 바 있다", "당시".
_IN_PASSING = re.compile(
    r"(?:사건|일|사례)도 (?:발생|있었|일어|벌어)|때에도|[한된던] 바 있|(?<![가-힣])당시(?![가-힣])"
)
# Dates that do not state a time of their own: counted from another date ("나흘 만에") or vague ("최근").
_NOT_STATED = frozenset({"anaphor", "vague", "after", "days_after"})
_EXECUTION_NEARBY = re.compile(r"처형|총살|재판(?!소)|사형|공개\s?비판|공개\s?투쟁")
_ONE_PERSON = re.compile(
    r"(?<![가-힣])(?:(?:이|그) (?:남성|여성|남자|여자|사람|청년|학생|주민|노인)|나는|내가|나를|저는|제가|저를)"
    r"(?=\s|[은는이가을를도])"
)
_THEY = re.compile(r"(?<![가-힣])이들(?:은|이|도|을|의)?(?![가-힣])")
_REPORTED_AS = ("알려", "전해", "확인", "파악", "밝혀")
_EVENT_NOUNS = ("사건", "일이", "일도", "사례")
_HAPPENED = ("발생", "있었", "있다", "일어", "벌어")
_HELD_EVENT = ("열렸", "열리", "열려", "진행됐", "진행되", "개최")
_AFTER_IT = re.compile(r"(?:뒤|후|다음|직후|이후)(?:에|에는|에도)?,?")
_ONGOING = re.compile(r"고 있[다는]|고 있습니다")
_WITNESSED = re.compile(r"직접 (?:봤|보았|목격)|목격했")
_LEAD = re.compile(
    r"(?:[가-힣]{1,8}\s){0,3}?소식통(?:에 따르면|은|이|도)\s(?:또\s|\d{1,2}일\s)?|(?:이어|또|또한|그리고)\s"
)
# "탐지기를 동원해 색출했다": what is mobilised is the means of what the clause goes on to tell.
_MEANS = re.compile(r"동원(?:해|하여|해서)\s")
# A verb that modifies a noun with something done ("개봉한", "탈북했던", "입국한"), not a quality ("심한").
_DONE_BEFORE = re.compile(r"[가-힣]{2,}(?:한|된|던)$")
_TRAIL = " \t\r\n\"'“”.,"
# "A와 B에서 각각 N명과 M명이": the counts go with the places in the order listed.
_RESPECTIVELY = re.compile(r"(?<![가-힣])각각(?![가-힣])")


def extract_korean(text: str, received: date | None) -> list[Mention]:
    """Incident mentions of a Korean testimony, with evidence spans into ``text``.

    Args:
        text: the whole testimony file as read, optionally starting with a header block.
        received: the date relative dates refer to; the header's ``received`` when None.

    Example:
        >>> [m.type for m in extract_korean('양강도 소식통은 "지난 14일 주민 3명이 보위부에 체포됐다"고 전했다.',
        ...                                  date(2016, 6, 24))]
        ['arrest']
    """
    (mentions,) = extract_korean_many([(text, received)])
    return mentions


def extract_korean_many(documents: Sequence[tuple[str, date | None]]) -> list[list[Mention]]:
    """The mentions of each ``(text, received)``, as :func:`extract_korean` gives them, for many at once.

    The morphological analysis of every document goes to Kiwi in one call, which
    runs it on the analyser's worker threads while the documents already analysed
    are read here: on two cores a desk's backlog is extracted in well under the
    time of one call per document.

    Example:
        >>> [len(m) for m in extract_korean_many([("주민 3명이 체포됐다.", date(2020, 1, 9)), ("", None)])]
        [1, 0]
    """
    stories: list[KoreanStory | None] = []
    for text, received in documents:
        header, body_start = split_header(text, "testimony")
        ref = received
        if ref is None and header.get("received"):
            ref = date.fromisoformat(header["received"])
        stories.append(read_story(text, body_start, ref) if text[body_start:].strip() else None)
    spans = [(s.text, s.body_start, s.end) for s in stories if s is not None]
    with contextlib.closing(korean_sentences_many(spans)) as analysed:
        return [_mentions(story, next(analysed)) if story is not None else [] for story in stories]


def _mentions(story: KoreanStory, sentences: list[Sentence]) -> list[Mention]:
    drafts = Drafts()
    for sentence in sentences:
        for i, segment in enumerate(sentence.segments):
            following = sentence.segments[i + 1] if i + 1 < len(sentence.segments) else None
            _read_segment(story, sentence, segment, following, drafts)
    drafts.settle_trials()
    drafts.mark_earlier_years(story.ref)
    return [d.to_mention(story.text) for d in drafts.items]


class _Clause:
    """One segment being read: its words' endings looked up by position, and its neighbourhood.

    ``start``/``end`` bound the part of the segment that tells one incident (the whole
    segment unless :func:`_units` split it); cues, counts and evidence come from that
    part, while dates, places and organs the part lacks come from the whole segment.
    """

    def __init__(self, story: KoreanStory, sentence: Sentence, segment: Segment, following: Segment | None) -> None:
        self.story = story
        self.sentence = sentence
        self.segment = segment
        self.start = segment.start
        self.end = segment.end
        self.borrowed: tuple[Cue, int, int] | None = None
        self.places: list[KoreanPlace] | None = None  # the item's own place in a list told "각각"
        self.tail_end = following.end if following is not None and segment.ending == "quote" else segment.end
        self.near_start = max(sentence.start, segment.start - _REACH)
        self.near_end = min(sentence.end, segment.end + _REACH)
        self._starts = [w.start for w in segment.words]
        self._next_predicate: list[int] = [-1] * len(segment.words)
        upcoming = -1
        for i in range(len(segment.words) - 1, -1, -1):
            if segment.words[i].predicate:
                upcoming = i
            self._next_predicate[i] = upcoming

    def predicate_class(self, position: int) -> str:
        """How the predicate governing the cue at ``position`` ends (through a noun to its verb)."""
        i = bisect_right(self._starts, position) - 1
        if i < 0 or self._next_predicate[i] < 0:
            return self.segment.ending
        words = self.segment.words
        j = first = self._next_predicate[i]
        while words[j].ending in ("serial", "and_go") and j + 1 < min(len(words), first + MAX_AUXILIARIES):
            if not words[j + 1].aux_first:
                break
            j += 1
        if words[j].ending == "adnominal" and j + 1 < len(words) and _AFTER_IT.fullmatch(words[j + 1].text):
            return "and"  # "체포된 뒤 연락이 끊겼다": after the arrest, so the arrest happened
        if words[j].ending == "adnominal" and j + 2 < len(words):
            if words[j + 1].text == "것으로" and words[j + 2].text.startswith(_REPORTED_AS):
                return "reported"  # "체포된 것으로 알려졌다": reported, not a modifier
            k = j + 1
            while k + 1 < len(words) and k < j + 3 and words[k].ending == "adnominal":
                k += 1  # "열리는 기이한 사건도 있었다"
            happened = k + 1 < len(words) and words[k + 1].text.startswith(_HAPPENED)
            if happened and words[k].text.startswith(_EVENT_NOUNS):
                return "final"  # "총살당하는 사건이 발생했다": the incident happened
            if k + 1 < len(words) and words[k + 1].text.startswith(_HELD_EVENT):
                return "final"  # "주민 수만 명을 동원한 군중집회가 열렸다": the gathering was held so
        return words[j].ending

    def negated(self, position: int) -> bool:
        """Whether the predicate governing the cue at ``position`` is negated ("없었다", "잡히지 않았다")."""
        i = bisect_right(self._starts, position) - 1
        if i < 0 or self._next_predicate[i] < 0:
            return False
        words = self.segment.words
        j = self._next_predicate[i]
        if words[j].text.startswith(("없", "않", "못")) or (j > 0 and words[j - 1].text in ("안", "못")):
            return True
        return words[j].text.endswith("지") and j + 1 < len(words) and words[j + 1].text.startswith(("않", "못"))

    def dates_other(self, found: KoreanDate, cue_end: int) -> bool:
        """Whether ``found`` dates a modifier before the cue, not the cue: "2019년 개봉한 영화를 본 … 체포됐다".

        A time right before a verb that modifies a noun ("10년 전 탈북했던 여성") is that
        verb's time; the cue's own time stands elsewhere or is not told.
        """
        i = bisect_right(self._starts, found.end)
        words = self.segment.words
        if i == 0 or i >= len(words) or words[i].end >= cue_end or words[i - 1].end != found.end:
            return False  # "그해 여름에는 …": a time with its particle is the clause's
        word = words[i]
        if not (word.predicate and word.ending == "adnominal" and _DONE_BEFORE.search(word.text)):
            return False
        return not find_cues(self.story.text, word.start, word.end)

    def in_noun(self, position: int) -> bool:
        """Whether the cue at ``position`` is a noun (its word holds no verb)."""
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and not self.segment.words[i].predicate

    def part(self, start: int, end: int, borrowed: tuple[Cue, int, int] | None = None) -> _Clause:
        """The same clause narrowed to ``[start, end)``, optionally with the cue it shares with a sibling."""
        narrowed = copy.copy(self)
        narrowed.start, narrowed.end, narrowed.borrowed = start, end, borrowed
        return narrowed

    def own(self, found: Positions[Any]) -> list[Any]:
        """What ``found`` holds inside this part, else inside the whole segment."""
        inside = found.between(self.start, self.end)
        if inside or (self.start, self.end) == (self.segment.start, self.segment.end):
            return inside
        return found.between(self.segment.start, self.segment.end)


def _cues(clause: _Clause) -> list[tuple[Cue, int, int]]:
    """The clause's cues, less those naming an offence ("살해한 혐의로") or a transfer within China ("옌지로 송환")."""
    text = clause.story.text
    cues = find_cues(text, clause.start, clause.end)
    places = clause.story.places.between(clause.start, clause.end)
    abroad = any(p.foreign and _TOWARDS.match(text, p.end) for p in places)
    kept = [
        c
        for c in cues
        if not OFFENCE.match(text, c[2], min(clause.end, c[2] + 30))
        and not ORDER.match(text, c[2], min(clause.end, c[2] + 40))
        and not (abroad and c[0].type == "forced_repatriation" and "북송" not in text[c[1] : c[2]])
    ]
    return [c for c in kept if not (_MEANS.match(text, c[1]) and any(o[1] > c[2] and o[0] != c[0] for o in kept))]


def _choose_cue(clause: _Clause) -> tuple[Cue, int, int] | None:
    cues = _cues(clause)
    if not cues:
        return clause.borrowed
    # "Could not go out" is what a lockdown is; other negated cues deny the incident.
    cues = [c for c in cues if c[0].type == "other" or not clause.negated(c[1])]
    if not cues:
        return None
    stated = [c for c in cues if clause.predicate_class(c[1]) not in ("adnominal", "nominal")]
    if stated:
        return max(stated, key=lambda c: (c[0].priority, c[1]))
    has_date = any(d.resolved for d in clause.story.dates.between(clause.start, clause.end))
    strong = [c for c in cues if c[0].strong]
    if strong and has_date:
        return max(strong, key=lambda c: (c[0].priority, c[1]))
    if clause.segment.ending in ("final", "quote"):
        # A noun inside a modifier of the clause's object still says what the clause is
        # about ("전파탐지기를 단 차량을 돌리고 있다"); a verb there only describes.
        nouns = [c for c in cues if not c[0].strong and c[0].role == "event" and clause.in_noun(c[1])]
        if nouns:
            return max(nouns, key=lambda c: (c[0].priority, c[1]))
    return None


def _incident_type(clause: _Clause, cue: Cue) -> str | None:
    """The cue's type once its role is checked against the story; None when it is no incident here."""
    story, text = clause.story, clause.story.text
    if cue.role == "death":
        if "총" in text[clause.start : clause.end]:
            return "execution"
        return cue.type if story.custody_from is not None and story.custody_from < clause.end else None
    beaten_by_officials = OFFICIALS.search(text, clause.start, clause.end) is not None
    if cue.role == "beating" and not (
        beaten_by_officials or CUSTODY_CONTEXT.search(text, clause.near_start, clause.near_end)
    ):
        return None
    if cue.role == "handover" and not REPATRIATION_CONTEXT.search(text, clause.near_start, clause.near_end):
        return None
    if cue.role == "crossing" and not story.repatriation_named:
        return None
    return cue.type


def _read_segment(
    story: KoreanStory, sentence: Sentence, segment: Segment, following: Segment | None, drafts: Drafts
) -> None:
    clause = _Clause(story, sentence, segment, following)
    for unit in _units(clause):
        _read_unit(unit, drafts)


def _units(clause: _Clause) -> list[_Clause]:
    """The parts of a segment that each tell their own incident; usually the segment itself.

    Two shapes of Korean news split one clause:

    - a distributive list, counts separated by commas or 과/와, where each item
      names its own place in another province or its own type ("함경북도에서 3명,
      양강도에서 5명이 체포됐다"; "2명은 총살형을, 1명은 무기징역형을 받았다");
      an item without a cue shares the predicate of its neighbour;
    - a chain of predicates ("1명을 공개처형하고 16명을 징역형에 처한데 이어")
      where a later link has another type and its own count or date.
    """
    return _distributed(clause) or _chained(clause) or [clause]


def _best(cues: list[tuple[Cue, int, int]]) -> tuple[Cue, int, int] | None:
    """The cue that names the incident among ``cues``: the most specific, then the last."""
    events = [c for c in cues if c[0].role not in ("attendance", "trial")]
    return max(events, key=lambda c: (c[0].priority, c[1])) if events else None


def _distributed(clause: _Clause) -> list[_Clause] | None:
    story, text = clause.story, clause.story.text
    segment = clause.segment
    counts = story.counts.between(segment.start, segment.end)
    cuts: list[int] = []
    for left, right in zip(counts, counts[1:], strict=False):
        gap = text[left.end : right.start]
        comma = gap.rfind(",")
        if comma >= 0:
            cuts.append(left.end + comma + 1)
        elif gap[:1] in ("과", "와"):
            cuts.append(left.end + 1)
    if not cuts:
        return None
    bounds = [segment.start, *cuts, segment.end]
    spans = list(zip(bounds, bounds[1:], strict=False))
    cues = [_best(_cues(clause.part(a, b))) for a, b in spans]
    places = [_distinct(story.places.between(a, b)) for a, b in spans]
    types = {c[0].type for c in cues if c is not None}
    named = [p for found in places for p in found]
    distinct_places = len(named) >= 2 and len(set(named)) == len(named) and all(len(p) <= 1 for p in places)
    respective = _respective(clause, spans)
    if len(types) < 2 and not distinct_places and respective is None:
        return None
    parts: list[_Clause] = []
    for i, (a, b) in enumerate(spans):
        later = next((c for c in cues[i + 1 :] if c), None)
        shared = later or next((c for c in reversed(cues[:i]) if c), None)
        part = clause.part(a, b, shared if cues[i] is None else None)
        if respective is not None:
            part.places = [respective[i]]
        parts.append(part)
    return parts


def _distinct(places: list[KoreanPlace]) -> list[tuple[str | None, str | None]]:
    """The different North Korean places among ``places``, a province named with its city counted once."""
    keys: list[tuple[str | None, str | None]] = []
    for place in places:
        if place.foreign or place.province is None:
            continue
        key = (place.province, place.county_or_city)
        if keys and keys[-1][0] == key[0] and (keys[-1][1] is None or key[1] is None):
            keys[-1] = (key[0], keys[-1][1] or key[1])  # "양강도 혜산시": one place
        elif key not in keys:
            keys.append(key)
    return keys


def _respective(clause: _Clause, spans: list[tuple[int, int]]) -> list[KoreanPlace] | None:
    """One place per item for "A와 B에서 각각 N명과 M명": the places listed before the counts, in order."""
    story, text = clause.story, clause.story.text
    found = _RESPECTIVELY.search(text, clause.segment.start, clause.segment.end)
    if found is None:
        return None
    listed = [p for p in story.places.between(clause.segment.start, spans[0][1]) if not p.foreign and p.province]
    places: list[KoreanPlace] = []
    for place in listed:
        if places and places[-1].province == place.province and places[-1].county_or_city is None:
            places[-1] = place  # "함경북도 회령시": the city says more
        elif places and places[-1].province == place.province and place.county_or_city is None:
            continue
        else:
            places.append(place)
    return places if len(places) == len(spans) else None


def _chained(clause: _Clause) -> list[_Clause] | None:
    story = clause.story
    segment = clause.segment
    cues = [c for c in _cues(clause) if c[0].role not in ("attendance", "trial")]
    if len({c[0].type for c in cues}) < 2:
        return None
    # The best cue from each position to the segment's end, for one pass over the words.
    suffix: list[tuple[Cue, int, int] | None] = [None] * (len(cues) + 1)
    for i in range(len(cues) - 1, -1, -1):
        after = suffix[i + 1]
        suffix[i] = _best([cues[i], after] if after else [cues[i]])
    parts: list[_Clause] = []
    start, left, k = segment.start, None, 0
    for word in segment.words[:-1]:
        while k < len(cues) and cues[k][1] < word.end:
            left = _best([cues[k], left] if left else [cues[k]])
            k += 1
        if not word.predicate or word.ending not in ("and_go", "serial", "and"):
            continue
        right = suffix[k]
        if left is None or right is None or left[0].type == right[0].type:
            continue
        if story.counts.between(word.end, right[1]) or story.dates.between(word.end, right[1]):
            parts.append(clause.part(start, word.end))
            start, left = word.end, None
    if not parts:
        return None
    parts.append(clause.part(start, segment.end))
    return parts


def _read_unit(clause: _Clause, drafts: Drafts) -> None:
    if clause.story.in_caption(clause.start):
        return
    chosen = _choose_cue(clause)
    if chosen is None:
        return
    cue, cue_start, cue_end = chosen
    story, segment, text = clause.story, clause.segment, clause.story.text
    if SPECULATION.search(text, segment.start, clause.tail_end) or SAID_AFTER.match(text, segment.end):
        return
    if GENERIC.search(text, clause.sentence.start, clause.sentence.end):
        return
    type_ = _incident_type(clause, cue)
    if type_ is None:
        return
    crowd = _crowd(clause)
    if crowd is not None and (cue.role == "attendance" or type_ == "forced_labour_or_mobilisation"):
        # "공개재판이 열렸고 주민들이 강제로 참석했다": the trial is told too, then its crowd.
        trial = next((c for c in _cues(clause) if c[0].role == "trial" and c[1] < crowd[0]), None)
        if trial is None:
            _add_crowd(clause, crowd, drafts)
            return
        (cue, cue_start, cue_end), type_ = trial, trial[0].type
    if cue.role == "attendance":
        return
    if segment.after_conditional and type_ not in _CONDITION_PROOF:
        return
    own_dates = [
        d for d in clause.own(story.dates) if (d.resolved or not d.anaphoric) and not clause.dates_other(d, cue_end)
    ]
    own_places = clause.places if clause.places is not None else clause.own(story.places)
    own_organs = clause.own(story.organs)
    continuation = False
    if type_ in _EVENT_TYPES and segment.ending in _SUBORDINATE:
        stated = [d for d in own_dates if d.kind != "vague"]
        # "이달 초 주민 2명이 행방불명됐는데 …": a background clause with its own time and place states it.
        background = segment.ending == "background" and not (stated and own_places)
        if background or not (stated or own_places or own_organs):
            # A bare linked clause only adds to an incident already told ("남성 2명이 총살되었으며").
            if background or drafts.last(type_) is None:
                return
            continuation = True
    if type_ == "detention" and cue.role in ("custody", "event"):
        arrest = drafts.last("arrest")
        if _held_abroad(own_places, own_organs, arrest):
            # Held by Chinese police on the way to repatriation: still the arrest.
            capture = next((c for c in _cues(clause) if c[0].type == "arrest"), None)
            if capture is None:
                if arrest is not None:
                    arrest.evidence.append(("incident", *_trim(text, clause.start, clause.end)))
                return
            cue, cue_start, cue_end = capture
            type_ = "arrest"
    if type_ in _HELD and _FAMILY_OF_ANOTHER.search(text, clause.start, cue_start):
        type_ = "punishment_of_family"
    draft = _draft(clause, type_, _dates_for(own_dates, cue_start), own_places, own_organs)
    draft.evidence.append(("type", cue_start, cue_end))
    draft.trial = cue.role == "trial"
    draft.background = _IN_PASSING.search(text, clause.start, clause.tail_end) is not None
    if continuation:
        last = drafts.last(type_)
        if last is not None:
            last.absorb(draft)
        return
    drafts.add(draft)
    if crowd is not None:
        _add_crowd(clause, crowd, drafts)
    _background_capture(clause, cue_start, draft, drafts)


def _held_abroad(places: list[KoreanPlace], organs: list[KoreanOrgan], arrest: Draft | None) -> bool:
    """Whether people are held outside North Korea (by the police who arrested them there)."""
    if any(not p.foreign for p in places):
        return False
    if places or any(o.perpetrator in _FOREIGN_ACTORS for o in organs):
        return True
    if arrest is None:
        return False
    return bool(
        (arrest.place is not None and arrest.place.foreign)
        or (arrest.organ is not None and arrest.organ.perpetrator in _FOREIGN_ACTORS)
    )


def _crowd(clause: _Clause) -> tuple[int, int] | None:
    """Where the clause tells of people made to watch a public trial or execution, if it does."""
    text = clause.story.text
    found = CROWD.search(text, clause.start, clause.end)
    near_start = max(clause.story.body_start, clause.start - _REACH)
    if found is None or not _EXECUTION_NEARBY.search(text, near_start, clause.near_end):
        return None
    return found.span()


def _add_crowd(clause: _Clause, crowd: tuple[int, int], drafts: Drafts) -> None:
    """The crowd made to watch is its own mobilisation, on the day and at the place of what it watched."""
    story = clause.story
    own_dates = [d for d in clause.own(story.dates) if d.resolved]
    draft = _draft(clause, "forced_labour_or_mobilisation", own_dates, clause.own(story.places), [])
    before = [c for c in story.counts.between(clause.start, crowd[0]) if crowd[0] - c.end <= 4]
    draft.count = before[-1] if before else None
    watched = drafts.last("execution") or drafts.last("other") or drafts.last("detention")
    if watched is not None:
        if not draft.explicit_date:
            draft.date, draft.date_span, draft.explicit_date = watched.date, watched.date_span, watched.explicit_date
        if draft.place is None:
            draft.place, draft.fallback_place = watched.place, watched.fallback_place
        draft.organ = draft.organ or watched.organ
    draft.evidence.append(("type", *crowd))
    drafts.add(draft)


def _background_capture(clause: _Clause, main_cue: int, main: Draft, drafts: Drafts) -> None:
    """An earlier step told as a modifier with a time of its own is its own incident.

    "지난해 10월 공안에 체포된 탈북민" (arrested last October) and "지난해 12월 북송된
    탈북민" (sent back last December) name what was done to the people before what
    the clause tells of them now.
    """
    story = clause.story
    for cue, start, end in find_cues(story.text, clause.start, main_cue):
        if cue.type not in _EARLIER_STEPS - {main.type} or cue.role != "event":
            continue
        if clause.predicate_class(start) != "adnominal":
            continue
        dates = [d for d in story.dates.between(clause.start, start) if d.resolved is not None]
        if not dates or (main.date is not None and dates[-1].resolved == main.date):
            continue
        told = dates[-1]
        places = story.places.between(told.start, end)
        organs = story.organs.between(told.start, end)
        capture = _draft(clause, cue.type, [told], places, organs)
        capture.count = main.count
        capture.evidence.append(("type", start, end))
        capture.background = True
        drafts.add(capture)
        return


def _dates_for(dates: list[KoreanDate], cue_start: int) -> list[KoreanDate]:
    """The clause's dates, the one nearest before the cue first: an earlier date may belong to a modifier."""
    before = [d for d in dates if d.start < cue_start]
    if len(before) < 2:
        return dates
    nearest = before[-1]
    return [nearest, *(d for d in dates if d is not nearest)]


def _draft(
    clause: _Clause,
    type_: str,
    own_dates: list[KoreanDate],
    own_places: list[KoreanPlace],
    own_organs: list[KoreanOrgan],
) -> Draft:
    story, text = clause.story, clause.story.text
    date_span = next((d for d in own_dates if d.resolved), own_dates[0] if own_dates else None)
    if date_span is None:
        earlier = [d for d in story.dates.between(clause.near_start, clause.start) if d.resolved]
        date_span = earlier[-1] if earlier else None
    explicit = date_span is not None and date_span.kind not in _NOT_STATED
    resolved = date_span.resolved if date_span else None
    if date_span is None:
        context = story.context_date(clause.start)
        resolved = _coarsen(context) if context else None
        if resolved is None and story.ref is not None and _ONGOING.search(text, clause.start, clause.near_end):
            resolved = Resolved(str(story.ref.year), "year", story.ref.replace(month=1, day=1))
    place = _choose_place(own_places, type_)
    if place is None:
        earlier_places = [
            p for p in story.places.between(clause.near_start, clause.start) if p.start not in story.source_places
        ]
        home = [p for p in earlier_places if not p.foreign]
        nearest = home or earlier_places
        place = nearest[-1] if nearest else None
    organ = own_organs[0] if own_organs else None
    if organ is None:
        earlier_organs = story.organs.between(clause.near_start, clause.start)
        organ = earlier_organs[-1] if earlier_organs else None
    abroad = organ is not None and organ.perpetrator in _FOREIGN_ACTORS and all(p.foreign for p in own_places)
    if abroad and (place is None or not place.foreign):
        place = None
    fallback = None if place is not None or abroad else story.fallback_place(clause.start)
    implied = None
    if organ is None and type_ == "forced_repatriation" and story.repatriation_named:
        implied = "Chinese public security"
    counts = story.counts.between(clause.start, clause.end)
    more = bool(counts) and text.startswith("도", counts[0].end)  # "300여 명도": another group of people
    if not counts and _THEY.search(text, clause.start, clause.end):
        group = story.counts.last_before(clause.start, lambda c: c.count is not None)
        counts = [group] if group is not None else []
    if not counts and _ONE_PERSON.search(text, clause.near_start, clause.end):
        counts = [KoreanCount(clause.start, clause.start, "", 1)]
    relation, relation_span = _relation(clause)
    return Draft(
        type=type_,
        date=resolved,
        date_span=date_span,
        explicit_date=explicit,
        place=place,
        fallback_place=fallback,
        organ=organ,
        count=counts[0] if counts else None,
        relation=relation,
        relation_span=relation_span,
        evidence=[("incident", *_trim(text, clause.start, clause.end))],
        implied_perpetrator=implied,
        separate=more,
        headline=story.in_headline(clause.start),
    )


def _coarsen(resolved: Resolved) -> Resolved:
    """A date carried over from an earlier clause keeps at most its month."""
    if resolved.precision != "day":
        return resolved
    first = resolved.first.replace(day=1)
    return Resolved(first.isoformat()[:7], "month", first)


def _choose_place(places: list[KoreanPlace], type_: str) -> KoreanPlace | None:
    """The clause's own place: the most specific; where people were sent to for transfers and labour."""
    if not places:
        return None
    home = [p for p in places if not p.foreign]
    if not home:
        return places[0]
    home = [p for p in home if p.county_or_city] or home
    return home[-1] if type_ in _DESTINATION_TYPES else home[0]


def _relation(clause: _Clause) -> tuple[str, tuple[int, int] | None]:
    """First-hand, second-hand or unknown, with the words that say so."""
    story, text = clause.story, clause.story.text
    end = clause.near_end
    rumour = RUMOUR.search(text, clause.start, end)
    if rumour:
        return "second-hand", rumour.span()
    if story.narrator or story.told_by_other:
        hearsay = HEARSAY.search(text, clause.start, end)
        if hearsay:
            return "second-hand", hearsay.span()
        own = FIRST_PERSON.search(text, clause.near_start, end)
        if story.narrator and (own or not story.told_by_other):
            return "first-hand", own.span() if own else None
        return "second-hand", None
    witnessed = _WITNESSED.search(text, clause.near_start, end)
    if witnessed:
        return "first-hand", witnessed.span()
    return "unknown", None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause without surrounding quotes, punctuation and the reporter's "소식통에 따르면"."""
    while start < end and text[start] in _TRAIL:
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    lead = _LEAD.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    return start, end
