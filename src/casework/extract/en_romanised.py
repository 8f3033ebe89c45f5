"""North Korean place names as English reports spell them when the gazetteer has no such spelling.

Reports romanise Korean names every which way: McCune-Reischauer with or without its
marks, Revised Romanisation, the DPRK's own system, and the reporter's ear ("Hoiryeong",
"North Hamkyung", "Chungjin", "Onsung", "Hyeasan"). The gazetteer lists the common
spellings; this module catches the rest by comparing names on a key that forgets what
the systems disagree on: vowel spellings (eo/o/u, eu/u, oi/oe, ea/e), voicing (g/k, d/t,
b/p, j/ch), aspiration marks, an initial r, doubled letters, and suffixes such as
"Province" or "-si". A capitalised word (or two or three) whose key names exactly one
unit, and that the gazetteer did not find itself, is that unit.

Keys are built once per process from the packaged gazetteer records.
"""

from __future__ import annotations

import functools
import re

from casework.gazetteer import PlaceMatch, load_gazetteer
from casework.gazetteer.records import read_admin_units

__all__ = ["romanised_places"]

# Names of one to three capitalised words ("North Hamkyung Province", "Hoiryeong").
_CANDIDATE = re.compile(r"\b[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+| [A-Z][a-z'’]+){0,3}\b")
_WORDS = re.compile(r"[A-Za-z'’]+")
_SUFFIX = re.compile(r"(?:[- ](?:province|county|city|do|si|gun|kun|shi|ku|guyok|district))+$")
_STEPS = (
    (re.compile(r"[^a-z ]"), ""),
    (re.compile(r"\beo|eo"), "o"),
    (re.compile(r"eu"), "u"),
    (re.compile(r"oi"), "oe"),
    (re.compile(r"ea"), "e"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"u"), "o"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"j"), "ch"),
    (re.compile(r"(?<=[kptc])h"), ""),
    (re.compile(r"g"), "k"),
    (re.compile(r"d"), "t"),
    (re.compile(r"b"), "p"),
    (re.compile(r"\br"), ""),
    (re.compile(r"r"), "l"),
    (re.compile(r"(.)\1"), r"\1"),
    (re.compile(r" "), ""),
)
# Keys this short name too many ordinary words; names the South shares are not the North's.
_MIN_KEY = 5
_NOT_NORTHERN = frozenset({"kankwon", "kankwonto"})
# Translated names ("Central District", "Diamond Mountains"): English words, not romanisations.
_TRANSLATED = re.compile(
    r"\b(?:central|diamond|mountains?|mt|industrial|special|tourist|economic|region|zone|complex|area|sar|"
    r"administrative|korea|capital|directly|governed)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8192)
def romanised_key(name: str) -> str:
    """The spelling-blind key of a place name.

    Example:
        >>> romanised_key("Hoiryeong") == romanised_key("Hoeryong"), romanised_key("North Hamkyung Province")
        (True, 'nolthamkyonk')
    """
    key = _SUFFIX.sub("", name.lower().replace("’", "'"))
    for pattern, replacement in _STEPS:
        key = pattern.sub(replacement, key)
    return key


@functools.cache
def _index() -> dict[str, PlaceMatch]:
    """Key -> the place it names, for keys that name exactly one place."""
    gazetteer = load_gazetteer()
    seen: dict[str, set[tuple[str | None, str | None]]] = {}
    example: dict[str, PlaceMatch] = {}
    for unit in read_admin_units():
        for name in (unit.name_en, *unit.variants):
            if not name.isascii() or _TRANSLATED.search(name):
                continue
            key = romanised_key(name)
            if len(key) < _MIN_KEY or key in _NOT_NORTHERN:
                continue
            found = gazetteer.find_places(name)
            if len(found) != 1:
                continue
            match = found[0]
            seen.setdefault(key, set()).add((match.province, match.county_or_city))
            example.setdefault(key, match)
    return {key: example[key] for key, places in seen.items() if len(places) == 1}


def romanised_places(text: str, taken: list[PlaceMatch]) -> list[PlaceMatch]:
    """Places in ``text`` spelt in ways the gazetteer does not list, outside the ``taken`` spans.

    Example:
        >>> [(m.text, m.county_or_city) for m in romanised_places("arrested in Chungjin and Onsung", [])]
        [('Chungjin', 'Chongjin'), ('Onsung', 'Onsong')]
    """
    index = _index()
    spans = sorted((m.start, m.end) for m in taken)
    out: list[PlaceMatch] = []
    for candidate in _CANDIDATE.finditer(text):
        words = list(_WORDS.finditer(candidate.group()))
        first = 0
        while first < len(words):
            found = _longest(text, candidate.start(), words, first, spans, index)
            if found is None:
                first += 1
                continue
            start, end, last, place = found
            out.append(
                PlaceMatch(start, end, text[start:end], place.admin_id, place.level, place.province,
                           place.county_or_city, place.lat, place.lon)  # fmt: skip
            )
            first = last
    return out


def _longest(
    text: str,
    base: int,
    words: list[re.Match[str]],
    first: int,
    spans: list[tuple[int, int]],
    index: dict[str, PlaceMatch],
) -> tuple[int, int, int, PlaceMatch] | None:
    """The longest run of words from ``first`` whose key names a place: (start, end, next word, place)."""
    for last in range(len(words), first, -1):
        start, end = base + words[first].start(), base + words[last - 1].end()
        if not text[start].isupper() or any(s < end and start < e for s, e in spans):
            continue
        place = index.get(romanised_key(text[start:end]))
        if place is not None:
            return start, end, last, place
    return None
