"""Safer wordings: what an editor would write instead of a risky span.

The rules follow the generalisation ladder of the issue: a village becomes its
county, a county its province; an exact date becomes its month; an exact age becomes
an age band; a named enterprise becomes "a state enterprise"; anything that only
points at a person (a relative, a role, a contact channel, a source code) is removed.
"""

from __future__ import annotations

import re

from casework.gazetteer import load_gazetteer
from casework.publish.cues_en import DAY_DATE, MONTH

__all__ = ["age_band", "generalise_dates", "safer_wording"]

_EXACT_AGE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b")
_AGE_TAIL = re.compile(r",?\s*\b(?:now|aged|age)\s+\d{1,2}\b|\bin\s+(?:his|her|their)\s+\S+?s\b")
_ON_DAY = re.compile(rf"\bon\s+({MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,\s*\d{{4}})?")
_DAY = re.compile(DAY_DATE)
_ENTERPRISE = re.compile(r"(?:Complex|Factory|Mine|Farm|Works|Enterprise|Company|Plant|Corporation|Cooperative)$")
_NOUN_PHRASE = re.compile(r"(?:a|an|the|our|one|then)\b", re.I)
_GENERALISABLE = frozenset({"age", "occupation", "workplace"})


def age_band(age: int) -> str:
    """An exact age as the band an editor would print."""
    if age < 30:
        return "young"
    if age < 60:
        return "middle-aged"
    return "older"


def generalise_dates(text: str) -> str:
    """Day-precision dates to their month: "on March 4" -> "in March"; "the 6th" -> "that month"."""
    text = _ON_DAY.sub(lambda m: f"in {m.group(1)}", text)
    text = re.sub(r"\b(?:on|last|this\s+past)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", "recently", text)
    return _DAY.sub(lambda m: next((w for w in re.findall(MONTH, m.group())), "that month"), text)


def _place_phrase(span_text: str, fallback: str | None) -> str | None:
    for match in load_gazetteer().find_places(span_text):
        if match.level == "district" and match.county_or_city:
            return match.county_or_city
        if match.county_or_city:
            return match.county_or_city
        if match.province:
            return f"{match.province} province"
    return fallback


def safer_wording(span_text: str, kinds: set[str], keep: str, place: str | None) -> str:
    """The replacement for a span with details of ``kinds``; ``keep`` is a leading "Our source" to keep.

    Example:
        >>> safer_wording("a 47-year-old trader", {"age"}, "", None)
        'a middle-aged trader'
    """
    if kinds == {"exact_date"}:
        return generalise_dates(span_text)
    if kinds == {"age"}:
        body = span_text[len(keep) :].lstrip(", ") if keep else span_text
        body = _EXACT_AGE.sub(lambda m: age_band(int(m.group(1))), body)
        body = _AGE_TAIL.sub("", body).strip(" ,")
        return f"{keep}, {body}" if keep and body else (keep or body)
    if kinds == {"workplace"} and _ENTERPRISE.search(span_text):
        return "a state enterprise"
    if kinds <= _GENERALISABLE and (keep or _NOUN_PHRASE.match(span_text)):
        where = _place_phrase(span_text, place)
        generic = f"a resident of {where}" if where else "a resident"
        return f"{keep}, {generic}" if keep else generic
    return keep
