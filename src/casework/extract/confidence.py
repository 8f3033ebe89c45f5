"""How much of a mention the extractor found in the text: a 0-100 score for ordering review.

A mention is a suggestion; a reviewer with a long queue wants to see first the ones
most likely to need correcting (or to accept in bulk the ones least likely to). The
extractor knows, per field, whether it read the value from words of the testimony (an
evidence span) or carried it over from context (a date or place told earlier, the
reference date), and whether it found the incident as the story's subject or only in
passing. The score adds those up: it is *not* a probability that the mention is right,
and it says nothing about whether the source is reliable (``relation`` and the
corroboration grade do that).

It is a pure function of the mention, computed after extraction by the desk layer
(:mod:`casework.desk.extraction`), so that every extractor, English or Korean, is
scored by the same rule without changing. Points, out of 100:

======================  ====  ========================================================
type                     30   a cue word has its own span (half for a cue that in this
                              genre also names other events, e.g. "taken away",
                              "끌려가"; none for type ``other``)
date                     20   the date's own span (a year alone: 15); carried over
                              from context: 6
place                    20   county, city or site from a span; a province alone
                              from a span: 15; carried over from context: 6
perpetrator              10   from a span; named without one: 5
victims                  10   a count or description from a span; without one: 5
main                     10   the incident is what the passage is about, not
                              background mentioned in passing
======================  ====  ========================================================

A field span far from the incident's own passage (more than :data:`NEAR` characters
away) earns 60 % of its points: a value found far off is more often the wrong one.
"""

from __future__ import annotations

from casework.model import EvidenceSpan, Mention

__all__ = ["NEAR", "WEAK_CUES", "mention_confidence"]

NEAR = 200
"""Characters between a field's span and the incident's passage within which it counts in full."""

WEAK_CUES: tuple[str, ...] = (
    "taken",
    "caught",
    "sent",
    "held",
    "punished",
    "missing",
    "gone",
    "summoned",
    "called in",
    "questioned",
    "investigated",
    "dragged",
    "끌려",
    "잡혀",
    "데려",
    "보내",
    "처벌",
    "조사",
    "불려",
)
"""Cue words that in reporting on North Korea also describe other events (mobilisation, a
summons, a transfer) or none: the type they suggest is weaker than "arrested", "executed",
"체포", "처형". Matched at the start of the cue's span, in lower case."""


def _spans(mention: Mention) -> dict[str, EvidenceSpan]:
    out: dict[str, EvidenceSpan] = {}
    for span in mention.evidence:
        out.setdefault(span.field, span)
    return out


def _near(span: EvidenceSpan, passage: EvidenceSpan | None) -> float:
    """1.0 for a span inside or near the incident's passage, 0.6 for one far from it."""
    if passage is None:
        return 1.0
    gap = max(passage.start - span.end, span.start - passage.end, 0)
    return 1.0 if gap <= NEAR else 0.6


def _type_points(mention: Mention, spans: dict[str, EvidenceSpan], passage: EvidenceSpan | None) -> float:
    cue = spans.get("type")
    if mention.type == "other" or cue is None:
        return 0.0
    weak = cue.text.strip().lower().startswith(WEAK_CUES)
    return (15.0 if weak else 30.0) * _near(cue, passage)


def _field_points(
    value: bool, span: EvidenceSpan | None, full: float, without_span: float, passage: EvidenceSpan | None
) -> float:
    if not value:
        return 0.0
    if span is None:
        return without_span
    return full * _near(span, passage)


def mention_confidence(mention: Mention) -> int:
    """The mention's score, 0-100 (see the module's table): higher means more was read from the text.

    Example:
        >>> mention_confidence(Mention(type="other"))
        10
    """
    spans = _spans(mention)
    passage = spans.get("incident")
    place = mention.place
    points = _type_points(mention, spans, passage)
    points += _field_points(
        mention.date is not None, spans.get("date"), 15.0 if mention.date_precision == "year" else 20.0, 6.0, passage
    )
    local = bool(place.county_or_city or place.site)
    points += _field_points(local or place.province is not None, spans.get("place"), 20.0 if local else 15.0, 6.0,
                            passage)
    points += _field_points(mention.perpetrator is not None, spans.get("perpetrator"), 10.0, 5.0, passage)
    victims = mention.victims
    points += _field_points(
        victims.count is not None or bool(victims.count_text or victims.description), spans.get("victims"), 10.0,
        5.0, passage,
    )
    points += 10.0 if mention.main else 0.0
    return max(0, min(100, round(points)))
