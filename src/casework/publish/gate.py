"""The publication gate: every free text of every public output, checked the same way.

A public dataset or report carries structured fields, which the exporter coarsens, and a
few free texts an analyst wrote: the perpetrator, the victims' description, a report's
title, the estimate's notes. A free text can undo every other precaution ("the mine's
security chief, whose nephew phoned us from Musan on 12 September"), so each one passes
the same three steps, whoever runs the publication and whatever the output format:

1. it is cut to the place level and date precision the user chose
   (:func:`~casework.publish.coarsen.coarsen_text`), and a relative of the person who
   spoke becomes "a relative";
2. it is checked (:func:`~casework.publish.assess_risk`) with the desk's pseudonyms and
   the user's identity test (one call, :data:`~casework.publish.assessment.IdentityCheck`,
   built by :func:`~casework.publish.store_check.identity_check_from` from the store's
   keyed fingerprints, which every role holds, and the identities the user may read);
3. anything medium or high stops the publication (:func:`refuse_risky`) unless the user
   gives a reason, which the caller writes to the audit log. Pseudonyms and identities
   are removed from the published text even then.

Misuse to avoid: checking the raw text and publishing the coarsened one (or the reverse)
— :func:`check_public_text` returns the text to publish together with its verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from casework.errors import PublicationRefused
from casework.publish.assessment import RISKS, IdentityCheck, RiskySpan, higher_risk
from casework.publish.check import assess_risk
from casework.publish.coarsen import PlaceLevel, Precision, coarsen_text
from casework.publish.cues_en import KIN
from casework.publish.detect_ko import KIN as KIN_KO
from casework.publish.store_check import find_pseudonyms

__all__ = ["REMOVED", "PublicText", "check_public_text", "coarsen_for_publication", "refuse_risky"]

REMOVED = "[removed]"
_KIN_EN = re.compile(rf"\b{KIN}\b", re.I)
_KIN_KO = re.compile(KIN_KO)


@dataclass(frozen=True)
class PublicText:
    """One free text of a public output: where it appears, the text to publish, and its risk.

    ``text`` is coarsened and has pseudonyms and identities removed; ``risk`` and
    ``kinds`` are the check's verdict on it (before the removal, so a secret keeps the
    verdict high).
    """

    where: str
    text: str
    risk: str
    kinds: tuple[str, ...]


class _Finding(Protocol):
    @property
    def where(self) -> str: ...

    @property
    def risk(self) -> str: ...


_F = TypeVar("_F", bound=_Finding)


def _secret_spans(text: str, pseudonyms: Sequence[str], identity_check: IdentityCheck | None) -> list[RiskySpan]:
    spans = list(find_pseudonyms(text, pseudonyms))
    if identity_check is not None:
        spans.extend(identity_check(text))
    return spans


def _without(text: str, spans: Iterable[RiskySpan]) -> str:
    out = text
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        out = out[: span.start] + REMOVED + out[span.end :]
    return out


def _relatives_generalised(text: str, spans: Iterable[RiskySpan]) -> str:
    """Kin words inside the spans the check flagged as a relative of the speaker become "relative"."""
    out = text
    for span in sorted((s for s in spans if s.kind == "family_relation"), key=lambda s: s.start, reverse=True):
        inner = _KIN_EN.sub(lambda m: "relatives" if m.group().lower().endswith(("s", "ren")) else "relative",
                            out[span.start : span.end])
        inner = _KIN_KO.sub("친척", inner)
        out = out[: span.start] + inner + out[span.end :]
    return out


def coarsen_for_publication(text: str, *, place: PlaceLevel = "province", precision: Precision = "month") -> str:
    """Step 1 of the gate: ``text`` at the output's grain, relatives of the speaker generalised.

    Example:
        >>> coarsen_for_publication("whose nephew called us from Musan on 12 September")
        'whose relative called us from North Hamgyong in September'
    """
    coarse = coarsen_text(text, place=place, precision=precision)
    if place != "county" or precision != "day":
        coarse = _relatives_generalised(coarse, assess_risk(coarse).spans)
    return coarse


def check_public_text(
    where: str,
    text: str,
    *,
    place: PlaceLevel = "province",
    precision: Precision = "month",
    pseudonyms: Sequence[str] = (),
    identity_check: IdentityCheck | None = None,
) -> PublicText:
    """Coarsen ``text`` to the output's grain, check it, and return what may be published with its risk.

    Example:
        >>> verdict = check_public_text("perpetrator", "security agents from Musan on 12 September")
        >>> verdict.text, verdict.risk
        ('security agents from North Hamgyong in September', 'low')
    """
    secrets_before = _secret_spans(text, pseudonyms, identity_check)
    coarse = coarsen_for_publication(text, place=place, precision=precision)
    assessment = assess_risk(coarse, pseudonyms=pseudonyms, identity_check=identity_check)
    risk = higher_risk(assessment.risk, "high" if secrets_before else "low")
    kinds = tuple(dict.fromkeys(s.kind for s in assessment.spans))
    published = _without(coarse, _secret_spans(coarse, pseudonyms, identity_check))
    return PublicText(where, published, risk, kinds)


def refuse_risky(findings: Iterable[_F], accept_risk: str | None, *, what: str) -> list[_F]:
    """Raise :class:`PublicationRefused` when any text is medium or high risk, unless a reason is given.

    Returns the findings that were accepted (for the caller's audit event and log).
    """
    risky = sorted((f for f in findings if RISKS.index(f.risk) >= RISKS.index("medium")),
                   key=lambda f: -RISKS.index(f.risk))
    if risky and not (accept_risk and accept_risk.strip()):
        counts = [f"{n} {level}-risk" for level in ("high", "medium") if (n := sum(f.risk == level for f in risky))]
        places = "; ".join(f.where for f in risky[:5]) + (f" and {len(risky) - 5} more" if len(risky) > 5 else "")
        raise PublicationRefused(
            f"{what} refused: {' and '.join(counts)} text(s) ({places}); edit them or pass --accept-risk \"reason\""
        )
    return risky
