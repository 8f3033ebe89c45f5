"""How many victims, as said and as a number: "three young men", "about 30", "a dozen".

The normalised count follows the annotation guidelines: the stated number for
"about 10", "more than 20", "nearly 50"; 12 for "a dozen"; the lower bound of a
range ("five or six" -> 5); and no number at all for "several", "hundreds",
"every household" or "a whole family", because a number there would be invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.gazetteer.names import fold

__all__ = ["CountMatch", "find_victims", "parse_count"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100,
    "one hundred": 100, "a couple of": 2, "a pair of": 2, "both": 2,
}  # fmt: skip
_VAGUE = ("several", "some", "many", "dozens of", "hundreds of", "a few", "a number of", "scores of", "all the", "all")
_QUALIFIER = (
    r"(?:about|around|some|roughly|approximately|nearly|almost|more than|over|at least|up to|fewer than|less than)"
)
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?![\d,])|"
    + "|".join(sorted((re.escape(k) for k in _UNITS), key=len, reverse=True))
    + ")"
)
_PERSON = (
    r"(?:people|persons|person|men|man|women|woman|students?|workers?|residents?|families|family|smugglers?|"
    r"prisoners?|inmates?|children|child|soldiers?|north koreans|defectors?|farmers?|traders?|households?|"
    r"teenagers?|youths?|boys?|girls?|officials?|managers?|brokers?|villagers?|relatives|members|others|"
    r"escapees|refugees|couples?|doctors?|teachers?|drivers?|miners?|fishermen|fisherman|merchants?|"
    r"housewives|neighbours?|neighbors?|of us|of them|more)"
)
_DETERMINER = r"(?:a|an)"
_NOT_PEOPLE = (
    r"yuan|won|dollars?|percent|per cent|kilograms?|kg|tonnes?|tons?|days?|weeks?|months?|years?|hours?|minutes?|"
    r"metres?|meters?|km|kilometres?|o'clock|times|am|pm"
)
_FUNCTION_WORDS = (
    r"that|who|which|whom|were|was|and|or|to|in|on|at|of|the|for|from|by|with|had|have|has|is|are|been|be|"
    r"they|he|she|it|we|i|you|their|his|her|its|our|my|this|these|those|there|after|before|since|when|while"
)
_VICTIMS = re.compile(
    rf"\b(?:(?:{_QUALIFIER}) )?(?P<num>{_NUMBER}|{'|'.join(_VAGUE)}|{_DETERMINER})"
    rf"(?: (?:or|to) (?P<upper>{_NUMBER}))?(?:-(?:year-old|year old))?(?! (?:{_NOT_PEOPLE})\b)"
    rf"(?: (?:(?!(?:{_FUNCTION_WORDS})\b)[a-z][a-z'-]*,? ){{0,3}}?(?P<noun>{_PERSON}))\b(?: of (?:{_NUMBER}))?",
)
_RELATIVE = re.compile(
    r"\b(?:my|his|her|their|our|the \w+'s) (?:(?:younger|older|elder|little|late|only|eldest|youngest) )?"
    r"(?P<noun>mother|father|son|daughter|brother|sister|husband|wife|friend|neighbou?r|uncle|aunt|cousin|colleague|"
    r"nephew|niece|grandmother|grandfather|grandson|granddaughter)\b(?! and)"
)
_LEADING_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_FAMILY_OF = re.compile(rf"^an? family of ({_NUMBER})\b")


@dataclass(frozen=True)
class CountMatch:
    """A phrase naming victims: offsets, the words, the number (or None) and the head noun."""

    start: int
    end: int
    text: str
    count: int | None
    noun: str


def parse_count(words: str) -> int | None:
    """The normalised number in a count phrase, or None when the text gives none.

    Example:
        >>> parse_count("five or six"), parse_count("a dozen"), parse_count("several")
        (5, 12, None)
    """
    lowered = " ".join(words.lower().split())
    for qualifier in ("about ", "around ", "some ", "roughly ", "approximately ", "nearly ", "almost "):
        lowered = lowered.removeprefix(qualifier)
    for qualifier in ("more than ", "over ", "at least ", "up to ", "fewer than ", "less than "):
        lowered = lowered.removeprefix(qualifier)
    family = _FAMILY_OF.search(lowered)
    if family:
        return parse_count(family.group(1))
    if any(lowered.startswith(v + " ") or lowered == v for v in _VAGUE):
        return None
    digits = _LEADING_DIGITS.match(lowered)
    if digits:
        return int(digits.group().replace(",", ""))
    head = lowered
    for name in sorted(_UNITS, key=len, reverse=True):
        if head.startswith(name):
            return _UNITS[name]
    if head.split(" ", 1)[0] in ("a", "an"):
        return 1
    return None


def find_victims(text: str, offset: int = 0, *, folded: str | None = None) -> list[CountMatch]:
    """Count phrases about people in ``text`` (positions shifted by ``offset``).

    Example:
        >>> [(m.text, m.count) for m in find_victims("arrested three young men and about 30 women")]
        [('three young men', 3), ('about 30 women', 30)]
    """
    folded = fold(text) if folded is None else folded
    out: list[CountMatch] = []
    for m in _VICTIMS.finditer(folded):
        noun = m.group("noun").lower()
        num = m.group("num").lower()
        if num in ("a", "an") and noun.endswith("s") and noun not in ("bus",):
            continue
        if noun == "more" and num in ("a", "an"):
            continue
        count = parse_count(m.group())
        words = text[m.start() : m.end()]
        if num in ("a", "an") and noun == "couple":
            count = 2
        elif num in ("a", "an") and noun == "family" and " of " not in m.group():
            count = None
        out.append(CountMatch(m.start() + offset, m.end() + offset, words, count, noun))
    taken = [(c.start, c.end) for c in out]
    for m in _RELATIVE.finditer(folded):
        start, end = m.start() + offset, m.end() + offset
        if not any(s < end and start < e for s, e in taken):
            out.append(CountMatch(start, end, text[m.start() : m.end()], 1, m.group("noun")))
    return sorted(out, key=lambda c: c.start)
