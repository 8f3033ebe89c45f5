"""Evidence spans marked on exactly their words, with everything else escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from casework.model import EvidenceSpan
from casework.report.highlight import mark_evidence


def test_marks_exact_offsets_and_escapes_the_rest() -> None:
    text = "<b>x</b> said: police took 3 men & left."
    quote = "police took 3 men"
    start = text.index(quote)
    marked = mark_evidence(text, [EvidenceSpan("incident", start, start + len(quote), quote)])
    assert str(marked.html) == (
        "&lt;b&gt;x&lt;/b&gt; said: "
        '<mark data-fields="incident" title="evidence: incident">police took 3 men</mark> &amp; left.'
    )
    assert marked.unplaced == ()


class MarkPositions(HTMLParser):
    """For each character of the unescaped text, the fields of the mark around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[set[str]] = []
        self._current: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self._current = set((dict(attrs).get("data-fields") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._current = set()

    def handle_data(self, data: str) -> None:
        self.fields += [set(self._current) for _ in data]


def field_spans(html: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """The runs of characters marked with each field, as [start, end) offsets into ``text``."""
    parser = MarkPositions()
    parser.feed(html)
    parser.close()
    assert len(parser.fields) == len(text)
    runs: dict[str, list[tuple[int, int]]] = {}
    for name in set().union(*parser.fields):
        inside = [name in f for f in parser.fields]
        i = 0
        while i < len(text):
            if inside[i]:
                j = i
                while j < len(text) and inside[j]:
                    j += 1
                runs.setdefault(name, []).append((i, j))
                i = j
            else:
                i += 1
    return runs


def test_nested_spans_each_mark_exactly_their_offsets() -> None:
    text = "A source said the bowibu arrested three men in Hyesan in late May & left."
    def span(field: str, words: str) -> EvidenceSpan:
        start = text.index(words)
        return EvidenceSpan(field, start, start + len(words), words)
    spans = [
        span("incident", "the bowibu arrested three men in Hyesan in late May"),
        span("type", "arrested"),
        span("victims", "three men"),
        span("place", "Hyesan"),
        span("date", "in late May"),
        span("relation", "A source said the bowibu"),
    ]
    marked = mark_evidence(text, spans)
    runs = field_spans(str(marked.html), text)
    assert runs == {s.field: [(s.start, s.end)] for s in spans}
    assert "&amp;" in marked.html


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
    assert '<mark data-fields="other" title="evidence: other">&lt;script&gt;</mark>' in html
