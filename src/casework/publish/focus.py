"""Which sentences of an English draft are about a source, and which part of each.

Whether a detail is risky depends on whom it describes. "A man in his thirties was
arrested" is the story; "our source, a woman in her sixties" is a lead to the person
who spoke. A sentence is *about a source* when it names one (our source, one of
them, a letter written by ..., SRC-14, "told us"), or when it continues one with a
pronoun or with a noun the previous source sentence introduced ("The nurse ...").

Within such a sentence the *region* about the source is the part before a reporting
verb ("Our source, a truck driver at the mine, | said soldiers ...") — what follows
"said" is the account, not the speaker. Sentences about the same person form a
*chain*, so the anonymity estimate multiplies only details of one person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.publish.sentences import Sentence

__all__ = ["Focus", "find_focus"]

_CAPS = r"(?:[A-Z][\w'’-]*\s+){0,3}"
_SOURCE_NOUN = r"(?:source|informant|witness|eyewitness|interviewee|speaker|contact|resident|caller)"
_ANCHORS = (
    re.compile(
        rf"\b(?:our|the|one|a|an|another|this|that)\s+(?:(?:main|first|second|third|fourth|other|same|local|key|new"
        rf"|original)\s+)?{_CAPS}{_SOURCE_NOUN}\b(?!s\b)",
        re.IGNORECASE,
    ),
    re.compile(r"\bone\s+of\s+(?:them|the\s+two|the\s+three|our\s+sources|the\s+sources|the\s+witnesses)\b", re.I),
    re.compile(r"^\W*the\s+other,", re.I),
    re.compile(
        r"\b(?:account|letter|testimony|message|call|first|second|third|other)\s+(?:came|comes|come)\s+from\b", re.I
    ),
    re.compile(r"\b(?:written|given|sent|told)\b[^.,]{0,30}\bby\s+(?:a|an|one|our)\b", re.I),
    re.compile(r"\bSRC-\d+\b"),
    re.compile(
        r"\b(?:told|tell|tells|telling|spoke\s+to|speak\s+to|speaks\s+to|speaking\s+to|contacted|contacts|called|calls"
        r"|reached|wrote\s+to|writes\s+to)\s+(?:us|RFA|Casework|our\s+reporter)\b",
        re.I,
    ),
    re.compile(
        r"^[^\w\"“]*(?:a|an|one|our|another)\s+(?:[\w'’-]+[\s,]+){0,8}?(?:woman|man|person|trader|worker|teacher|nurse"
        r"|farmer|driver|clerk|student|defector|refugee|escapee|returnee)\b[^.]*?\b(?:said|says|told|described"
        r"|recalled|explained)\b",
        re.I,
    ),
)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|recalled|described|explained|noted|claimed|insisted|put\s+the\s+(?:number"
    r"|date))\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.I)
_DEFINITE_START = re.compile(r"^\W*the\s+(?:same\s+)?([a-z][\w-]*)\b", re.I)
_NEW_CHAIN = re.compile(r"\b(?:one|a|an|another|second|third|other|first)\b|SRC-\d+", re.I)


@dataclass(frozen=True)
class Focus:
    """A sentence about a source: its region about the source and its chain (one per person)."""

    sentence: Sentence
    region: tuple[int, int]
    chain: int


_PLURAL_BEFORE = re.compile(
    r"\b(?:people|residents|sources|others|witnesses|those|they|them|both)\s+(?:who\s+)?(?:had\s+|have\s+)?$", re.I
)


def _anchor(text: str) -> re.Match[str] | None:
    found = [
        m
        for pattern in _ANCHORS
        for m in pattern.finditer(text)
        if not _PLURAL_BEFORE.search(text[: m.start()])
    ]
    return min(found, key=lambda m: m.start()) if found else None


def find_focus(text: str, sentences: list[Sentence]) -> list[Focus]:
    """The sentences of ``text`` about a source, in order.

    Example:
        >>> from casework.publish.sentences import split_sentences
        >>> draft = "Agents came. Our source, a nurse, said so. She is 40."
        >>> [draft[f.region[0]:f.region[1]] for f in find_focus(draft, split_sentences(draft))]
        ['Our source, a nurse, ', 'She is 40.']
    """
    out: list[Focus] = []
    recent: list[tuple[int, Focus]] = []
    chain = -1
    body = [s for s in sentences if not s.heading]
    for index, sentence in enumerate(body):
        words = text[sentence.start : sentence.end]
        anchor = _anchor(words)
        recent = [(i, f) for i, f in recent if index - i <= 2]
        continues = False
        if anchor is None and recent:
            previous = text[recent[-1][1].region[0] : recent[-1][1].region[1]].lower()
            definite = _DEFINITE_START.match(words)
            if definite:
                continues = re.search(rf"\b{re.escape(definite.group(1).lower())}\b", previous) is not None
            else:
                continues = _PRONOUN.search(words) is not None
        if anchor is None and not continues:
            continue
        if anchor is not None and (chain < 0 or _NEW_CHAIN.search(anchor.group()) or not recent):
            chain += 1
        region = _region(words, anchor)
        focus = Focus(sentence, (sentence.start + region[0], sentence.start + region[1]), max(chain, 0))
        out.append(focus)
        recent.append((index, focus))
    return out


def _region(words: str, anchor: re.Match[str] | None) -> tuple[int, int]:
    after = anchor.start() if anchor is not None else 0
    if anchor is not None and _REPORTING.match(words, anchor.start()):
        return 0, len(words)
    for verb in _REPORTING.finditer(words, after):
        if _inside_quote(words[: verb.start()]) or re.search(r"\bwho\s+(?:also\s+)?$", words[: verb.start()]):
            continue
        if verb.start() > after:
            return 0, verb.start()
        break
    return 0, len(words)


def _inside_quote(before: str) -> bool:
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")
