"""Fast scanning with many alternative patterns: group them by their first letter.

Python's regex engine tries the branches of an alternation one by one at every
position it considers. With a hundred or more branches (incident cues, time
expressions) most of the work is rejecting branches that cannot start with the
letter at hand. Grouping the branches under a look-ahead on their first letter
lets one test reject a whole group; matches are the same, the scan about twice as fast.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The regex parser of the standard library (public as sre_parse before Python 3.11).
sre_parse: Any = importlib.import_module("re._parser")
sre_constants: Any = importlib.import_module("re._constants")

__all__ = ["dispatched", "unnamed"]


def _first_letters(items: object) -> set[str] | None:
    """The letters a parsed pattern can start with, or None when it could start with anything."""
    out: set[str] = set()
    for op, av in items:  # type: ignore[attr-defined]
        if op is sre_constants.LITERAL:
            return out | {chr(av)}
        if op is sre_constants.IN:
            letters = _class_letters(av)
            return None if letters is None else out | letters
        if op is sre_constants.BRANCH:
            for branch in av[1]:
                first = _first_letters(branch)
                if first is None:
                    return None
                out |= first
            return out
        if op is sre_constants.SUBPATTERN:
            first = _first_letters(av[-1])
            return None if first is None else out | first
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            first = _first_letters(av[2])
            if first is None:
                return None
            out |= first
            if av[0] > 0:
                return out
            continue
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        return None
    return None


def _class_letters(members: list[tuple[Any, Any]]) -> set[str] | None:
    letters: set[str] = set()
    for op, av in members:
        if op is sre_constants.LITERAL:
            letters.add(chr(av))
        elif op is sre_constants.RANGE:
            low, high = av
            letters.update(chr(c) for c in range(low, high + 1))
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT:
            letters.update("0123456789")
        else:
            return None
    return letters


def dispatched(cues: list[str]) -> str:
    """One ``\\b``-delimited alternation of ``cues``, grouped by first letter.

    A cue that can start with several letters is copied into each group; order
    within a group is kept, so the first cue that matches is the same as in a plain
    alternation. Cues whose first letter cannot be told go last, unguarded.
    """
    by_letter: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for cue in cues:
        letters = _first_letters(sre_parse.parse(cue))
        if not letters:
            anywhere.append(cue)
            continue
        for letter in letters:
            by_letter.setdefault(letter, []).append(cue)
    groups = [f"(?={re.escape(letter)})(?:{'|'.join(group)})" for letter, group in sorted(by_letter.items())]
    return r"\b(?:" + "|".join(groups + anywhere) + r")\b"


def unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain groups (a branch may be copied)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)
