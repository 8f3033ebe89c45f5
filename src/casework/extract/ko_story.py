"""What a Korean testimony has told so far: places, organs, dates and counts, by position.

A clause often leaves its date or place unsaid because the story already gave it:
"소식통은 또 ..." continues in the reporter's province, "그해 여름" in the year last
named. The story keeps every place, organ, date and count found in the text in
position order, with bisection indexes, so that "the last date before this
clause" or "the places inside this clause" cost a logarithm, not a scan: hostile
text with thousands of clauses stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

from casework.extract.ko_counts import KoreanCount, find_korean_counts
from casework.extract.ko_cues import CUSTODY_CONTEXT, FIRST_PERSON, HEARSAY_FRAME, REPATRIATION_CONTEXT
from casework.extract.ko_dates import KoreanDate, Resolved, find_korean_dates
from casework.extract.ko_places import KoreanOrgan, KoreanPlace, find_korean_organs, find_korean_places
from casework.model import Place

__all__ = ["KoreanStory", "Positions", "read_story"]

_LOOK_BACK = 200
# Where a news page stops telling its story: a list of other headlines ("관련기사", "많이 본 뉴스",
# or items separated by "ㆍ") after the article. Nothing after it is about this story.
_PAGE_LISTS = re.compile(
    r"^[ \t]*(?:관련\s?기사|많이\s?본\s?(?:뉴스|기사|정보)|인기\s?(?:기사|뉴스)|추천\s?기사|핫\s?뉴스|주요\s?뉴스"
    r"|최신\s?기사|이 시각 주요뉴스)[ \t]*$"
    r"|ㆍ(?=[^\nㆍ]{2,120}ㆍ)",
    re.MULTILINE,
)
_MAX_HEADLINE = 120
# A caption: "[사진]", "(사진=…)", "/사진=…", "자료사진", "영상 캡처" on a line of its own.
_CAPTION = re.compile(
    r"^[^\n]*?(?:[\[(【]\s?(?:사진|자료\s?사진|영상|그래픽|캡처)|사진\s?=|/\s?사진|자료\s?사진|캡처\s?[\])】]?\s*$)[^\n]*$",
    re.MULTILINE,
)
_MAX_CAPTION = 300
# A line that ends as a sentence does: "-다.", "-요.", or any full stop, closing quotes aside.
_SENTENCE_END = re.compile(r"(?:[다요]\s?[.!?]?|[.!?])[\s\"'”’)\]]*$")
_NOT_LOCATIVE = re.compile(r"\s?(?:말씨|말투|사투리|출신)")
# A place that says where the source is: "함경남도 소식통", "양강도 혜산시의 한 내부 소식통".
_SOURCE_AFTER = re.compile(
    r"(?:\s?[가-힣]{1,6}(?:시|군|구역))?(?:의|에 있는|에 사는)?\s?(?:한\s)?(?:내부\s?|현지\s?|대북\s?|북한\s)?소식통"
)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Spanned)


class Positions(Generic[T]):
    """Things found in the text, sorted by start, looked up by position."""

    def __init__(self, items: list[T]) -> None:
        self.items = sorted(items, key=lambda item: item.start)
        self._starts = [item.start for item in self.items]

    def between(self, start: int, end: int) -> list[T]:
        """The items that start inside ``[start, end)``."""
        return self.items[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def last_before(self, position: int, wanted: Callable[[T], bool]) -> T | None:
        """The nearest item ending at or before ``position`` that is ``wanted`` (within a bounded look-back)."""
        i = bisect_left(self._starts, position) - 1
        for j in range(i, max(-1, i - _LOOK_BACK), -1):
            item = self.items[j]
            if item.end <= position and wanted(item):
                return item
        return None


@dataclass
class KoreanStory:
    """The testimony's text and everything located in it."""

    text: str
    body_start: int
    ref: date | None
    places: Positions[KoreanPlace]
    organs: Positions[KoreanOrgan]
    dates: Positions[KoreanDate]
    counts: Positions[KoreanCount]
    narrator: bool
    told_by_other: bool
    reporter: Place | None
    reporter_at: int
    source_places: frozenset[int]
    custody_from: int | None
    repatriation_named: bool
    end: int = -1
    headlines: tuple[tuple[int, int], ...] = ()
    captions: tuple[tuple[int, int], ...] = ()

    def in_headline(self, position: int) -> bool:
        """Whether ``position`` lies in a headline-like line (title, subtitle, caption): no sentence ending."""
        return any(start <= position < end for start, end in self.headlines)

    def in_caption(self, position: int) -> bool:
        """Whether ``position`` lies in a photo or video caption ("[사진] ...", "... /사진=매체")."""
        return any(start <= position < end for start, end in self.captions)

    def context_date(self, position: int) -> Resolved | None:
        """The date the story was at before ``position``."""
        found = self.dates.last_before(position, lambda d: d.resolved is not None)
        return found.resolved if found is not None else None

    def fallback_place(self, before: int) -> Place | None:
        """Where the story is when a clause names no place: the place last named, else where the source is.

        The source's own location ("함경남도 소식통은") says where the reporter's
        contact lives, not where the incident happened; it is used only when the
        story has named no place before the clause.
        """

        def locative(place: KoreanPlace) -> bool:
            tail = self.text[place.end : place.end + 4]
            return not place.foreign and place.start not in self.source_places and not _NOT_LOCATIVE.match(tail)

        last = self.places.last_before(before, locative)
        if last is not None:
            return Place(last.province, last.county_or_city, last.site)
        if self.reporter is not None and self.reporter_at < before:
            return self.reporter
        return None


def story_end(text: str, body_start: int) -> int:
    """Where the story ends: at the first list of other articles' headlines after it, else the text's end."""
    found = _PAGE_LISTS.search(text, body_start)
    return found.start() if found is not None else len(text)


def headline_lines(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Short lines that do not end as a sentence: headlines, subtitles, captions, bylines.

    A news page tells its incident first in such lines and again in the article; the
    mention comes from the article, the headline adds only what the article leaves out.
    """
    out: list[tuple[int, int]] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        line = text[position:stop].strip()
        if line and len(line) <= _MAX_HEADLINE and not _SENTENCE_END.search(line):
            out.append((position, stop))
        position = stop + 1
    return tuple(out)


def caption_lines(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Lines that caption a picture: they describe an image (often an old one), not the story's incident."""
    return tuple(
        (m.start(), m.end()) for m in _CAPTION.finditer(text, start, end) if m.end() - m.start() <= _MAX_CAPTION
    )


def read_story(text: str, body_start: int, ref: date | None) -> KoreanStory:
    """Locate every place, organ, date and count of the body once, and how the testimony is told.

    A testimony is a *narrator's* when it speaks in the first person and names no
    "소식통" (the reporter's source); *told by another* when it frames itself as
    something heard ("조카에게서 들은 이야기"). The reporter's area is the place named
    before the first "소식통" ("함경북도 청진시 소식통은").
    """
    end = story_end(text, body_start)
    body = text[body_start:end]
    places = find_korean_places(text, body_start, end)
    reporter: Place | None = None
    where = body.find("소식통")
    if where >= 0:
        line_start = max(body.rfind(".", 0, where), body.rfind("\n", 0, where)) + 1 + body_start
        before = [p for p in places if line_start <= p.start < body_start + where and not p.foreign]
        if before:
            county = next((p.county_or_city for p in reversed(before) if p.county_or_city), None)
            reporter = Place(before[0].province, county)
    sources = [p for p in places if not p.foreign and _SOURCE_AFTER.match(text, p.end)]
    if sources:
        first = sources[0]
        county = first.county_or_city or next(
            (p.county_or_city for p in sources[1:] if p.province == first.province and p.county_or_city), None
        )
        reporter, where = Place(first.province, county), first.start - body_start
    custody = CUSTODY_CONTEXT.search(text, body_start, end)
    return KoreanStory(
        text=text,
        body_start=body_start,
        ref=ref,
        places=Positions(places),
        organs=Positions(find_korean_organs(text, body_start, end, year=ref.year if ref else None)),
        dates=Positions(find_korean_dates(text, ref, None, body_start, end)),
        counts=Positions(find_korean_counts(text, body_start, end)),
        narrator=where < 0 and FIRST_PERSON.search(text, body_start, end) is not None,
        told_by_other=where < 0 and HEARSAY_FRAME.search(text, body_start, end) is not None,
        reporter=reporter,
        reporter_at=body_start + where if where >= 0 else end,
        source_places=frozenset(p.start for p in sources),
        custody_from=custody.start() if custody else None,
        repatriation_named=REPATRIATION_CONTEXT.search(text, body_start, end) is not None,
        end=end,
        headlines=headline_lines(text, body_start, end),
        captions=caption_lines(text, body_start, end),
    )
