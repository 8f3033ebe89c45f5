"""Free text at the precision a public output promises.

A dataset published with ``--place province --precision month`` shows each incident's
province and month; a perpetrator or victims description that says "from Musan on 12
September" would undo that choice in the one column nobody coarsened. So every free
text of a public output is cut to the same grain before it is checked: places below the
chosen level become the level above them (a county its province, a province its
region, a neighbourhood disappears), day dates become their month (or year), and clock
times go. Family relations cannot be coarsened without losing what the story says
("a mother and her two children"); a relative of the person who spoke is flagged by the
check instead and refused like any other risky detail (see :mod:`casework.publish.gate`).

The rules are about kinds of words — gazetteer places, dates, times — in English and
Korean, so they apply to any text a desk writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from casework.gazetteer import load_gazetteer
from casework.gazetteer.names import is_hangul
from casework.gazetteer.records import read_admin_units
from casework.publish.cues_en import MONTH

__all__ = ["PLACE_LEVELS", "PRECISIONS", "REGIONS", "PlaceLevel", "Precision", "coarsen_text"]

PlaceLevel = Literal["region", "province", "county"]
Precision = Literal["day", "month", "year"]
PLACE_LEVELS: tuple[str, ...] = ("region", "province", "county")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
REGIONS: dict[str, str] = {
    "North Hamgyong": "north-east",
    "Ryanggang": "north-east",
    "Rason": "north-east",
    "North Pyongan": "north-west",
    "Chagang": "north-west",
    "South Hamgyong": "east",
    "Kangwon": "east",
    "Pyongyang": "centre",
    "South Pyongan": "centre",
    "Nampo": "centre",
    "North Hwanghae": "south-west",
    "South Hwanghae": "south-west",
}
_REGIONS_KO = {"north-east": "동북부", "north-west": "서북부", "east": "동부", "centre": "중부", "south-west": "서남부"}

# A unit word left after its place name ("Musan County", "Hyesan city") goes with it.
_UNIT_TAIL = re.compile(r"\s+(?:County|county|City|city|District|district|Province|province)\b")
# Below a county: "Osan-dong", "Sinpa-ri", "Kangan 2-dong", "a village named X", 동/리 after a city or county.
_SMALL_EN = re.compile(
    r"\b[A-Z][\w'’]*(?:\s+\d)?-(?:dong|ri|gu|tong|ni)\b|\b[A-Z][a-z]+\s+(?:village|neighbou?rhood)\b"
)
_SMALL_KO = re.compile(r"(?<=[시군구역도])\s+[가-힣]{1,4}\d?(?:동|리)(?=[\s,.)에의]|$)")

_ORDINAL = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
_DAY_RULES_EN: tuple[_Rule, ...] = (
    (re.compile(r"\b((?:19|20)\d\d-[01]\d)-[0-3]\d\b"), r"\1"),
    (re.compile(rf"\b(?:on\s+)?(?:the\s+)?\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?({MONTH})\b"), r"in \1"),
    (re.compile(rf"\b(?:on\s+)?({MONTH})\s+\d{{1,2}}{_ORDINAL}\b(,?\s+(?:19|20)\d\d)?"),
     lambda m: f"in {m.group(1)}{(' ' + m.group(2).strip(', ')) if m.group(2) else ''}"),
    (re.compile(rf"\b(?:on\s+)?(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+(?:the\s+)?\d{{1,2}}{_ORDINAL}\b"),
     "that month"),
    (re.compile(r"\bon\s+the\s+\d{1,2}(?:st|nd|rd|th)\b|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"), "that month"),
    (re.compile(rf"\b(?:on|last|this\s+past)\s+{_WEEKDAY}\b|\byesterday\b|\blast\s+night\b"), "recently"),
    (re.compile(r"\s*\b(?:at|around|about|at\s+about|at\s+around)\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o'clock)"
                r"|\s*\b(?:at|around|about|at\s+about|at\s+around)\s+\d{1,2}:\d\d\b"), ""),
)
_DAY_RULES_KO: tuple[_Rule, ...] = (
    (re.compile(r"(\d{1,2}월)\s*\d{1,2}일"), r"\1"),
    (re.compile(r"(지난달|이달|지난\s*달)\s*\d{1,2}일"), r"\1"),
    (re.compile(r"(?:지난|이달|오는)\s*\d{1,2}일"), "이달"),
    (re.compile(r"\s*(?:오전|오후|새벽|저녁|밤|아침)?\s*\d{1,2}시(?:\s*\d{1,2}분)?(?:\s*(?:경|쯤|께))?"), ""),
    (re.compile(r"(?<![\d월])\b\d{1,2}일(?=[\s,에께])"), "이달"),
)
_MONTH_RULES: tuple[_Rule, ...] = (
    (re.compile(r"\b((?:19|20)\d\d)-[01]\d\b"), r"\1"),
    (re.compile(rf"\b(?:in\s+|early\s+|late\s+|mid-)?{MONTH}(?:\s+of)?\s+((?:19|20)\d\d)\b"), r"in \1"),
    (re.compile(rf"\b(?:in|during)\s+(?:early\s+|late\s+|mid-)?{MONTH}\b"), "that year"),
    (re.compile(rf"\b{MONTH}\b"), "that year"),
    (re.compile(r"((?:19|20)\d\d)년\s*\d{1,2}월"), r"\1년"),
    (re.compile(r"(?:(?:지난|올해|작년)\s*)?\d{1,2}월"), "올해"),
    (re.compile(r"지난달|이달"), "올해"),
)
_TIDY = (
    (re.compile(r"\b(in|from|at|of)\s+(?:in|from|at|of)\s+", re.I), r"\1 "),
    (re.compile(r"\bin\s+(?=that\s+(?:month|year)\b)"), ""),
    (re.compile(r"\bon\s+(?=in\s)"), ""),
    (re.compile(r"\b(\w[\w -]*?),\s+\1\b"), r"\1"),
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"\s+([,.;)])"), r"\1"),
    (re.compile(r"\(\s*\)"), ""),
)


def _province_names() -> dict[str, str]:
    """Province (first-level unit) English name -> Korean short form as written in text (량강도, 함경북도)."""
    return {u.name_en: u.name_ko for u in read_admin_units() if u.parent_id is None}


def _place_word(province: str, level: PlaceLevel, korean: bool) -> str:
    if level == "region":
        region = REGIONS.get(province, "North Korea")
        if korean:
            return _REGIONS_KO.get(region, "북한")
        return region if region == "North Korea" else f"the {region}"
    return _province_names().get(province, province) if korean else province


def _coarsen_places(text: str, level: PlaceLevel) -> str:
    """Names of places below ``level`` replaced by the unit above them; neighbourhoods removed."""
    text = _SMALL_KO.sub("", _SMALL_EN.sub("a neighbourhood", text))
    if level == "county":
        return text
    out: list[str] = []
    cursor = 0
    for match in load_gazetteer().find_places(text):
        first_level = match.county_or_city is None and match.level in ("province", "city")
        if match.province is None or (first_level and level == "province"):
            continue
        end = match.end
        tail = _UNIT_TAIL.match(text, end)
        if tail is not None:
            end = tail.end()
        out.append(text[cursor : match.start])
        out.append(_place_word(match.province, level, is_hangul(match.text)))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _apply(text: str, rules: tuple[_Rule, ...]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def coarsen_text(text: str, *, place: PlaceLevel = "province", precision: Precision = "month") -> str:
    """``text`` with places no finer than ``place`` and dates no finer than ``precision``.

    Example:
        >>> coarsen_text("agents from Musan County on 12 September")
        'agents from North Hamgyong in September'
        >>> coarsen_text("회령시에서 3월 26일 오전 10시에", precision="month")
        '함경북도에서 3월에'
    """
    if place not in PLACE_LEVELS or precision not in PRECISIONS:
        raise ValueError(f"coarsen_text: unknown place level {place!r} or precision {precision!r}")
    out = _coarsen_places(text, place)
    if precision != "day":
        out = _apply(_apply(out, _DAY_RULES_EN), _DAY_RULES_KO)
    if precision == "year":
        out = _apply(out, _MONTH_RULES)
    for pattern, replacement in _TIDY:
        out = pattern.sub(replacement, out)
    return out.strip()
