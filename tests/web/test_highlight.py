"""Cutting a text at evidence/risk spans for <mark> rendering."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.web.highlight import Marked, cut


def test_overlapping_marks_are_split_and_labelled() -> None:
    pieces = cut("abcdefgh", [Marked(1, 5, "date"), Marked(3, 7, "place", kind="risk-high")])
    assert [(p.text, p.labels) for p in pieces] == [
        ("a", ()),
        ("bc", ("date",)),
        ("de", ("date", "place")),
        ("fg", ("place",)),
        ("h", ()),
    ]
    assert pieces[2].css_class == "evidence risk-high"


def test_marks_outside_the_text_are_clipped_or_dropped() -> None:
    pieces = cut("abc", [Marked(-5, 1, "x"), Marked(2, 99, "y"), Marked(10, 20, "z"), Marked(2, 2, "empty")])
    assert [(p.text, p.labels) for p in pieces] == [("a", ("x",)), ("b", ()), ("c", ("y",))]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a shared, loaded machine: no timing
@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6),
)
def test_pieces_always_rebuild_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    pieces = cut(text, [Marked(a, b, "m") for a, b in spans])
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)
