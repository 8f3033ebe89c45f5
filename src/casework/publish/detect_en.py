"""Find risky details in an English draft: cues, in sentences about a source, grown to clauses.

A cue match is shown to the editor as the clause that carries it (see
:mod:`casework.publish.sentences`), or as the whole part of the sentence about the
source for details that only make sense whole ("He was the only trader waiting that
morning"). When the clause is an apposition to "Our source", the source's noun is kept
in the safer wording so that the redacted sentence still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.gazetteer import load_gazetteer
from casework.publish.cues_en import CUES, DESK_NAME, DESK_NAME_AFTER, FICTION, Cue
from casework.publish.focus import Focus, find_focus
from casework.publish.prefilter import Gate, fold, gate_of
from casework.publish.sentences import Sentence, segment_bounds, split_sentences, trim_span

__all__ = ["Finding", "detect_english"]

_PURE_ANCHOR = re.compile(
    r"^(?:our|the|one|a|another)\s+(?:(?:main|first|second|other)\s+)?(?:source|witness|informant|contact)"
    r"(?:\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?$|^(?:the\s+)?other$|^one\s+of\s+(?:them|the\s+two)$",
    re.I,
)
_MIN_SEGMENT = 12
_TO_US_CHANNEL = frozenset({"contact_device", "contact_call"})
_TO_US_BEFORE = re.compile(r"\b(?:us|our\s+(?:reporter|correspondent|desk))\s+(?:\w+\s+){0,3}$", re.I)
_CONTACT_WORD = re.compile(
    r"\b(?:us|our\s+(?:reporter|correspondent|desk))\b|\b(?:spoke|speaks|speaking|talks?|talked|phoned|rang|messaged"
    r"|contacts|contacted|reached|reaches|calls|called|signal)\b",
    re.I,
)
_PUNISHED_FOR = re.compile(
    r"\b(?:for|over)\s+(?:using|having|owning|keeping|possessing|hiding|selling|buying|carrying|making\s+calls)\b"
    r"|\b(?:confiscat\w*|seiz\w*|hand(?:ed)?\s+(?:in|over)|found|caught|arrested|detained|searched|inspected"
    r"|banned|forbidden|punished)\b",
    re.I,
)
# "told us on March 4": the reporting verb is the detail
_WHOLE_SENTENCE = frozenset({"contact_when", "contact_time", "known_saying"})


@dataclass(frozen=True)
class Finding:
    """A cue found in the draft: the span to flag, the cue, the person chain, and text to keep."""

    start: int
    end: int
    cue: Cue
    chain: int
    keep: str = ""


def detect_english(text: str) -> list[Finding]:
    """Every cue of :data:`~casework.publish.cues_en.CUES` that applies, as spans of ``text``.

    Example:
        >>> [f.cue.kind for f in detect_english("Our source, SRC-9, is a 47-year-old nurse.")]
        ['source_code', 'age', 'occupation']
    """
    sentences = split_sentences(text)
    folded = fold(text)
    findings: list[Finding] = []
    for cue, gate in _GATED:
        if cue.anywhere and gate.admits(text, folded):
            findings.extend(Finding(m.start(), m.end(), cue, -1) for m in cue.pattern.finditer(text))
    findings.extend(_desk_names(text))
    live = [(cue, gate) for cue, gate in _GATED if not cue.anywhere]
    sites: list[tuple[int, int]] | None = None
    for focus in find_focus(text, sentences):
        if sites is None:
            sites = [(s.start, s.end) for s in load_gazetteer().find_sites(text)]
        findings.extend(_in_sentence(text, focus, sites, live))
    return sorted(findings, key=lambda f: (f.start, -f.end))


# Each cue with the literals it cannot match without (casework.publish.prefilter): most cues are ruled out
# for most sentences by a few substring tests.
_GATED = tuple((cue, gate_of(cue.pattern)) for cue in CUES)


def _in_sentence(
    text: str, focus: Focus, sites: list[tuple[int, int]], live: list[tuple[Cue, Gate]]
) -> list[Finding]:
    sentence = focus.sentence
    words = text[sentence.start : sentence.end]
    folded = fold(words)
    segments: list[tuple[int, int]] | None = None
    region_start, region_end = focus.region
    out: list[Finding] = []
    fiction = FICTION.search(text, sentence.start, sentence.end) is not None
    for cue, gate in live:
        if (fiction and cue.kind == "family_relation") or not gate.admits(words, folded):
            continue
        for match in cue.pattern.finditer(text, sentence.start, sentence.end):
            if segments is None:
                segments = segment_bounds(text, sentence.start, sentence.end)
            start, end = match.start(), match.end()
            in_region = region_start <= start < region_end
            if cue.name == "contact_call" or (
                cue.name in _TO_US_CHANNEL and _TO_US_BEFORE.search(text, sentence.start, start) is not None
            ):
                in_region = True  # "told us via WeChat": the channel follows the reporting verb
            if cue.scope != "family" and cue.name not in _WHOLE_SENTENCE and not in_region:
                continue
            if cue.kind == "family_relation" and _quoted(text, sentence.start, start) and "my " not in match.group():
                continue
            if cue.name == "named_small_place" and any(s < end and start < e for s, e in sites):
                continue
            if cue.name == "contact_device" and not _reaches_desk(text, sentence, start, segments):
                continue
            span = _grow(text, cue, start, end, sentence, segments, focus.region)
            if span[1] <= span[0]:
                continue
            keep_start, keep = _anchor_before(text, span[0], segments)
            out.append(Finding(keep_start, span[1], cue, focus.chain, keep))
    return out


_DESK_NAME_CUE = Cue(
    "desk_name", "source_code", "high", "match", DESK_NAME,
    "a name the desk gave the source links this text to every other report from the same source", "desk_name", True,
)


def _desk_names(text: str) -> list[Finding]:
    """A name the draft says the desk uses for the source: the introduction and every later use."""
    out: list[Finding] = []
    for intro in [*DESK_NAME.finditer(text), *DESK_NAME_AFTER.finditer(text)]:
        end = intro.end()
        tail = re.match(r"\s+in\s+(?:our|its|the\s+desk's)\s+(?:files|records|reports|notes)\b", text[end:])
        out.append(Finding(intro.start(), end + (tail.end() if tail else 0), _DESK_NAME_CUE, -1))
        name = intro.group(1)
        out.extend(Finding(m.start(), m.end(), _DESK_NAME_CUE, -1)
                   for m in re.finditer(rf"\b{re.escape(name)}\b", text) if m.start() >= end)
    return out


def _reaches_desk(text: str, sentence: Sentence, at: int, segments: list[tuple[int, int]]) -> bool:
    """Whether a phone or app at ``at`` is how the speaker reaches us, not what victims were punished for.

    "Arrested for using Chinese phones to call relatives" is the substance of the report;
    "who calls us on a Chinese phone" is the source's channel. The device counts when the
    sentence speaks of contact (with us, or a call the source makes) and no punishment,
    search or seizure of the device comes before it in its clause.
    """
    words = text[sentence.start : sentence.end]
    if not _CONTACT_WORD.search(words):
        return False
    clause_start = max((s for s, _ in segments if s <= at), default=sentence.start)
    lead = text[max(sentence.start, clause_start - 1) : at]
    return _PUNISHED_FOR.search(lead) is None


def _quoted(text: str, sentence_start: int, at: int) -> bool:
    before = text[sentence_start:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _grow(
    text: str,
    cue: Cue,
    start: int,
    end: int,
    sentence: Sentence,
    segments: list[tuple[int, int]],
    region: tuple[int, int],
) -> tuple[int, int]:
    if cue.scope == "match":
        return start, end
    if cue.scope == "sentence":
        return trim_span(text, sentence.start, sentence.end)
    if cue.scope == "region":
        return trim_span(text, min(region[0], start), max(region[1], end))
    lead = text[sentence.start : start].lower().replace("the source's", "")
    if cue.scope == "family" and not re.search(r"[a-z]", lead):
        return trim_span(text, sentence.start, sentence.end)
    touched = [i for i, (s, e) in enumerate(segments) if s < max(end, start + 1) and start < e]
    if not touched:
        return start, end
    first, last = touched[0], touched[-1]
    if segments[last][1] - segments[first][0] < _MIN_SEGMENT and first > 0:
        first -= 1
    grown_start, grown_end = segments[first][0], segments[last][1]
    if cue.scope != "family":
        grown_end = min(grown_end, max(region[1], end))
    return trim_span(text, min(grown_start, start), max(grown_end, end))


def _anchor_before(text: str, start: int, segments: list[tuple[int, int]]) -> tuple[int, str]:
    """Include a preceding "Our source," in the span, remembering it as text the safer wording keeps."""
    for seg_start, seg_end in segments:
        if seg_end < start and text[seg_end:start].strip() == ",":
            words = text[seg_start:seg_end]
            if _PURE_ANCHOR.match(words):
                return seg_start, words
    return start, ""
