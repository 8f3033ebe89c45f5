"""The public report's gate: coarsen, then check every free text before writing.

A public report shows incidents at the precision the user chose (month and
province by default), cuts every free text it prints to the same grain, and runs the
publication stage's re-identification check (:func:`casework.publish.assess_risk`) on
each. Anything judged medium or high risk stops the report with
:class:`~casework.errors.PublicationRefused`, unless the user accepts the risk with
a reason, which the caller records in the audit log. The coarsening and the refusal
are the publication stage's (:mod:`casework.publish.gate`), so a public report and a
public dataset follow one rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casework.errors import InputError
from casework.publish import assess_risk, store_check
from casework.publish.assessment import IdentityCheck
from casework.publish.gate import REMOVED, coarsen_for_publication, refuse_risky

from .figures import PRECISIONS, IncidentRow, coarsen_date

if TYPE_CHECKING:
    from casework.model import SourceIdentity

RiskCheck = Callable[[str], str]
"""A function from a text to its overall risk: ``"high"``, ``"medium"`` or ``"low"``."""


@dataclass(frozen=True)
class RiskFinding:
    """Where a published text was judged risky (the place, never the text)."""

    where: str
    risk: str


def coarsen_rows(rows: Iterable[IncidentRow], precision: str) -> list[IncidentRow]:
    """Rows at the chosen date precision with place cut to the province, free texts included."""
    if precision not in PRECISIONS:
        raise InputError(f"precision: {precision!r} is not one of {', '.join(PRECISIONS)}")
    out = []
    for row in rows:
        date, date_precision = coarsen_date(row.date, row.date_precision, precision)
        out.append(replace(
            row, date=date, date_precision=date_precision, county_or_city=None,
            perpetrator=_coarse(row.perpetrator, precision),
            victims_description=_coarse(row.victims_description, precision),
        ))
    return out


def _coarse(text: str | None, precision: str) -> str | None:
    return coarsen_for_publication(text, place="province", precision=precision) if text else text  # type: ignore[arg-type]


def published_texts(
    title: str, rows: Iterable[IncidentRow], estimate_texts: Iterable[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """Every free-text field the public report prints, with where it appears.

    The estimate's list names, warnings and refusal reason are included: list names
    are chosen by the desk and may name a partner or a programme.
    """
    texts = [("title", title), *((where, text) for where, text in estimate_texts if text)]
    for row in rows:
        if row.victims_description:
            texts.append((f"incident {row.incident_id} victims description", row.victims_description))
        if row.perpetrator:
            texts.append((f"incident {row.incident_id} perpetrator", row.perpetrator))
    return texts


def publish_stage_check(
    pseudonyms: Sequence[str] = (),
    identities: Sequence[SourceIdentity] = (),
    identity_check: IdentityCheck | None = None,
) -> RiskCheck:
    """The publication stage's check as a :data:`RiskCheck`.

    With the desk's pseudonyms, the identities the user may read and the store's
    identity test (:func:`casework.publish.gate.store_identity_check`, which works for
    every role), the check also finds them anywhere in a text (always high risk).
    """
    def check(text: str) -> str:
        return risk_level(assess_risk(text, pseudonyms=list(pseudonyms), identities=list(identities),
                                      identity_check=identity_check))

    return check


def risk_level(assessment: Any) -> str:
    """The overall risk of an assessment: a level string, an object with ``.risk`` or a dict."""
    if isinstance(assessment, str):
        return assessment
    if isinstance(assessment, dict):
        return str(assessment.get("risk", "high"))
    for name in ("risk", "level", "overall"):
        value = getattr(assessment, name, None)
        if isinstance(value, str):
            return value
    return "high"  # an answer we cannot read is treated as the worst case


def check_publication(texts: Iterable[tuple[str, str]], risk_check: RiskCheck) -> list[RiskFinding]:
    """Run the check on each text; return the findings of medium or high risk."""
    findings = []
    for where, text in texts:
        level = risk_check(text)
        if level in ("high", "medium"):
            findings.append(RiskFinding(where, level))
    return findings


def refuse_on_risk(findings: Iterable[RiskFinding], accept_risk: str | None) -> list[RiskFinding]:
    """Raise :class:`PublicationRefused` on any medium or high finding unless the risk is accepted.

    Returns the accepted findings (for the caller's log).
    """
    return refuse_risky(findings, accept_risk, what="public report")


def secret_values(pseudonyms: Sequence[str], identities: Sequence[SourceIdentity]) -> list[str]:
    """Every string that must never appear in a public report (the publication stage's one rule)."""
    return store_check.secret_values(pseudonyms, identities)


def remove_secrets(text: str, secrets: Sequence[str], identity_check: IdentityCheck | None = None) -> str:
    """The text with every secret value and every identity the test finds replaced, even when risk is accepted."""
    if identity_check is not None:
        for span in sorted(identity_check(text), key=lambda s: s.start, reverse=True):
            text = text[: span.start] + REMOVED + text[span.end :]
    pattern = store_check.secret_pattern(secrets)
    return pattern.sub(REMOVED, text) if pattern else text


def find_secrets(folder: Path, secrets: Sequence[str], identity_check: IdentityCheck | None = None) -> list[str]:
    """Names of written files that contain a secret value or an identity (the last line of defence)."""
    pattern = store_check.secret_pattern(secrets)
    if pattern is None and identity_check is None:
        return []

    def leaks(content: str) -> bool:
        return bool((pattern is not None and pattern.search(content)) or (identity_check and identity_check(content)))

    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and leaks(path.read_text("utf-8", errors="replace"))
    )
