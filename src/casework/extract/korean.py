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
   story so far: the date last told (kept no finer than a month, since the text
   does not give the day for this clause), the reporter's province ("함경북도
   소식통") or the place last named.
4. Clauses telling more of the same incident (same type, no conflicting date or
   place) are merged into one mention with several evidence spans; holding people
   already arrested continues the arrest; being made to watch belongs to the
   execution watched.

Every span is an offset into the whole text as given, header included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from casework.extract.ko_counts import KoreanCount, find_korean_counts
from casework.extract.ko_cues import (
    CUSTODY_CONTEXT,
    FIRST_PERSON,
    HEARSAY,
    REPATRIATION_CONTEXT,
    RUMOUR,
    SPECULATION,
    Cue,
    find_cues,
)
from casework.extract.ko_dates import KoreanDate, Resolved, find_korean_dates
from casework.extract.ko_places import KoreanOrgan, KoreanPlace, find_korean_organs, find_korean_places
from casework.extract.ko_segments import Segment, Sentence, Word, korean_sentences
from casework.intake.header import split_header
from casework.model import EvidenceSpan, Mention, Place, Victims

__all__ = ["extract_korean"]

_EVENT_TYPES = frozenset({"arrest", "detention", "execution", "disappearance"})
_CONDITION_PROOF = frozenset({"forced_labour_or_mobilisation", "torture_or_ill_treatment"})
_DESTINATION_TYPES = frozenset({"forced_labour_or_mobilisation", "forced_repatriation", "detention"})
_SUBORDINATE = frozenset({"and", "but", "background", "and_go", "conditional", "purpose"})
_EXECUTION_NEARBY = re.compile(r"처형|총살|공개재판|사형")
_ATTENDANCE = re.compile(r"지켜봐야|지켜보게|구경하게|불려 ?나가")
_ONE_PERSON = re.compile(
    r"(?:^|\s)(?:(?:이|그) (?:남성|여성|남자|여자|사람|청년|학생|주민|노인)|나는|내가|나를|저는|제가|저를)"
    r"(?=\s|[은는이가을를도])"
)
_NOT_LOCATIVE = re.compile(r"\s?(?:말씨|말투|사투리|출신)")
_LEAD = re.compile(r"^(?:소식통에 따르면|소식통은|소식통이|이어|또|또한|그리고)\s")
_TRAIL = " \t\r\n\"'“”.,"


@dataclass
class _Draft:
    """A mention being assembled from one or more clauses."""

    type: str
    sentence: int
    date: Resolved | None
    date_span: KoreanDate | None
    explicit_date: bool
    place: KoreanPlace | None
    fallback_place: Place | None
    organ: KoreanOrgan | None
    count: KoreanCount | None
    relation: str
    relation_span: tuple[int, int] | None
    evidence: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def province(self) -> str | None:
        if self.place is not None:
            return self.place.province
        return self.fallback_place.province if self.fallback_place else None


@dataclass
class _Story:
    """What the text has said so far: its places, organs, dates and counts, in order."""

    text: str
    body_start: int
    ref: date | None
    places: list[KoreanPlace]
    organs: list[KoreanOrgan]
    dates: list[KoreanDate]
    counts: list[KoreanCount]
    narrator: bool
    reporter: Place | None


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
    header, body_start = split_header(text, "testimony")
    ref = received
    if ref is None and header.get("received"):
        ref = date.fromisoformat(header["received"])
    body = text[body_start:]
    if not body.strip():
        return []
    story = _read_story(text, body_start, ref)
    drafts: list[_Draft] = []
    for sentence in korean_sentences(text, body_start):
        for i, segment in enumerate(sentence.segments):
            following = sentence.segments[i + 1] if i + 1 < len(sentence.segments) else None
            _read_segment(story, sentence, segment, following, drafts)
    return [_mention(story, d) for d in drafts]


def _read_story(text: str, body_start: int, ref: date | None) -> _Story:
    body = text[body_start:]
    places = find_korean_places(text, body_start)
    year = ref.year if ref else None
    reporter: Place | None = None
    where = body.find("소식통")
    if where >= 0:
        line_start = max(body.rfind(".", 0, where), body.rfind("\n", 0, where)) + 1 + body_start
        before = [p for p in places if line_start <= p.start < body_start + where and not p.foreign]
        if before:
            county = next((p.county_or_city for p in reversed(before) if p.county_or_city), None)
            reporter = Place(before[0].province, county)
    return _Story(
        text=text,
        body_start=body_start,
        ref=ref,
        places=places,
        organs=find_korean_organs(text, body_start, year=year),
        dates=find_korean_dates(text, ref, None, body_start),
        counts=find_korean_counts(text, body_start),
        narrator=where < 0 and FIRST_PERSON.search(body) is not None,
        reporter=reporter,
    )


def _predicate_class(segment: Segment, position: int) -> str:
    """How the predicate governing the cue at ``position`` ends (through a noun to its verb)."""
    words = segment.words
    for i, word in enumerate(words):
        if word.start <= position < word.end:
            if word.predicate:
                return _word_class(words, i)
            for j in range(i + 1, len(words)):
                if words[j].predicate:
                    return _word_class(words, j)
            return segment.ending
    return segment.ending


def _word_class(words: tuple[Word, ...], i: int) -> str:
    j = i
    while words[j].ending in ("serial", "and_go") and j + 1 < len(words) and words[j + 1].aux_first:
        j += 1
    return words[j].ending


def _choose_cue(story: _Story, segment: Segment) -> tuple[Cue, int, int] | None:
    cues = find_cues(story.text, segment.start, segment.end)
    if not cues:
        return None
    stated = [c for c in cues if _predicate_class(segment, c[1]) not in ("adnominal", "nominal")]
    if stated:
        return max(stated, key=lambda c: (c[0].priority, c[1]))
    has_date = any(segment.start <= d.start < segment.end and d.resolved for d in story.dates)
    strong = [c for c in cues if c[0].strong]
    if strong and has_date:
        return max(strong, key=lambda c: (c[0].priority, c[1]))
    return None


def _in(items: list[KoreanPlace] | list[KoreanOrgan] | list[KoreanDate] | list[KoreanCount], start: int, end: int):  # type: ignore[no-untyped-def]
    return [x for x in items if start <= x.start < end]


def _read_segment(
    story: _Story, sentence: Sentence, segment: Segment, following: Segment | None, drafts: list[_Draft]
) -> None:
    text = story.text
    chosen = _choose_cue(story, segment)
    if chosen is None:
        return
    cue, cue_start, cue_end = chosen
    seg_text = text[segment.start : segment.end]
    tail_end = following.end if following is not None and segment.ending == "quote" else segment.end
    if SPECULATION.search(text, segment.start, tail_end):
        return
    sentence_text = text[sentence.start : sentence.end]
    type_ = cue.type
    if cue.role == "death":
        if "총" in seg_text:
            type_ = "execution"
        elif not CUSTODY_CONTEXT.search(text, story.body_start, segment.end):
            return
    if cue.role == "handover" and not REPATRIATION_CONTEXT.search(sentence_text):
        return
    if cue.role == "crossing" and not REPATRIATION_CONTEXT.search(text, story.body_start):
        return
    attendance = cue.role == "attendance" or (
        type_ == "forced_labour_or_mobilisation"
        and (_EXECUTION_NEARBY.search(sentence_text) is not None or _ATTENDANCE.search(seg_text) is not None)
    )
    if attendance:
        target = next((d for d in reversed(drafts) if d.type == "execution"), None)
        if target is not None:
            target.evidence.append(("incident", segment.start, segment.end))
        return
    if segment.after_conditional and type_ not in _CONDITION_PROOF:
        return
    own_dates = [d for d in _in(story.dates, segment.start, segment.end) if d.resolved or not d.anaphoric]
    own_places = _in(story.places, segment.start, segment.end)
    own_organs = _in(story.organs, segment.start, segment.end)
    if type_ in _EVENT_TYPES and segment.ending in _SUBORDINATE:
        if segment.ending == "background" or not (own_dates or own_places or own_organs):
            return
    if cue.role == "custody":
        arrest = next((d for d in reversed(drafts) if d.type == "arrest"), None)
        if arrest is not None:
            arrest.evidence.append(("incident", segment.start, segment.end))
            return
    draft = _draft(story, sentence, segment, type_, own_dates, own_places, own_organs, tail_end)
    draft.evidence.append(("type", cue_start, cue_end))
    target = next((d for d in reversed(drafts) if d.type == type_), None)
    if target is not None and _compatible(target, draft):
        _merge(target, draft)
    else:
        drafts.append(draft)


def _draft(
    story: _Story,
    sentence: Sentence,
    segment: Segment,
    type_: str,
    own_dates: list[KoreanDate],
    own_places: list[KoreanPlace],
    own_organs: list[KoreanOrgan],
    tail_end: int,
) -> _Draft:
    text = story.text
    date_span = next((d for d in own_dates if d.resolved), own_dates[0] if own_dates else None)
    explicit = date_span is not None
    if date_span is None:
        earlier = [d for d in _in(story.dates, sentence.start, segment.start) if d.resolved]
        date_span = earlier[-1] if earlier else None
        explicit = date_span is not None
    resolved = date_span.resolved if date_span else None
    if date_span is None:
        context = [d for d in story.dates if d.end <= segment.start and d.resolved]
        if context and context[-1].resolved is not None:
            resolved = _coarsen(context[-1].resolved)
    elif date_span.kind == "anaphor":
        explicit = False
    place = _choose_place(own_places, type_)
    if place is None:
        earlier_places = _in(story.places, sentence.start, segment.start)
        place = earlier_places[-1] if earlier_places else None
    fallback = None if place is not None else _fallback_place(story, segment.start)
    organ = own_organs[0] if own_organs else None
    if organ is None:
        earlier_organs = _in(story.organs, sentence.start, segment.start)
        organ = earlier_organs[-1] if earlier_organs else None
    counts = _in(story.counts, segment.start, segment.end)
    if not counts and _ONE_PERSON.search(text, segment.start, segment.end):
        counts = [KoreanCount(segment.start, segment.start, "", 1)]
    relation, relation_span = _relation(story, sentence, segment, tail_end)
    start, end = _trim(text, segment.start, segment.end)
    return _Draft(
        type=type_,
        sentence=sentence.index,
        date=resolved,
        date_span=date_span,
        explicit_date=explicit,
        place=place,
        fallback_place=fallback,
        organ=organ,
        count=counts[0] if counts else None,
        relation=relation,
        relation_span=relation_span,
        evidence=[("incident", start, end)],
    )


def _coarsen(resolved: Resolved) -> Resolved:
    """A date carried over from an earlier clause keeps at most its month."""
    if resolved.precision != "day":
        return resolved
    first = resolved.first.replace(day=1)
    return Resolved(first.isoformat()[:7], "month", first)


def _choose_place(places: list[KoreanPlace], type_: str) -> KoreanPlace | None:
    if not places:
        return None
    home = [p for p in places if not p.foreign]
    if not home:
        return places[0]
    return home[-1] if type_ in _DESTINATION_TYPES else home[0]


def _fallback_place(story: _Story, before: int) -> Place | None:
    """Where the story is when a clause names no place: the reporter's area, or the place last named."""
    text = story.text
    seen = [
        p
        for p in story.places
        if p.end <= before and not p.foreign and not _NOT_LOCATIVE.match(text, p.end, min(len(text), p.end + 4))
    ]
    if story.reporter is not None:
        county = next(
            (p.county_or_city for p in reversed(seen) if p.province == story.reporter.province and p.county_or_city),
            story.reporter.county_or_city,
        )
        return Place(story.reporter.province, county)
    if seen:
        last = seen[-1]
        return Place(last.province, last.county_or_city, last.site)
    return None


def _relation(story: _Story, sentence: Sentence, segment: Segment, tail_end: int) -> tuple[str, tuple[int, int] | None]:
    text = story.text
    end = sentence.end
    rumour = RUMOUR.search(text, segment.start, end)
    if rumour:
        return "second-hand", rumour.span()
    if story.narrator:
        hearsay = HEARSAY.search(text, segment.start, end)
        if hearsay:
            return "second-hand", hearsay.span()
        return "first-hand", None
    witnessed = re.compile(r"직접 (?:봤|보았|목격)|목격했").search(text, sentence.start, end)
    if witnessed:
        return "first-hand", witnessed.span()
    return "unknown", None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRAIL:
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    lead = _LEAD.match(text[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    return start, end


def _compatible(target: _Draft, draft: _Draft) -> bool:
    if target.explicit_date and draft.explicit_date and target.date and draft.date:
        if target.date.iso != draft.date.iso:
            return False
    if target.place is not None and draft.place is not None:
        a, b = target.place, draft.place
        if a.foreign or b.foreign:
            return a.foreign == b.foreign
        if a.province != b.province:
            return False
        if a.county_or_city and b.county_or_city and a.county_or_city != b.county_or_city:
            return False
    return True


def _merge(target: _Draft, draft: _Draft) -> None:
    target.evidence.extend(draft.evidence)
    if draft.explicit_date and not target.explicit_date:
        target.date, target.date_span, target.explicit_date = draft.date, draft.date_span, True
    if target.place is None and draft.place is not None:
        target.place, target.fallback_place = draft.place, None
    if target.organ is None:
        target.organ = draft.organ
    if target.count is None:
        target.count = draft.count
    if target.relation == "unknown" and draft.relation != "unknown":
        target.relation, target.relation_span = draft.relation, draft.relation_span


def _mention(story: _Story, draft: _Draft) -> Mention:
    text = story.text
    spans: list[tuple[str, int, int]] = []
    seen: set[tuple[str, int, int]] = set()
    extra: list[tuple[str, int, int]] = []
    if draft.date_span is not None and draft.explicit_date:
        extra.append(("date", draft.date_span.start, draft.date_span.end))
    if draft.place is not None:
        extra.append(("place", draft.place.start, draft.place.end))
    if draft.organ is not None:
        extra.append(("perpetrator", draft.organ.start, draft.organ.end))
    if draft.count is not None:
        extra.append(("victims", draft.count.start, draft.count.end))
    if draft.relation_span is not None:
        extra.append(("relation", *draft.relation_span))
    for item in (*draft.evidence, *extra):
        if item not in seen and item[1] < item[2]:
            seen.add(item)
            spans.append(item)
    if draft.place is not None:
        place = Place(draft.place.province, draft.place.county_or_city, draft.place.site)
    else:
        place = draft.fallback_place or Place()
    count = draft.count
    description = None
    if count is not None:
        noun = count.text.split(" ")[0]
        description = noun if noun and not noun[0].isdigit() and noun != count.text else None
    return Mention(
        type=draft.type,
        date=draft.date.iso if draft.date else None,
        date_text=draft.date_span.text if draft.date_span is not None and draft.explicit_date else None,
        date_precision=draft.date.precision if draft.date else None,
        place=place,
        perpetrator=draft.organ.perpetrator if draft.organ else None,
        victims=Victims(count.count if count else None, (count.text or None) if count else None, description),
        relation=draft.relation,
        evidence=tuple(EvidenceSpan(name, s, e, text[s:e]) for name, s, e in spans),
    )
