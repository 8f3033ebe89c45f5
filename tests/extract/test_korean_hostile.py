"""Hostile Korean text cannot make extraction slow: bounded patterns and linear work.

Two checks that measure work, not time. Every pattern of the Korean modules is
checked for the one shape that makes a backtracking engine explode (an unbounded
repetition inside another), and the number of Python calls the extractor makes is
counted on a text and on the same text four times over: linear work grows four
times, quadratic work sixteen.
"""

from __future__ import annotations

import importlib
import re
import sys
from datetime import date
from types import FrameType
from typing import Any

import pytest

from casework.extract import ko_counts, ko_cues, ko_dates, ko_places, ko_segments, ko_story, korean
from casework.extract.korean import extract_korean

sre_constants: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)
RECEIVED = date(2020, 6, 18)


def _nested(items: Any, inside: bool = False) -> bool:
    for op, av in items:
        if op in _REPEATS:
            unbounded = av[1] == sre_constants.MAXREPEAT
            if (unbounded and inside) or _nested(av[2], inside or unbounded):
                return True
        elif op == sre_constants.SUBPATTERN and _nested(av[-1], inside):
            return True
        elif op == sre_constants.BRANCH and any(_nested(b, inside) for b in av[1]):
            return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _nested(av[1], inside):
            return True
    return False


def _patterns() -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = [cue.pattern for cue in ko_cues.CUES]
    found.extend(pattern for _name, pattern in ko_dates._COMPILED)
    for module in (ko_counts, ko_cues, ko_dates, ko_places, ko_segments, ko_story, korean):
        found.extend(v for v in vars(module).values() if isinstance(v, re.Pattern))
    found.extend(pattern for pattern, *_rest in ko_places._BORDER_SITES)
    found.extend(pattern for pattern, _name in ko_places._EXTRA_ORGANS)
    return found


def test_no_korean_pattern_nests_unbounded_repetition() -> None:
    patterns = _patterns()
    assert len(patterns) > 30
    assert [p.pattern[:60] for p in patterns if _nested(sre_parse.parse(p.pattern, p.flags))] == []
    assert _nested(sre_parse.parse(r"([가-힣]+\s?)*다"))


def _calls(text: str) -> int:
    count = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        extract_korean(text, RECEIVED)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize(
    "unit",
    [
        "지난 14일 주민 3명이 보위부에 체포됐다. ",
        "지난달 지난 2019년 3월 3월 두세 명 30여 명 ",
        '"소식통은 "지난 "체포 "숨졌다 ',
        "회령 혜산 신의주 평성 무산 보위부 안전부 공안 ",
        "처형 동원 검열 추방 구타 북송 넘겼다 사라졌다 ",
        "검열하고 있고 있고 있어 두고 ",
    ],
)
def test_work_grows_linearly_with_repeated_text(unit: str) -> None:
    extract_korean(unit, RECEIVED)  # load the analyser and the gazetteer outside the count
    small = _calls(unit * 150)
    large = _calls(unit * 600)
    assert large <= 5 * small, (small, large)


@pytest.mark.parametrize(
    "text",
    ["가" * 100_000, "1" * 50_000, '"' * 20_000, "다. " * 20_000, "\n" * 20_000, "지난 " * 10_000, "체포" * 5_000],
)
def test_degenerate_text_yields_bounded_output(text: str) -> None:
    mentions = extract_korean(text, RECEIVED)
    assert len(mentions) <= len(text) // 10 + 1
    for mention in mentions:
        assert all(text[e.start : e.end] == e.text for e in mention.evidence)
