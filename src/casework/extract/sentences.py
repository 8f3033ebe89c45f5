"""Sentences and clauses of English testimony, as offsets into the whole text.

A sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a closing quote)
before whitespace and a capital letter or quote, or at a blank line. Abbreviations
common in reports ("No. 12", "Dr. Ri", "U.S.") do not end a sentence. Offsets are
kept so that every evidence span is a slice of the file as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "reporting_frame_end", "split_sentences"]

_END = re.compile(r"(?<=[.!?])[\"”’']?(?=\s+[\"“‘'A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:No|Dr|Mr|Mrs|Ms|St|Mt|U\.S|vs|approx|Lt|Col|Gen|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)$"
)
_FRAME = re.compile(
    r"^(?P<lead>[^.\"“]{0,120}?)\b(?:sources?|contacts?|residents?|traders?|informants?|correspondents?|officials?|"
    r"witness(?:es)?|relatives?|cousins?|friends?|merchants?|smugglers?|husband|wife|son|daughter|mother|father|"
    r"brother|sister|defectors?|workers?)\b[^.\"“]{0,100}?"
    r"\b(?:told|tells|informed|reported|said|says|wrote|writes|explained|added|messaged|texted)"
    r"(?: to)?(?: (?:us|RFA|reporters?|Daily NK|this (?:reporter|newspaper)|the desk|me|Radio Free Asia))?"
    r"[^\"“]{0,60}? that\b ?",
)


# An attribution set after what it attributes: "X was sent to a camp, the source said": a clause
# with a verb, a comma, then the source ("On Friday, a source said that" is a frame).
_TOLD_BEFORE = re.compile(r"\w[\w'\")]*,\s+(?:the|a|an|one|another|his|her|their|our)?\s*(?:[\w-]+\s+){0,3}$")
_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|been|\w{3,}ed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``[start, end)`` into the whole text, and its text."""

    start: int
    end: int
    text: str


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of ``text[start:]``, trimmed of surrounding whitespace.

    Example:
        >>> [s.text for s in split_sentences("He left. She stayed at No. 12 Street.")]
        ['He left.', 'She stayed at No. 12 Street.']
    """
    out: list[Sentence] = []
    cursor = start
    for m in _END.finditer(text, start):
        blank_line = "\n" in m.group()
        if not blank_line and _ABBREVIATIONS.search(text, max(0, m.start() - 6), m.start()):
            continue
        _append(out, text, cursor, m.start() if blank_line else m.end())
        cursor = m.end()
    _append(out, text, cursor, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def reporting_frame_end(sentence: str) -> int:
    """Where the reported content starts after a frame such as "A source ... told us on March 4 that".

    Dates inside the frame say when the source spoke, not when the incident happened.
    """
    if " that" not in sentence[:300]:
        return 0  # every frame ends in "that"; most sentences have none near their start
    m = _FRAME.match(sentence)
    if m is None:
        return 0
    told = _TOLD_BEFORE.search(m.group("lead"))
    if told and _VERB.search(m.group("lead"), 0, told.start() + 1):
        return 0  # "X was sent to a camp, the source said, adding that ...": what comes first is told too
    return m.end()
