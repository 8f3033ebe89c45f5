"""The layout of a published report: which lines are story and which are page furniture.

A news page as stored holds more than the story: the headline and sub-headlines,
photo captions and their credits, bylines, datelines ("SEOUL (Reuters) –"), the
page date, share buttons, related-article lists and comment notices. Only the story
states incidents and sets the time and place of the narrative. A headline restates
the story's incident (so it adds evidence, not a new incident); a caption describes a
picture, often of another time and place ("Photographed in 2012"); a dateline says
where the reporter filed from and a page date when the page was made. This module
tells these apart line by line, from how pages are laid out in general, so that the
readers of each language can leave furniture out.

Desk testimonies have none of this: a text whose lines all end in sentence
punctuation is all story.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Line", "Part", "PageLayout", "read_layout"]

Part = Literal["story", "headline", "caption", "furniture"]

# Matched on the lower-cased line, stripped.
_FURNITURE_LINE = re.compile(
    r"^(?:share(?: this)?|advertisement|prev(?:ious)?(?:\s+next)?|next|read more|leave a comment|"
    r"related(?: articles?| stories| news| posts?)?|more (?:stories|news|from [\w ]{1,30})|see also|tags?|"
    r"comments?|sponsored(?: by)?|send a link to a friend|news\s*\.{3}|quantcast|this week's flyers|"
    r"home\b.{0,120}|skip to .{0,80}|menu|search|subscribe|print|email|top stories|latest news|"
    r"\(?from [a-z ]{2,30}\)?|[\w .'-]{2,40} staff|\d+ min(?:ute)?s? read)$"
)
_FURNITURE_ANYWHERE = re.compile(
    r"your email address will not be published|we encourage all readers|this article is more than|"
    r"all rights reserved|©|copyright \d|click here|sign up for|newsletter|https?://|www\.|"
    r"^\[?source\s*:|^date\s*:|^posted (?:on|by)\b|^by [a-z][\w.'-]*(?: [a-z][\w.'-]*){0,3}\s*(?:$|[/|,])"
)
# A line that is a date and little else ("Monday May 27, 2019", "Tue, Feb 19, 2019 - Page 13").
_DATE_WORDS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
    r"\b\d{1,4}(?:st|nd|rd|th)?\b|\b(?:page|news|list|updated|published|am|pm|kst|gmt|utc|edt|est|date)\b|[-/:,.|•\[\]()]"
)
_CREDIT = re.compile(
    r"\bphoto(?:graph)?s?\s*(?::|by\b|credit|courtesy)|\bphotographed\b|\bimage\s*:|/\s*image\b|\(photo\b|"
    r"\bgetty\b|\bfile photo\b|\bpicture (?:said|released|taken|shows)|\bundated (?:picture|photo|image)\b|"
    r"\bscreen ?(?:shot|grab)\b|\bcaptured from\b|\bcourtesy of\b|\bpictured\b|\billustration\s*:"
)
# A dateline opens the first paragraph: "SEOUL —", "SEOUL, South Korea (AP) --", "[June 12, 2013] SEOUL (AP) --".
_DATELINE = re.compile(
    r"\s*(?:\[[^\]\n]{4,40}\]\s*)?(?:date \d{4}-\d\d-\d\d\s+)?"
    r"(?:[A-Z][A-Z'.-]{2,20}(?: [A-Z][A-Z'.-]{1,20}){0,2}(?:, [A-Z][A-Za-z.]{1,20}(?: [A-Z][A-Za-z.]{1,20}){0,2})?"
    r"\s*(?:\([A-Za-z .'-]{2,30}\))?\s*(?:--|[—–•-])\s*)?"
)
_PAGE_DATE_PREFIX = re.compile(r"\s*date \d{4}-\d\d-\d\d\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")


@dataclass(frozen=True)
class Line:
    """One line of the page: ``[start, end)`` into the whole text and what it is."""

    start: int
    end: int
    part: Part


@dataclass(frozen=True)
class PageLayout:
    """The lines of a text, and the stretches (datelines) that are furniture inside story lines."""

    lines: tuple[Line, ...]
    skipped: tuple[tuple[int, int], ...] = ()

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [line.start for line in self.lines]

    def part_at(self, position: int) -> Part:
        """What the line holding ``position`` is (story for a text without lines)."""
        i = bisect.bisect_right(self._starts, position) - 1
        if i < 0 or position >= self.lines[i].end:
            return "story"
        return self.lines[i].part

    def is_furniture(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies in a caption, furniture line or dateline."""
        i = bisect.bisect_right(self.skipped, (start, 1 << 62)) - 1
        if i >= 0 and self.skipped[i][0] <= start and end <= self.skipped[i][1]:
            return True
        return self.part_at(start) in ("caption", "furniture")

    @property
    def is_page(self) -> bool:
        """Whether the text is laid out as a page (headlines, captions or furniture found)."""
        return any(line.part != "story" for line in self.lines)


def read_layout(text: str, start: int = 0) -> PageLayout:
    """The layout of ``text[start:]``, line by line.

    Example:
        >>> page = read_layout("Police arrest two in Hyesan\\n\\nSEOUL (AP) -- Police arrested two men.\\n")
        >>> [line.part for line in page.lines]
        ['headline', 'story']
        >>> page.skipped
        ((29, 43),)
    """
    raw: list[tuple[int, int]] = []
    cursor = start
    for piece in text[start:].split("\n"):
        s, e = cursor, cursor + len(piece)
        cursor = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            raw.append((s, e))
    raw = _unwrapped(text, raw)
    parts: list[Part] = [_part_of(text[s:e]) for s, e in raw]
    _captions_by_credit(text, raw, parts)
    lines = tuple(Line(s, e, p) for (s, e), p in zip(raw, parts, strict=True))
    skipped: list[tuple[int, int]] = []
    story_seen = False
    for line in lines:
        if line.part != "story":
            continue
        prefix = _PAGE_DATE_PREFIX.match(text, line.start, line.end)
        if prefix:
            skipped.append((line.start, prefix.end()))
        elif not story_seen:
            dateline = _DATELINE.match(text, line.start, line.end)
            if dateline and dateline.end() > line.start and _WORD.search(text, dateline.end(), line.end):
                skipped.append((line.start, dateline.end()))
        story_seen = True
    if not any(p != "story" for p in parts) and not skipped:
        return PageLayout(lines)
    return PageLayout(lines, tuple(skipped))


def _unwrapped(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines of a hard-wrapped paragraph joined into one: a line that does not end a sentence
    runs on into the next line when no blank line parts them and the next starts in lower case
    ("... sentenced the 21-year-old student during a one-hour trial,\nwhich lasted ..."), or when
    it is a long line ending in a lower-case word, as headlines seldom are."""
    out: list[tuple[int, int]] = []
    for s, e in raw:
        if out:
            ps, pe = out[-1]
            previous = text[ps:pe]
            attached = text.count("\n", pe, s) == 1
            last = _WORD.findall(previous[-40:])
            runs_on = text[s].islower() or (
                len(_WORD.findall(previous)) >= 8 and bool(last) and last[-1][0].islower()
            )
            if attached and runs_on and not _SENTENCE_END.search(previous) and not _part_is_furniture(previous):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _part_is_furniture(line: str) -> bool:
    lower = line.lower()
    return bool(_FURNITURE_LINE.match(lower) or _FURNITURE_ANYWHERE.search(lower) or _CREDIT.search(lower))


def _part_of(line: str) -> Part:
    lower = line.lower()
    if _FURNITURE_LINE.match(lower) or _FURNITURE_ANYWHERE.search(lower) or _only_a_date(lower):
        return "furniture"
    if _CREDIT.search(lower):
        return "caption"
    if line.startswith(("◆", "■", "▲", "▶", "•")) and not _SENTENCE_END.search(line):
        return "headline"
    words = _WORD.findall(line)
    if 1 <= len(words) <= 25 and not _SENTENCE_END.search(line) and not line.rstrip().endswith((",", ";", ":")):
        return "headline"
    return "story"


def _only_a_date(lower: str) -> bool:
    if not re.search(r"\d", lower) or len(lower) > 80:
        return False
    rest = _DATE_WORDS.sub(" ", lower)
    return len(_WORD.findall(rest)) <= 1


def _captions_by_credit(text: str, raw: list[tuple[int, int]], parts: list[Part]) -> None:
    """Lines that belong to a picture: a title of a few words just above its caption, and short
    lines just above or below a bare credit ("Photo: AFP")."""
    for i, part in enumerate(list(parts)):
        if part != "caption":
            continue
        credit_only = len(_WORD.findall(text[raw[i][0] : raw[i][1]])) <= 6
        for j in (i - 1, i + 1):
            if 0 <= j < len(raw) and parts[j] in ("headline", "story"):
                words = len(_WORD.findall(text[raw[j][0] : raw[j][1]]))
                title = j < i and parts[j] == "headline" and words <= 5
                if title or (credit_only and words <= 15):
                    parts[j] = "caption"
