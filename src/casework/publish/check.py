"""The re-identification check: risky spans of a draft and the combined risk.

:func:`assess_risk` runs the English and Korean cue detectors, the checks against the
store (pseudonyms, identities, verbatim testimony) and the anonymity-set estimate,
then merges what it found into spans an editor can act on: one entry per stretch of
text, the most serious kind first, every reason kept.

The combined risk is ``high`` when any span is high or when fewer than
``HIGH_SET`` people match the details given about one source together; ``medium``
when any span is medium or fewer than ``MEDIUM_SET`` match; ``low`` otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from casework.model import SourceIdentity, Testimony
from casework.publish.anonymity import estimate_anonymity_set, place_population
from casework.publish.assessment import KINDS, RISKS, IdentityCheck, RiskAssessment, RiskySpan, higher_risk
from casework.publish.detect_en import Finding, detect_english
from casework.publish.detect_ko import detect_korean
from casework.publish.people import detect_named_people
from casework.publish.safer import safer_wording
from casework.publish.sentences import split_sentences
from casework.publish.singled_out import detect_singled_out
from casework.publish.store_check import find_identities, find_pseudonyms, find_verbatim

__all__ = ["HIGH_SET", "MEDIUM_SET", "assess_risk"]

_PRIORITY = (
    "source_code",
    "verbatim_quote",
    "unique_event_role",
    "contact_channel",
    "physical_trait",
    "workplace",
    "small_place",
    "family_relation",
    "exact_date",
    "occupation",
    "age",
    "other",
)
assert sorted(_PRIORITY) == sorted(KINDS)
HIGH_SET = 50
MEDIUM_SET = 1000
_ESCALATE_FAMILY = re.compile(r"Seoul|South Korea|the South|China|abroad|defect|escaped|fled|한국|남한|중국|탈북", re.I)
# A relative caught up in the incident is one of the few families the story is about.
_FAMILY_CAUGHT = re.compile(r"arrested|detained|caught|one of the|잡혀|체포", re.I)
_FAMILY_IN_EVENT = re.compile(r"arrested|detained|caught|one of the|in the same raid|잡혀|체포", re.I)
_FEMALE = re.compile(r"\b(?:she|her|woman)\b|여성", re.I)
_MALE = re.compile(r"\b(?:he|his|him|man)\b|남성", re.I)


def assess_risk(
    text: str,
    *,
    identities: Sequence[SourceIdentity] = (),
    pseudonyms: Sequence[str] = (),
    testimonies: Sequence[Testimony] = (),
    can_name_testimony: bool = False,
    identity_check: IdentityCheck | None = None,
) -> RiskAssessment:
    """Every detail of a draft that narrows down who spoke, and how far they narrow it together.

    Args:
        text: the draft (Markdown or plain text, English or Korean).
        identities: source identities the user may read; their names and contacts are searched.
        pseudonyms: source pseudonyms of the desk; any occurrence is high risk.
        testimonies: testimonies to compare with, for verbatim runs of eight words or more.
        can_name_testimony: whether the reasons may name the testimony a verbatim run comes from.
        identity_check: the identity test of the user's store, when the caller has one (it is
            used as well as ``identities``).

    Example:
        >>> assess_risk("Our source, a 47-year-old trader in Hoeryong, said so.").risk
        'medium'
    """
    findings = [*detect_english(text), *detect_korean(text), *detect_named_people(text), *detect_singled_out(text)]
    spans = _merge(text, findings, _draft_place(text))
    spans.extend(find_pseudonyms(text, pseudonyms))
    spans.extend(find_identities(text, identities))
    if identity_check is not None:
        spans.extend(identity_check(text))
    spans.extend(find_verbatim(text, testimonies, can_name_testimony=can_name_testimony))
    spans = _drop_contained(spans)
    estimate_size, lines = _estimate(text, findings)
    risk = "low"
    for span in spans:
        risk = higher_risk(risk, span.risk)
    if estimate_size is not None:
        if estimate_size < HIGH_SET:
            risk = "high"
        elif estimate_size < MEDIUM_SET:
            risk = higher_risk(risk, "medium")
    return RiskAssessment(tuple(sorted(spans, key=lambda s: (s.start, -s.end))), risk, estimate_size, lines)


def _span_risk(text: str, finding: Finding) -> str:
    if finding.cue.kind == "family_relation" and _ESCALATE_FAMILY.search(text[finding.start : finding.end]):
        return "high"
    return finding.cue.risk


def _draft_place(text: str) -> str | None:
    """The most specific place of the whole draft, for safer wordings ("a resident of Onsong")."""
    _, _, name, province = place_population([text])
    if name is None or name == province:
        return f"{province} province" if province and province not in ("Pyongyang", "Rason", "Nampo") else name
    return name.removesuffix(" District")


def _merge(text: str, findings: list[Finding], place: str | None) -> list[RiskySpan]:
    groups: dict[tuple[int, int], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.start, finding.end)].append(finding)
    out: list[RiskySpan] = []
    for (start, end), group in groups.items():
        risks = [_span_risk(text, f) for f in group]
        top = max(range(len(group)), key=lambda i: (RISKS.index(risks[i]), -_PRIORITY.index(group[i].cue.kind)))
        whys = list(dict.fromkeys(f.cue.why for f in group))
        keep = next((f.keep for f in group if f.keep), "")
        kinds = {f.cue.kind for f in group}
        safer = safer_wording(text[start:end], kinds, keep, place)
        out.append(RiskySpan(start, end, text[start:end], group[top].cue.kind, risks[top], "; ".join(whys), safer))
    return out


def _drop_contained(spans: list[RiskySpan]) -> list[RiskySpan]:
    """Fold a span inside a wider one of at least its risk into the wider one's reasons."""
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[RiskySpan] = []
    for span in ordered:
        host = next((k for k in kept if _hosts(k, span)), None)
        if host is None:
            kept.append(span)
            continue
        if span.why not in host.why:
            merged = RiskySpan(host.start, host.end, host.text, host.kind, host.risk, f"{host.why}; {span.why}",
                               host.safer)
            kept[kept.index(host)] = merged
    return kept


def _hosts(wide: RiskySpan, span: RiskySpan) -> bool:
    if (wide.start, wide.end) == (span.start, span.end):
        return wide.kind == span.kind
    return (
        wide.start <= span.start
        and span.end <= wide.end
        and RISKS.index(wide.risk) >= RISKS.index(span.risk)
        and span.kind != "source_code"
    )


def _estimate(text: str, findings: list[Finding]) -> tuple[int | None, tuple[str, ...]]:
    """The smallest anonymity set over the sources described, with its explanation."""
    by_chain: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.chain >= 0 and finding.cue.factor:
            by_chain[finding.chain].append(finding)
    if not by_chain:
        return None, ()
    sentences = split_sentences(text)
    whole_draft = [text[s.start : s.end] for s in sentences if not s.heading]
    _, _, draft_place, _ = place_population(whole_draft)
    best: tuple[int, tuple[str, ...]] | None = None
    for chain, group in sorted(by_chain.items()):
        factors = {f.cue.factor for f in group if f.cue.factor}
        if any(f.cue.kind == "family_relation" and _FAMILY_IN_EVENT.search(text[f.start : f.end]) for f in group):
            factors.add("family_in_event")
        if any(f.cue.factor == "family" and _ESCALATE_FAMILY.search(text[f.start : f.end]) for f in group):
            factors.discard("family")
            factors.add("family_abroad")
        elif any(f.cue.factor == "family" and _FAMILY_CAUGHT.search(text[f.start : f.end]) for f in group):
            factors.discard("family")
            factors.add("family_in_event")
        own_sentences = [s for s in sentences if any(s.start <= f.start < s.end for f in group)]
        own_text = [text[s.start : s.end] for s in own_sentences]
        described = " ".join(text[f.start : f.end] for f in group)
        female = True if _FEMALE.search(described) else (False if _MALE.search(described) else None)
        places = own_text if place_population(own_text)[2] else ([draft_place] if draft_place else [])
        estimate = estimate_anonymity_set({f for f in factors if f}, places, female)
        if best is None or estimate.size < best[0]:
            best = (estimate.size, (f"source {chain + 1} of the draft:", *estimate.lines))
    assert best is not None
    return best
