"""Sentences and clause segments of a draft, as offsets into the draft.

The check reports spans as offsets into the draft exactly as given, so nothing here
normalises the text: a sentence or a segment is a ``(start, end)`` pair. Segments are
the pieces an editor would cut — appositions between commas and relative clauses
("who sells noodles ...", "whose sister lives in Seoul") — because a risky detail is
best shown, and replaced, as the whole clause that carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "segment_bounds", "split_sentences", "trim_span"]

_ABBREVIATIONS = frozenset({"no", "mr", "mrs", "ms", "dr", "st", "u.s", "u.n", "vs", "etc", "e.g", "i.e", "jan", "feb"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=\S)|(?<=[다요음함])[.!?]?[\"'”’]*\s+(?=\S)|\n\s*\n")
_SEGMENT_BREAK = re.compile(
    r"\s*[,;:]\s+|\s+[—–]\s+|\s*(?:,\s*)?\band\s+(?=(?:who|whose)\b)|\s+(?=(?:who|whose|whom)\b)",
)
_LEADING_JUNK = re.compile(r"(?:and|but|or|is|was|are|were)\s+", re.IGNORECASE)
_TRAILING_JUNK = re.compile(r"(?:[\s,;:.!?\"'“”‘’]|\band)+$")


@dataclass(frozen=True)
class Sentence:
    """A sentence ``[start, end)`` of the draft and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int
    heading: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a Markdown or plain-text draft, headings and blank-line paragraphs kept apart.

    Example:
        >>> [text[s.start:s.end] for s in split_sentences(text := "One. Two.\\n\\n# H")]
        ['One.', 'Two.', '# H']
    """
    return list(_split_cached(text))


@lru_cache(maxsize=4)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    """The check splits the same draft in several places (English, Korean, people, estimate): split it once."""
    out: list[Sentence] = []
    paragraph = 0
    position = 0
    for block in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start = block.start()
        if text[position:start].count("\n") >= 2:
            paragraph += 1
        position = block.end()
        heading = block.group().lstrip().startswith("#")
        cursor = start
        for brk in _SENTENCE_END.finditer(text, start, block.end()):
            word = re.search(r"([\w.]+)[.]$", text[max(cursor, brk.start() - 6) : brk.start()])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
            _append(out, text, cursor, brk.start(), paragraph, heading)
            cursor = brk.end()
        _append(out, text, cursor, block.end(), paragraph, heading)
    return tuple(out)


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int, heading: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph, heading))


def segment_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause segments of ``text[start:end]``: split at commas, dashes and relative pronouns."""
    bounds: list[tuple[int, int]] = []
    cursor = start
    for brk in _SEGMENT_BREAK.finditer(text, start, end):
        if brk.start() > cursor:
            bounds.append((cursor, brk.start()))
        cursor = brk.end()
    if cursor < end:
        bounds.append((cursor, end))
    trimmed = [trim_span(text, s, e) for s, e in bounds]
    return [(s, e) for s, e in trimmed if e > s]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading conjunctions/copulas and trailing punctuation, quotes and a dangling "and"."""
    while start < end and (text[start].isspace() or text[start] in "\"“”'‘’,;:"):
        start += 1
    lead = _LEADING_JUNK.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    tail = _TRAILING_JUNK.search(text[start:end])
    if tail:
        end = start + tail.start()
    return start, end
