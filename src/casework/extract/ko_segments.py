"""Korean sentences, words and clauses, from kiwipiepy's morphological analysis.

A Korean clause ends in a verb ending, and the ending says what the clause is to
the story: a final ending (-다) states, a connective links (-며, -고, -는데 sets the
background, -면 a condition), an adnominal ending (-ㄴ, -던) turns the clause into a
modifier of a noun ("잡힌 사람들" — people who had been caught), which describes
rather than reports. Extraction needs exactly this: which clause states an
incident, and which only mentions one in passing.

Sentences come from ``Kiwi.split_into_sents``; words (eojeol) are tokens between
spaces; a *segment* is a run of words up to a clause boundary: a final or quoting
ending, a linking connective (-며, -면서, -는데, -지만, -면, -려면, or -고 before a
comma), or a double quotation mark. Offsets are always into the text passed in.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_AUXILIARIES",
    "Segment",
    "Sentence",
    "Word",
    "chunks",
    "kiwi",
    "korean_sentences",
    "korean_sentences_many",
]

MAX_AUXILIARIES = 4  # a verb takes at most a few auxiliaries ("잡혀 가 있어 보인다"); bounds the look-ahead
_MAX_CHUNK = 5000
_MAX_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{_MAX_RUN + 1},}}")
_DQUOTES = frozenset('"“”「」『』')
_PRED_TAGS = ("VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN")
_BOUNDARY = frozenset({"final", "quote", "and", "background", "but", "conditional", "purpose"})
_EC_CLASS = {
    "면": "conditional",
    "으면": "conditional",
    "려면": "purpose",
    "으려면": "purpose",
    "며": "and",
    "으며": "and",
    "면서": "and",
    "으면서": "and",
    "는데": "background",
    "ᆫ데": "background",
    "은데": "background",
    "던데": "background",
    "는데도": "background",
    "지만": "but",
    "다가": "and",
    "자": "background",
    "자마자": "background",
    "고": "and_go",
    "다고": "quote",
    "라고": "quote",
    "자고": "quote",
    "냐고": "quote",
}


@dataclass(frozen=True)
class Word:
    """One eojeol: its span, whether it holds a predicate, and how its ending links it."""

    start: int
    end: int
    text: str
    predicate: bool
    ending: str
    aux_first: bool


@dataclass(frozen=True)
class Segment:
    """A clause-like run of words; ``ending`` is how its last word links to what follows."""

    start: int
    end: int
    sentence: int
    words: tuple[Word, ...]
    ending: str
    after_conditional: bool
    quoted: bool


@dataclass(frozen=True)
class Sentence:
    """A sentence and its segments."""

    start: int
    end: int
    index: int
    segments: tuple[Segment, ...]


# One analyser per process; calls are serialised because the web app extracts from
# several threads and kiwipiepy does not document its analyser as thread-safe.
_KIWI_LOCK = threading.Lock()


@functools.cache
def kiwi() -> Any:
    """The one Kiwi analyser of the process (its model ships with kiwipiepy_model)."""
    from kiwipiepy import Kiwi

    return Kiwi()


def _ending(tokens: list[Any]) -> str:
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        tag = token.tag
        if tag == "NNB" and token.form == "데" and i > 0 and tokens[i - 1].tag == "ETM":
            return "background"  # "처한데": the connective -ㄴ데 written as a bound noun
        if tag == "EF":
            return "final"
        if tag == "ETM":
            return "reported" if token.form.endswith("다는") or token.form in ("라는", "냐는") else "adnominal"
        if tag == "ETN":
            return "nominal"
        if tag == "EC":
            if token.form in ("면", "으면") and any(t.form in ("따르", "의하") for t in tokens):
                return "serial"
            return _EC_CLASS.get(token.form, "serial")
    return "none"


def _words(tokens: list[Any], text: str) -> list[Word]:
    groups: list[list[Any]] = []
    for token in tokens:
        if token.tag in ("SSO", "SSC") and token.form in _DQUOTES:
            groups.append([token])
            continue
        if (
            groups
            and groups[-1]
            and groups[-1][-1].tag not in ("SSO", "SSC", "SP")
            and not any(ch.isspace() for ch in text[groups[-1][-1].start + groups[-1][-1].len : token.start])
        ):
            groups[-1].append(token)
            continue
        groups.append([token])
    words: list[Word] = []
    for group in groups:
        start = group[0].start
        end = group[-1].start + group[-1].len
        if group[0].tag in ("SSO", "SSC") and group[0].form in _DQUOTES:
            words.append(Word(start, end, text[start:end], False, "quote_mark", False))
            continue
        predicate = any(t.tag.startswith(_PRED_TAGS) for t in group)
        words.append(Word(start, end, text[start:end], predicate, _ending(group), group[0].tag.startswith("VX")))
    return words


def _effective(words: list[Word], i: int) -> str:
    """A word's ending, looking through auxiliaries ("검열하고 있다" ends as "있다" does).

    "-ㄴ데 이어" (and following that) links two events in sequence, not a background.
    """
    j = i
    last = min(len(words), i + MAX_AUXILIARIES) - 1
    while words[j].ending in ("serial", "and_go") and j < last and words[j + 1].aux_first:
        j += 1
    if words[j].ending == "background" and j + 1 < len(words) and words[j + 1].text.startswith("이어"):
        return "and"
    return words[j].ending


def _segment(words: list[Word], sentence: int, ending: str, after_conditional: bool, quoted: bool) -> Segment:
    return Segment(words[0].start, words[-1].end, sentence, tuple(words), ending, after_conditional, quoted)


def _segments(words: list[Word], sentence: int) -> Iterator[Segment]:
    current: list[Word] = []
    quoted = False
    after_conditional = False
    for i, word in enumerate(words):
        if word.ending == "quote_mark":
            if current:
                yield _segment(current, sentence, "quote", after_conditional, quoted)
                after_conditional = False
            current = []
            quoted = not quoted
            continue
        current.append(word)
        ending = _effective(words, i)
        continues = i + 1 < len(words) and words[i + 1].aux_first and word.ending in ("serial", "and_go")
        boundary = ending in _BOUNDARY or (ending == "and_go" and word.text.endswith(","))
        if boundary and not continues:
            yield _segment(current, sentence, ending, after_conditional, quoted)
            after_conditional = ending == "conditional"
            current = []
    if current:
        last = _effective(words, len(words) - 1) if words else "none"
        yield _segment(current, sentence, last, after_conditional, quoted)


def chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraphs, cut at spaces into pieces of at most ``_MAX_CHUNK`` characters, to bound work per call.

    Runs of more than ``_MAX_RUN`` characters without a space are left out: no
    Korean word is that long, and morphological analysis of such a run costs far
    more than its length.
    """
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        for run in _LONG_RUN.finditer(text, position, stop):
            yield from _pieces(text, position, run.start())
            position = run.end()
        yield from _pieces(text, position, stop)
        position = stop + 1


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    while end - position > _MAX_CHUNK:
        cut = text.rfind(" ", position, position + _MAX_CHUNK)
        cut = cut if cut > position else position + _MAX_CHUNK
        yield position, cut
        position = cut
    if end > position:
        yield position, end


def korean_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with their words and segments, offsets into ``text``.

    Example:
        >>> [len(s.segments) for s in korean_sentences('소식통은 "3명이 체포됐다"고 전했다.')]
        [3]
    """
    stop = len(text) if end is None else end
    (sentences,) = korean_sentences_many([(text, start, stop)])
    return sentences


def korean_sentences_many(spans: Sequence[tuple[str, int, int]]) -> Generator[list[Sentence], None, None]:
    """The sentences of each ``(text, start, end)`` in turn, from one call to the analyser for them all.

    Kiwi spreads the pieces of an iterable over its worker threads and hands the
    results back in order, so the caller reads one document while the next ones are
    analysed. A single text per call runs on one thread; one document alone has too
    few paragraphs to keep two threads busy, so the batch is across documents.

    The analyser is held until the iteration ends: consume it promptly.

    Example:
        >>> [len(s) for s in korean_sentences_many([("체포됐다.", 0, 5), ("갇혔다. 맞았다.", 0, 9)])]
        [1, 2]
    """
    pieces = [[(a, b) for a, b in chunks(text, start, end) if not text[a:b].isspace()] for text, start, end in spans]
    with _KIWI_LOCK:
        analysed = kiwi().split_into_sents(
            (text[a:b] for (text, _, _), found in zip(spans, pieces, strict=True) for a, b in found),
            return_tokens=True,
        )
        for (text, _, _), found in zip(spans, pieces, strict=True):
            out: list[Sentence] = []
            for chunk_start, _ in found:
                for sent in next(analysed):
                    tokens = [_Shifted(t, chunk_start) for t in sent.tokens]
                    words = _words(tokens, text)
                    index = len(out)
                    segments = tuple(_segments(words, index))
                    out.append(Sentence(chunk_start + sent.start, chunk_start + sent.end, index, segments))
            yield out


class _Shifted:
    """A kiwi token with its offset moved from the chunk into the whole text."""

    __slots__ = ("form", "len", "start", "tag")

    def __init__(self, token: Any, shift: int) -> None:
        self.form = token.form
        self.tag = token.tag
        self.start = token.start + shift
        self.len = token.len
