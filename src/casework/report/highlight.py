"""Evidence spans marked in the testimony text, safely.

Every character of testimony is escaped; only the ``<mark>`` elements we add are
markup. A span is marked only when its offsets point at exactly its recorded text,
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
    """Escape ``text`` and wrap each fitting evidence span in ``<mark>``.

    Overlapping spans are merged into one mark whose ``data-fields`` lists every field
    it supports.

    Example:
        >>> mark_evidence("a <b> c", [EvidenceSpan("type", 2, 5, "<b>")]).html
        Markup('a <mark data-fields="type">&lt;b&gt;</mark> c')
    """
    fitting = sorted((s for s in spans if span_fits(text, s)), key=lambda s: (s.start, s.end))
    unplaced = tuple(s for s in spans if not span_fits(text, s))
    merged: list[tuple[int, int, list[str]]] = []
    for span in fitting:
        if merged and span.start < merged[-1][1]:
            start, end, fields = merged[-1]
            merged[-1] = (start, max(end, span.end), fields + [span.field])
        else:
            merged.append((span.start, span.end, [span.field]))
    out: list[str] = []
    cursor = 0
    for start, end, fields in merged:
        names = " ".join(dict.fromkeys(fields))
        out.append(str(escape(text[cursor:start])))
        out.append(f'<mark data-fields="{escape(names)}">{escape(text[start:end])}</mark>')
        cursor = end
    out.append(str(escape(text[cursor:])))
    return MarkedText(Markup("".join(out)), unplaced)  # noqa: S704 - every piece of text was escaped above
