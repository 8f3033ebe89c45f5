"""Where an English sentence says an incident happened, as opposed to other places it names.

A sentence names places in many roles: the scene ("arrested in Hyesan"), where the
victims come from ("a woman from Hoeryong"), where the source is ("a source in North
Hamgyong Province told ..."), the state itself ("Pyongyang's response", "handed over
to Pyongyang"), and lists of towns where one thing happened in several ("in Onsong and
Hoeryong"). These are told apart by the words around the name, which are the same in
any report, so that only the scene becomes the incident's place.
"""

from __future__ import annotations

import functools
import re

from casework.extract.en_romanised import romanised_places
from casework.extract.statements import Spans
from casework.gazetteer import PlaceMatch, SiteMatch, load_gazetteer
from casework.model import Place

__all__ = [
    "FOREIGN",
    "foreign_place",
    "is_metonym",
    "is_source_place",
    "joined_place",
    "not_origin",
    "places_and_sites",
]

FOREIGN = re.compile(
    r"\b(?:in|at|near|outside|around) (?:and around )?(?:the )?(?:city of )?"
    r"(?P<name>China|Shenyang|Yanji|Dandong|Tumen(?! River)|Changbai|Dalian|Beijing|Hunchun|Helong|Longjing|Jilin|"
    r"Laos|Thailand|Vietnam|Russia|Vladivostok|Mongolia|Vientiane|Bangkok|Hanoi|Moscow|Khabarovsk)\b"
    r"(?!\s*[-–/]\s*(?:North|N\.|DPRK))"  # "the China-North Korea border region": the border, not China
)
_CHINESE_CITIES = {"Shenyang", "Yanji", "Dandong", "Tumen", "Changbai", "Dalian", "Beijing", "Hunchun", "Helong"}
_CHINESE_CITIES |= {"Longjing", "Jilin"}

# "Pyongyang" for the state: "Pyongyang's response", "Pyongyang said", "handed over to Pyongyang".
_STATE_AFTER = re.compile(
    r"(?:'s|’s)\s+(?!(?:\w+\s+)?(?:district|county|city|suburbs?|outskirts|centre|center|airport|prison|streets?|"
    r"square|stadium|hospital|station|market|[A-Z]\w+[- ](?:dong|guyok|district)))"
    r"|\s+(?:has|have|had|is|was|will|would|says|said|claims?|claimed|announced|denied|insists?|insisted|wants|"
    r"accused|responded|regime|government|authorities|leadership|officials?|propaganda|state media|refused|"
    r"agreed|rejected|confirmed|warned|threatened|demanded|blamed|holds|held responsible)\b"
)
_STATE_BEFORE = re.compile(
    r"\b(?:over to|back to|by|with|against|between|and|authorities in|officials in|regime in|leadership in|"
    r"government in|leaders in|relations with)\s+$",
    re.IGNORECASE,
)
_SOURCE_BEFORE = re.compile(
    r"\b(?:sources?|residents?|informants?|contacts?|partners?|correspondents?|reporters?|people|person)"
    r",?\s+(?:\w+\s+){0,3}?(?:in|from|of|living in|based in|who lives? in|who (?:is|was) in|inside)"
    r"\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^(?:\s+province)?(?:-based|\s+based)\s+(?:source|resident|informant|contact)|"
    r"^(?:\s+province)?\s+(?:source|resident|informant|contact)s?\b(?!\s+(?:of|for))",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+|\s*/\s*)(?:in\s+)?$")


# The country's top court sits in the capital: a trial or sentence by it took place in Pyongyang.
_NATIONAL_COURT = re.compile(r"\b(?:Supreme|Central|[Hh]ighest|[Tt]op) Court\b")


def places_and_sites(body: str, offset: int, sites: list[SiteMatch]) -> list[PlaceMatch]:
    """Places, and detention sites whose place is known (Jongo-ri is in Hoeryong), offsets shifted."""
    gazetteer = load_gazetteer()
    found = gazetteer.find_places(body)
    found = [*found, *romanised_places(body, found)]
    for court in _NATIONAL_COURT.finditer(body):
        capital = _capital()
        found.append(
            PlaceMatch(court.start(), court.end(), court.group(), capital.admin_id, capital.level, capital.province,
                       capital.county_or_city, capital.lat, capital.lon)  # fmt: skip
        )
    found.sort(key=lambda p: p.start)
    places = [_shift_place(p, offset) for p in found]
    taken = Spans([p.start for p in places], [p.end for p in places])
    for site in sites:
        if site.province is None or taken.overlaps(site.start, site.end):
            continue
        places.append(
            PlaceMatch(
                site.start, site.end, site.text, site.site_id, "site", site.province, site.county_or_city, None, None
            )
        )
    return sorted(places, key=lambda p: p.start)


@functools.cache
def _capital() -> PlaceMatch:
    return load_gazetteer().find_places("Pyongyang")[0]


def is_metonym(text: str, place: PlaceMatch) -> bool:
    """True for the capital standing for the state ("Pyongyang's neighbour", "returned to Pyongyang")."""
    if place.county_or_city != "Pyongyang" or place.level not in ("city", "province"):
        return False
    after = text[place.end : place.end + 40]
    if _STATE_AFTER.match(after):
        return True
    return bool(_STATE_BEFORE.search(text, max(0, place.start - 30), place.start))


def is_source_place(text: str, place: PlaceMatch) -> bool:
    """True for where the source is ("a source in North Hamgyong", "a Hyesan-based resident")."""
    if _SOURCE_BEFORE.search(text, max(0, place.start - 60), place.start):
        return True
    return bool(_SOURCE_AFTER.match(text[place.end : place.end + 30]))


def not_origin(text: str, place: PlaceMatch, kind: str) -> bool:
    """False for "a woman from Hoeryong": where victims come from is not where it happened."""
    if kind in ("punishment_of_family", "forced_repatriation"):
        return True
    return not _FROM.search(text, max(0, place.start - 12), place.start)


def joined_place(text: str, best: PlaceMatch, places: list[PlaceMatch]) -> Place:
    """The place of ``best``, with the other towns of a list it belongs to ("in Onsong and Hoeryong").

    Towns listed together in one province give that province and all of them
    (``"Hoeryong; Onsong"``); a list across provinces keeps the chosen town's province.
    """
    group = [best]
    for direction in (-1, 1):
        current = best
        while True:
            neighbours = [p for p in places if (p.start >= current.end if direction > 0 else p.end <= current.start)]
            if not neighbours:
                break
            nxt = min(neighbours, key=lambda p: p.start) if direction > 0 else max(neighbours, key=lambda p: p.end)
            gap = text[current.end : nxt.start] if direction > 0 else text[nxt.end : current.start]
            if not _LIST_GAP.match(gap) or nxt.level == "province":
                break
            group.append(nxt)
            current = nxt
    same = [p for p in group if p.province == best.province and p.county_or_city]
    counties = sorted({p.county_or_city for p in same if p.county_or_city})
    county = "; ".join(counties) if len(counties) > 1 else best.county_or_city
    return Place(best.province, county)


def foreign_place(match: re.Match[str]) -> Place:
    name = match.group("name")
    return Place(None, None, f"{name}, China" if name in _CHINESE_CITIES else name)


def _shift_place(match: PlaceMatch, offset: int) -> PlaceMatch:
    return PlaceMatch(
        match.start + offset, match.end + offset, match.text, match.admin_id, match.level, match.province,
        match.county_or_city, match.lat, match.lon,
    )  # fmt: skip
