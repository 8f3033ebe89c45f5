"""Evidence spans marked on exactly their words, with everything else escaped."""

from __future__ import annotations

from casework.model import EvidenceSpan
from casework.report.highlight import mark_evidence


def test_marks_exact_offsets_and_escapes_the_rest() -> None:
    text = "<b>x</b> said: police took 3 men & left."
    quote = "police took 3 men"
    start = text.index(quote)
    marked = mark_evidence(text, [EvidenceSpan("incident", start, start + len(quote), quote)])
    assert str(marked.html) == (
        '&lt;b&gt;x&lt;/b&gt; said: <mark data-fields="incident">police took 3 men</mark> &amp; left.'
    )
    assert marked.unplaced == ()


def test_overlapping_spans_merge_and_keep_their_fields() -> None:
    text = "abcdefghij"
    spans = [EvidenceSpan("type", 2, 6, "cdef"), EvidenceSpan("date", 4, 8, "efgh"), EvidenceSpan("place", 9, 10, "j")]
    html = str(mark_evidence(text, spans).html)
    assert html == 'ab<mark data-fields="type date">cdefgh</mark>i<mark data-fields="place">j</mark>'


def test_spans_that_do_not_fit_are_not_marked() -> None:
    text = "the police arrested two men"
    wrong_text = EvidenceSpan("incident", 4, 10, "soldier")
    out_of_range = EvidenceSpan("date", 20, 99, "x")
    marked = mark_evidence(text, [wrong_text, out_of_range])
    assert "<mark" not in marked.html
    assert marked.unplaced == (wrong_text, out_of_range)


def test_hostile_span_text_is_escaped_inside_the_mark() -> None:
    text = 'x <script>alert("1")</script> y'
    start = text.index("<script>")
    html = str(mark_evidence(text, [EvidenceSpan("other", start, start + 8, "<script>")]).html)
    assert "<script>" not in html
    assert '<mark data-fields="other">&lt;script&gt;</mark>' in html
