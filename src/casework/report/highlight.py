"""Evidence spans marked in the testimony text, safely.

Every character of testimony is escaped; only the ``<mark>`` elements we add are
markup. Nested spans (the incident's sentence, and inside it the words for its date,
place, perpetrator and victims) stay visible as such: each marked piece says which
fields it supports, and the stylesheet underlines the field-level ones.

A span is marked only when its offsets point at exactly its recorded text,
because a highlight on the wrong words is worse than none: it would show a reader
evidence the source never gave. Spans that do not match are returned so the page
can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from casework.model import EvidenceSpan


@dataclass(frozen=True)
class MarkedText:
    """Testimony text as HTML with the evidence marked, and the spans that could not be placed."""

    html: Markup
    unplaced: tuple[EvidenceSpan, ...]


def span_fits(text: str, span: EvidenceSpan) -> bool:
    """Whether the span's offsets point at exactly its recorded text."""
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


def mark_evidence(text: str, spans: Sequence[EvidenceSpan]) -> MarkedText:
    """Escape ``text`` and wrap the evidence in ``<mark>`` elements at the spans' exact offsets.

    Spans nest (a sentence for the incident, a few words inside it for the date), so
    the text is cut at every span boundary and each piece covered by evidence becomes
    one ``<mark>`` whose ``data-fields`` lists every field it supports; a span is thus
    the run of marks carrying its field, beginning and ending at its own offsets.

    Example:
        >>> mark_evidence("a <b> c", [EvidenceSpan("type", 2, 5, "<b>")]).html
        Markup('a <mark data-fields="type" title="evidence: type">&lt;b&gt;</mark> c')
    """
    fitting = [s for s in spans if span_fits(text, s)]
    unplaced = tuple(s for s in spans if not span_fits(text, s))
    cuts = sorted({0, len(text), *(s.start for s in fitting), *(s.end for s in fitting)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[start:end])
        fields = list(dict.fromkeys(s.field for s in fitting if s.start <= start and end <= s.end))
        if fields:
            names = escape(" ".join(fields))
            out.append(f'<mark data-fields="{names}" title="evidence: {escape(", ".join(fields))}">{piece}</mark>')
        else:
            out.append(str(piece))
    return MarkedText(Markup("".join(out)), unplaced)  # noqa: S704 - every piece of text was escaped above
