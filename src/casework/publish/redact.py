"""Apply the safer wordings of an assessment to a draft.

Where spans overlap, the widest wins (it carries the narrower one's detail). After
the replacements, punctuation left dangling by removed clauses is tidied and
sentences that lost all their words are dropped, so the copy reads as prose an editor
can continue from — it is a proposal, not a publication.
"""

from __future__ import annotations

import re

from casework.publish.assessment import RiskAssessment, RiskySpan

__all__ = ["redact_draft"]

_TIDY = (
    (
        re.compile(
            r"\b((?:source|witness|informant|contact|resident)(?:\s+in\s+[A-Z][\w'’-]+)?),\s+"
            r"(?=(?:said|says|told|is|was|spoke|saw)\b)"
        ),
        r"\1 ",
    ),
    (re.compile(r"[ \t]+([,.;:!?])"), r"\1"),
    (re.compile(r",\s*,+"), ","),
    (re.compile(r",\s*([.;:!?])"), r"\1"),
    (re.compile(r"\b(?:and|but|who|whose)\s*([,.;:!?])"), r"\1"),
    (re.compile(r"(^|\n|[.!?]\s+)[,;:]\s*"), r"\1"),
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"(^|\n)[ \t]*[.!?][ \t]*"), r"\1"),
    (re.compile(r"([.!?])[ \t]*[.]"), r"\1"),
    (re.compile(r"\n{3,}"), "\n\n"),
)


def _chosen(spans: tuple[RiskySpan, ...]) -> list[RiskySpan]:
    chosen: list[RiskySpan] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or c.end <= span.start for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def redact_draft(text: str, assessment: RiskAssessment) -> str:
    """The draft with every risky span replaced by its safer wording (removed when that is empty).

    Example:
        >>> from casework.publish import assess_risk
        >>> draft = "Agents came. Our source, SRC-01, said so."
        >>> redact_draft(draft, assess_risk(draft))
        'Agents came. Our source, said so.'
    """
    out = text
    for span in reversed(_chosen(assessment.spans)):
        if out[span.start : span.end] != span.text:
            continue
        replacement = span.safer
        if replacement and span.start > 0 and re.search(r"(?:^|[.!?]\s+|\n)$", out[: span.start]):
            replacement = replacement[0].upper() + replacement[1:]
        out = out[: span.start] + replacement + out[span.end :]
    for _ in range(3):
        for pattern, repl in _TIDY:
            out = pattern.sub(repl, out)
    return out.strip() + ("\n" if text.endswith("\n") else "")
