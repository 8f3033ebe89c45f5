"""What the re-identification check returns: risky spans and the combined verdict.

A :class:`RiskySpan` is one detail of a draft that narrows down who spoke; a
:class:`RiskAssessment` is the whole draft's verdict. Both are plain frozen data so
that the CLI, the report stage and the web app can show them the same way, and
``to_json`` is the shape ``casework check --format json`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["KINDS", "RISKS", "IdentityCheck", "RiskAssessment", "RiskySpan", "higher_risk"]

KINDS: tuple[str, ...] = (
    "workplace",
    "age",
    "family_relation",
    "small_place",
    "exact_date",
    "occupation",
    "unique_event_role",
    "source_code",
    "contact_channel",
    "physical_trait",
    "verbatim_quote",
    "other",
)
RISKS: tuple[str, ...] = ("low", "medium", "high")


def higher_risk(a: str, b: str) -> str:
    """The more serious of two risk levels."""
    return a if RISKS.index(a) >= RISKS.index(b) else b


@dataclass(frozen=True)
class RiskySpan:
    """One risky detail: ``text == draft[start:end]``, its kind, risk, why, and a safer wording.

    ``safer`` is the replacement text that :func:`~casework.publish.redact_draft`
    puts in place of the span; an empty string means "remove".
    """

    start: int
    end: int
    text: str
    kind: str
    risk: str
    why: str
    safer: str

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "risk": self.risk,
            "why": self.why,
            "safer": self.safer,
        }


@dataclass(frozen=True)
class RiskAssessment:
    """The verdict on a draft: every risky span, the combined risk and the anonymity set.

    ``anonymity_set`` estimates how many people match all the details given about
    the most exposed source together (``None`` when the draft describes no source);
    ``explanation`` says how the estimate was made, one line per factor.
    """

    spans: tuple[RiskySpan, ...]
    risk: str
    anonymity_set: int | None
    explanation: tuple[str, ...] = ()

    @property
    def high(self) -> bool:
        """True when anything is high risk (``casework check`` then exits 3)."""
        return self.risk == "high"

    def to_json(self) -> dict[str, Any]:
        return {
            "spans": [s.to_json() for s in self.spans],
            "risk": self.risk,
            "anonymity_set": self.anonymity_set,
            "explanation": list(self.explanation),
        }


IdentityCheck = Callable[[str], Sequence[RiskySpan]]
"""One call that finds a source's identity (name, contact) in a text: its spans, all high risk.

Built from the identities a user may read (:func:`~casework.publish.store_check.identity_check_from`)
or from keyed fingerprints of identity words, so that a role that cannot read identities can
still test a text against them."""
