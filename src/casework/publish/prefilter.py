"""Cheap necessary conditions for the check's patterns, read from the patterns themselves.

The check runs some two hundred regular expressions over every draft, most of them
over each sentence about a source, and most find nothing: a pattern for "works at the
… market" cannot match a sentence without "market", "mine" or another workplace noun.
:func:`gate_of` reads a compiled pattern's syntax tree and returns the literal words one
of which every match must contain (a few such sets, all required), so a caller can skip
a pattern with substring tests, which cost a fraction of a regular-expression scan.

A gate only ever says "cannot match" when the pattern cannot match, so the findings
are the same with and without it: literals are taken from parts every match passes
through (never from lookarounds, optional parts or alternatives that some branch
lacks), and case-insensitive literals are compared against a folded text that maps
the four non-ASCII letters ``re.IGNORECASE`` equates with ASCII ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]  # the stdlib's own parser, stable since 3.11
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Gate", "fold", "gate_of"]

_MIN_LENGTH = 3
_KEEP = 2
_MAX_ALTERNATIVES = 12  # a longer list costs more substring tests than the scan it would save
# re.IGNORECASE matches these to i, i, s and k (the re docs); str.lower() keeps them apart.
_SPECIAL = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})

Literal = tuple[str, bool]  # (text, compared case-insensitively)


def fold(text: str) -> str:
    """The text the case-insensitive literals of a gate are looked up in."""
    return text.lower().translate(_SPECIAL)


@dataclass(frozen=True)
class Gate:
    """Sets of literals: a text can match only if it contains one literal of every set."""

    sets: tuple[tuple[Literal, ...], ...]

    def admits(self, text: str, folded: str) -> bool:
        """Whether the pattern may match ``text`` (``folded`` is :func:`fold` of it).

        Example:
            >>> gate = gate_of(re.compile(r"\\bworks?\\s+at\\s+the\\s+(?:market|mine)", re.I))
            >>> gate.admits("He is here.", fold("He is here."))
            False
        """
        return all(any(word in (folded if caseless else text) for word, caseless in alternatives)
                   for alternatives in self.sets)


@functools.cache
def gate_of(pattern: re.Pattern[str]) -> Gate:
    """The literal sets every match of ``pattern`` must contain (none: the gate admits everything)."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, AttributeError):  # pragma: no cover - stdlib internals changed
        return Gate(())
    sets = _required(tree, bool(pattern.flags & re.IGNORECASE))
    usable = [s for s in sets if _weakest(s) >= _MIN_LENGTH and len(s) <= _MAX_ALTERNATIVES]
    usable.sort(key=lambda s: (len(s), -_weakest(s)))
    return Gate(tuple(tuple(sorted(s)) for s in usable[:_KEEP]))


def _required(items: Any, caseless: bool) -> list[frozenset[Literal]]:
    """Sets of literals, each one of which a match of the sequence ``items`` contains one of."""
    found: list[frozenset[Literal]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({("".join(run), caseless)}))
            run.clear()

    for op, arg in items:
        if op is sre.LITERAL:
            char = chr(arg)
            run.append(char.lower() if caseless else char)
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the literals on either side are adjacent in the text
        flush()
        best = _best(op, arg, caseless)
        if best is not None:
            found.append(best)
    flush()
    return found


def _best(op: Any, arg: Any, caseless: bool) -> frozenset[Literal] | None:
    """The most selective literal set of one compound item, or None when it needs no literal."""
    if op is sre.SUBPATTERN:
        _, add, remove, items = arg
        inner = (caseless or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _pick(_required(items, inner))
    if op is sre.BRANCH:
        branches = [_pick(_required(items, caseless)) for items in arg[1]]
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*(b for b in branches if b is not None))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
        return _pick(_required(arg[2], caseless))
    return None


def _pick(sets: list[frozenset[Literal]]) -> frozenset[Literal] | None:
    """The set most likely to rule a text out: long literals first, then few alternatives."""
    if not sets:
        return None
    return max(sets, key=lambda s: (_weakest(s) >= _MIN_LENGTH, -len(s), _weakest(s)))


def _weakest(literals: frozenset[Literal]) -> int:
    """How telling the shortest literal is: letters count one, a Hangul syllable two (it is a whole syllable)."""
    return min(sum(2 if "\uac00" <= char <= "\ud7a3" else 1 for char in word) for word, _ in literals)
