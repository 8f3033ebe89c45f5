"""Cut a text into plain and highlighted pieces for ``<mark>`` rendering.

Evidence spans (of mentions) and risky spans (of drafts) are character offsets into a
text; they may overlap or fall outside it. Templates render the pieces with Jinja's
autoescaping, so the text is never inserted as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Marked:
    """What a highlight means: shown as the mark's title and class."""

    start: int
    end: int
    label: str
    kind: str = "evidence"


@dataclass(frozen=True)
class Piece:
    """A run of text with the labels of the marks covering it (none: plain text)."""

    text: str
    labels: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.labels)

    @property
    def title(self) -> str:
        return "; ".join(self.labels)

    @property
    def css_class(self) -> str:
        return " ".join(sorted(set(self.kinds)))


CONTEXT_FIELDS = frozenset({"incident", "relation"})  # spans that cover a whole sentence or passage


def evidence_kind(field: str) -> str:
    """``context`` for passage-level evidence (shown lightly), ``evidence`` for a field's own words."""
    return "context" if field in CONTEXT_FIELDS else "evidence"


def cut(text: str, marks: Iterable[Marked]) -> list[Piece]:
    """Split ``text`` at every mark boundary; out-of-range marks are clipped, empty ones dropped.

    Example:
        >>> [p.text for p in cut("abcdef", [Marked(1, 3, "date")])]
        ['a', 'bc', 'def']
    """
    clipped = [
        Marked(max(0, m.start), min(len(text), m.end), m.label, m.kind)
        for m in marks
        if min(len(text), m.end) > max(0, m.start)
    ]
    bounds = sorted({0, len(text), *(m.start for m in clipped), *(m.end for m in clipped)})
    pieces: list[Piece] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering: Sequence[Marked] = [m for m in clipped if m.start <= start and m.end >= end]
        labels = tuple(dict.fromkeys(m.label for m in covering))
        kinds = tuple(dict.fromkeys(m.kind for m in covering))
        pieces.append(Piece(text[start:end], labels, kinds))
    return pieces
