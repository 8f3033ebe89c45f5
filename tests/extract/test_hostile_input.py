"""Hostile text cannot make extraction slow: no pattern can backtrack catastrophically.

The work a backtracking regex engine does explodes only when an unbounded repetition
contains another unbounded repetition (``(a+)+``, ``(\\w+\\s?)*``). Every pattern the
extractor and the gazetteer compile is checked for that shape, so the work per start
position is bounded by a constant and the total by the text length; then hostile
texts are run through the extractor to check that it still behaves.
"""

from __future__ import annotations

import re
from datetime import date

try:
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from casework.extract import (
    counts,
    dates,
    en_places,
    english,
    extract_mentions,
    layout,
    sentences,
    statements,
    types,
)
from casework.gazetteer import load_gazetteer

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _nested_unbounded(items: object, inside_unbounded: bool = False) -> bool:
    for op, av in items:  # type: ignore[attr-defined]
        if op in _REPEATS:
            _lo, hi, sub = av
            unbounded = hi == sre_constants.MAXREPEAT
            if unbounded and inside_unbounded:
                return True
            if _nested_unbounded(sub, inside_unbounded or unbounded):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _nested_unbounded(av[-1], inside_unbounded):
                return True
        elif op == sre_constants.BRANCH:
            if any(_nested_unbounded(branch, inside_unbounded) for branch in av[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _nested_unbounded(av[1], inside_unbounded):
                return True
    return False


def _patterns() -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for module in (counts, dates, en_places, english, layout, sentences, statements, types):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(v[1] for v in value if isinstance(v, tuple) and isinstance(v[-1], re.Pattern))
    gazetteer = load_gazetteer()
    for index in (gazetteer._place_index, gazetteer._organ_index, gazetteer._site_index, gazetteer._short_index):
        found.extend(index._regexes)
    return found


def test_no_pattern_nests_unbounded_repetition() -> None:
    patterns = _patterns()
    assert len(patterns) > 20
    offenders = [p.pattern[:80] for p in patterns if _nested_unbounded(sre_parse.parse(p.pattern, p.flags))]
    assert offenders == []


def test_the_check_recognises_a_catastrophic_pattern() -> None:
    assert _nested_unbounded(sre_parse.parse(r"(\w+\s?)*$"))
    assert not _nested_unbounded(sre_parse.parse(r"(?:\w+ ){0,3}?arrested"))


def test_hostile_texts_are_extracted_with_bounded_output() -> None:
    received = date(2020, 6, 18)
    hostile = [
        "arrested " * 20_000,
        "a " * 50_000 + "men",
        "Hoeryong " * 20_000,
        "on the " * 20_000 + "6th",
        "(" * 50_000,
        "x" * 200_000,
        "The bowibu arrested three men. " * 2_000,
        "Police arrest a man in Hyesan\n" * 5_000,
        "Photo: AFP\nA man was executed on May 3.\n" * 3_000,
        "".join(f"Police arrested a man on May {1 + i % 28}, {1990 + i % 30}.\n" for i in range(4_000)),
    ]
    for text in hostile:
        mentions = extract_mentions(text, received, language="en")
        assert len(mentions) <= text.count(".") + 1
        assert all(text[s.start : s.end] == s.text for m in mentions for s in m.evidence)


class _CountingPattern:
    """A compiled pattern that counts how many characters it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str], tally: list[int]) -> None:
        self._pattern = pattern
        self._tally = tally
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self.groupindex = pattern.groupindex

    def _count(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        self._tally[0] += (len(string) if endpos is None else min(endpos, len(string))) - pos

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):  # type: ignore[no-untyped-def]
        self._count(string, pos, endpos)
        return self._pattern.finditer(string, pos, len(string) if endpos is None else endpos)

    def search(self, string: str, pos: int = 0, endpos: int | None = None):  # type: ignore[no-untyped-def]
        self._count(string, pos, endpos)
        return self._pattern.search(string, pos, len(string) if endpos is None else endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None):  # type: ignore[no-untyped-def]
        self._count(string, pos, endpos)
        return self._pattern.match(string, pos, len(string) if endpos is None else endpos)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None):  # type: ignore[no-untyped-def]
        self._count(string, pos, endpos)
        return self._pattern.findall(string, pos, len(string) if endpos is None else endpos)

    def sub(self, repl: str, string: str):  # type: ignore[no-untyped-def]
        self._count(string)
        return self._pattern.sub(repl, string)


def test_regex_work_grows_linearly_with_hostile_input(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Characters handed to regex scans stay within a constant factor of the input size.

    A quadratic loop (re-scanning a sentence once per cue in it) would hand the
    engines thousands of times the input; this counts the work instead of timing it.
    """
    tally = [0]
    for module in (counts, dates, en_places, english, layout, sentences, statements, types):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _CountingPattern(value, tally))
    received = date(2020, 6, 18)
    for unit in (
        "arrested, ",
        "if they were arrested and ",
        '"',
        "the arrested men who were held at ",
        "Arrest in Hyesan\n",
    ):
        sizes = []
        for repeat in (2_000, 8_000):
            tally[0] = 0
            text = unit * repeat
            extract_mentions(text, received, language="en")
            sizes.append(tally[0] / len(text))
        assert sizes[1] <= 60, unit
        assert sizes[1] <= 2 * sizes[0] + 5, unit
