"""Grouping alternatives by first letter finds exactly what the plain alternation finds."""

from __future__ import annotations

import re

from casework.extract.scanning import dispatched, unnamed

CUES = [r"arrest(?:ed|ing)?", r"(?:a |an )arrests?", r"(?:was|were) caught", r"\d+ yuan", r"[st]ent to", r"x?y"]
TEXT = "A man was arrested; an arrest, they were caught and sent to pay 300 yuan to x y xy tent to."


def test_dispatched_alternation_finds_the_same_matches() -> None:
    plain = re.compile(r"\b(?:" + "|".join(CUES) + r")\b")
    grouped = re.compile(dispatched(CUES))
    assert [m.span() for m in grouped.finditer(TEXT.lower())] == [m.span() for m in plain.finditer(TEXT.lower())]


def test_unnamed_drops_group_names_only() -> None:
    assert unnamed(r"(?P<day>\d+)-(?P<month>\w+)") == r"(?:\d+)-(?:\w+)"
