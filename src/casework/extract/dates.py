"""English time expressions, normalised against the date a testimony was received.

Reports say "on the 6th", "late July", "last week", "in the spring of 2019". Each
is turned into an ISO value at the precision the words carry (day, month or year)
and never finer: "last week" is a month, "in the summer" a year, because inventing a
day would make two accounts of one incident look different, or two incidents look
the same. Expressions that only point at another date in the text ("the next day",
"that night") are marked ``anaphoric`` for the caller to resolve from context.

All patterns are linear (no nested quantifiers), so hostile text cannot make them slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from casework.extract.scanning import dispatched, unnamed
from casework.gazetteer.names import fold
from casework.model import DatePrecision

__all__ = ["DateMatch", "find_dates", "iso"]

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)"
# Abbreviated months only where a day follows ("Mar. 6"): "mar" and "dec" alone are other words.
_MONTH_ABBREVIATED = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.)"
)
_ORD = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple of)"
_YEAR_SUFFIX = r"(?:,? (?P<year>(?:19|20)\d\d)| (?:of )?(?P<ry>this|last) year)?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_QUAL = r"(?P<qual>early|mid|late|the (?:start|beginning|end|middle|first half|second half) of)"

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3, "a couple of": 2}

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("ord_of_month", rf"(?:(?:on )?the )?{_ORD} of (?P<rel>last|this|the same|that) month"),
    ("month_day", rf"{_MONTH_ABBREVIATED} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,? {_YEAR})?(?!\d|,\d)"),
    ("day_month", rf"(?:(?:on )?the )?{_ORD}? ?(?:of )?{_MONTH}{_YEAR_SUFFIX}"),
    ("qual_month", rf"(?:(?:in|at|from|since) )?(?:the )?{_QUAL}[- ]?(?:of )?{_MONTH}{_YEAR_SUFFIX}"),
    ("month", rf"(?:(?:in|from|since|until) )?{_MONTH}{_YEAR_SUFFIX}"),
    ("ord", rf"(?:on )?the (?:(?:night|morning|evening|afternoon) of the )?{_ORD}"),
    ("season", rf"(?:in )?(?:the )?(?P<qual>early |late )?{_SEASON}(?: of)?(?: {_YEAR})?"),
    (
        "relative",
        r"(?P<qual>early |earlier |late |later |at the end of |at the start of )?"
        r"(?P<rel>last|this|previous) (?P<unit>week|month|year)",
    ),
    ("ago", rf"(?:about |around |some |nearly |almost )?{_NUM} (?P<unit>day|week|month|year)s? (?:ago|earlier)"),
    ("deictic", r"(?P<word>the day before yesterday|yesterday|today|tonight|recently|a few days ago|these days)"),
    ("new_year", r"(?:since |after |at )?(?:the )?new year"),
    (
        "weekday",
        rf"(?:on |last |this past |on last )?{_WEEKDAY}(?!s| (?:nights|mornings|evenings|afternoons))"
        r"(?: (?:night|morning|evening|afternoon))?",
    ),
    ("anaphoric", r"the (?:next|following|same|previous) (?:day|night|morning|week|month)|that (?:day|night|week)"),
    ("year", rf"(?:in |since |from |until )?(?<![\d,.$]){_YEAR}(?![\d,])"),
)


def _prefixed(kind: str, pattern: str) -> str:
    return re.sub(r"\(\?P<(\w+)>", rf"(?P<{kind}__\1>", pattern)


# One alternation, longer forms first, so that the text is scanned once.
_DATES = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{_prefixed(k, p)})" for k, p in _PATTERNS) + r")\b")

# Every time expression contains a digit or one of these words. Scanning for them
# first (a plain alternation of literals, which the engine skips through quickly)
# and reading the full patterns only in windows around them keeps dates cheap.
_ANCHOR_WORDS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "spring", "summer", "autumn", "fall", "winter", "day", "night", "morning",
    "evening", "afternoon", "week", "month", "year", "ago", "earlier", "yesterday", "today", "tonight",
    "recently", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
_ANCHORS = re.compile(r"[0-9]+|" + "|".join(sorted(_ANCHOR_WORDS, key=len, reverse=True)))
_BEFORE, _AFTER = 30, 30
_SCAN = re.compile(dispatched([unnamed(pattern) for _, pattern in _PATTERNS]))
_GROUPS = {
    kind: [(name, name.split("__", 1)[1]) for name in _DATES.groupindex if name.startswith(kind + "__")]
    for kind, _ in _PATTERNS
}
_HABITUAL = re.compile(r"\b(?:every|each)\s+$")
# An article or possessive (and perhaps an adjective) right before a bare year: the year is
# part of a name ("a 2012 study", "its 2019 report", "the 2014 UN inquiry").
_ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|his|her|their|this|that)\s+(?:(?!year\b)[a-z]+\s+)?$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 12}


@dataclass(frozen=True)
class DateMatch:
    """A time expression: its offsets, its words, and its value at the stated precision."""

    start: int
    end: int
    text: str
    value: date | None
    precision: DatePrecision | None
    anaphoric: bool = False
    kind: str = ""
    year_given: bool = False

    @property
    def vague(self) -> bool:
        """Words that place an incident in time without saying when ("recently"): no date, and
        none to be taken from the story either."""
        return self.kind == "vague"

    @property
    def iso(self) -> str | None:
        return iso(self.value, self.precision)


def iso(value: date | None, precision: DatePrecision | None) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` for a date at a precision."""
    if value is None or precision is None:
        return None
    return {"day": value.isoformat(), "month": value.isoformat()[:7], "year": str(value.year)}[precision]


def find_dates(text: str, received: date | None, offset: int = 0, *, folded: str | None = None) -> list[DateMatch]:
    """Every time expression in ``text``, leftmost-longest, resolved against ``received``.

    ``offset`` is added to the returned positions, so that a sentence can be searched
    and the spans still point into the whole testimony. ``folded`` is
    ``casework.gazetteer.names.fold(text)`` when the caller already has it (the
    patterns are matched on the folded text, which is faster than ignoring case).

    Example:
        >>> [m.iso for m in find_dates("arrested on the 6th and late July", date(2020, 8, 18))]
        ['2020-08-06', '2020-07']
    """
    folded = fold(text) if folded is None else folded
    out: list[DateMatch] = []
    for m in _windowed(folded):
        kind = m.lastgroup or ""
        prefix = kind + "__"
        groups = {short: m.group(full) for full, short in _GROUPS[kind]}
        if groups.get("month") and not text[m.start(prefix + "month")].isupper():
            continue  # "may", "march" as ordinary words
        if kind == "weekday" and (
            not text[m.start(prefix + "weekday")].isupper()
            or _HABITUAL.search(folded, max(0, m.start() - 8), m.start())
        ):
            continue  # "every Saturday" is a habit, not a date
        if kind == "relative" and (groups.get("qual") or "").strip() == "later" and groups.get("rel") == "this":
            continue  # "at their summit later this month": what is still to come, never an incident's date
        if kind == "year" and _ATTRIBUTIVE.search(folded, max(0, m.start() - 16), m.start()):
            continue  # "an exhaustive 2012 study", "the 2019 film": a year naming a thing, not a date
        value, precision = _resolve(kind, groups, received)
        if kind == "year" and value is None:
            continue
        if kind == "deictic" and (groups.get("word") or "") == "recently":
            kind, value, precision = "vague", None, None
        out.append(
            DateMatch(
                m.start() + offset,
                m.end() + offset,
                text[m.start() : m.end()],
                value,
                precision,
                kind == "anaphoric",
                kind,
                bool(groups.get("year") or groups.get("ry")) or kind == "year",
            )
        )
    return out


def _windowed(folded: str) -> list[re.Match[str]]:
    """Matches of the date patterns, read only in merged windows around anchors."""
    windows: list[list[int]] = []
    for anchor in _ANCHORS.finditer(folded):
        start, end = max(0, anchor.start() - _BEFORE), min(len(folded), anchor.end() + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    out: list[re.Match[str]] = []
    for start, end in windows:
        for found in _SCAN.finditer(folded, start, end):
            named = _DATES.match(folded, found.start(), end)
            if named is not None:
                out.append(named)
    return out


def _month_number(groups: dict[str, str | None]) -> int:
    return MONTHS[(groups["month"] or "").lower().rstrip(".")]


def _recent(month: int, day: int, received: date | None, year: str | None) -> date | None:
    """The given month/day in the stated year, or the most recent one not after ``received``."""
    if year:
        return _safe_date(int(year), month, day)
    if received is None:
        return None
    candidate = _safe_date(received.year, month, day)
    if candidate is None or candidate > received:
        candidate = _safe_date(received.year - 1, month, day)
    return candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(
    kind: str, groups: dict[str, str | None], received: date | None
) -> tuple[date | None, DatePrecision | None]:
    year = groups.get("year")
    if not year and groups.get("ry") and received is not None:
        year = str(received.year - (groups["ry"] == "last"))
    if kind == "year":
        return date(int(year or 0), 1, 1), "year"
    if kind in ("month_day", "day_month") and groups.get("day"):
        return _day(_month_number(groups), int(groups["day"] or 0), received, year)
    if kind in ("month", "day_month", "qual_month"):
        value = _recent(_month_number(groups), 1, received, year)
        return value, "month" if value else None
    if kind == "season":
        month = _SEASON_MONTH[(groups["season"] or "").lower()]
        if year:
            return date(int(year), 1, 1), "year"
        value = _recent(month, 1, received, None)
        return value, "year" if value else None
    if received is None:
        return None, None
    if kind == "ord":
        day = int(groups["day"] or 0)
        value = _safe_date(received.year, received.month, day) if 1 <= day <= 31 else None
        if value is None or value > received:
            value = _safe_date(*_month_before(received), day)
        return value, "day" if value else None
    if kind == "ord_of_month":
        day = int(groups["day"] or 0)
        base = received if (groups["rel"] or "").lower() != "last" else received - relativedelta(months=1)
        value = _safe_date(base.year, base.month, day)
        return value, "day" if value else None
    if kind == "relative":
        return _relative((groups["rel"] or "").lower(), (groups["unit"] or "").lower(), received)
    if kind == "ago":
        return _ago((groups["n"] or "").lower(), (groups["unit"] or "").lower(), received)
    if kind == "weekday":
        wanted = _WEEKDAYS.index((groups["weekday"] or "").lower())
        return received - timedelta(days=(received.weekday() - wanted) % 7), "day"
    if kind == "new_year":
        return date(received.year, 1, 1), "month"
    if kind == "deictic":
        word = (groups["word"] or "").lower()
        if word in ("yesterday", "the day before yesterday"):
            return received - timedelta(days=1 if word == "yesterday" else 2), "day"
        if word in ("today", "tonight"):
            return received, "day"
        return received, "month"
    return None, None


def _day(month: int, day: int, received: date | None, year: str | None) -> tuple[date | None, DatePrecision | None]:
    value = _recent(month, day, received, year)
    return value, "day" if value else None


def _month_before(received: date) -> tuple[int, int]:
    previous = received.replace(day=1) - timedelta(days=1)
    return previous.year, previous.month


def _relative(rel: str, unit: str, received: date) -> tuple[date | None, DatePrecision | None]:
    back = 1 if rel in ("last", "previous") else 0
    if unit == "week":
        return received - timedelta(days=7 * back), "month"
    if unit == "month":
        return received - relativedelta(months=back), "month"
    return date(received.year - back, 1, 1), "year"


def _ago(n_text: str, unit: str, received: date) -> tuple[date | None, DatePrecision | None]:
    n = int(n_text) if n_text.isdigit() else _NUMBERS.get(n_text, 1)
    if unit == "day":
        return received - timedelta(days=n), "day" if n_text.isdigit() or n_text in _NUMBERS else "month"
    if unit == "week":
        return received - timedelta(days=7 * n), "month"
    if unit == "month":
        return received - relativedelta(months=n), "month"
    return date(received.year - n, 1, 1), "year"


_CALENDAR_KINDS = frozenset({"month_day", "day_month", "qual_month", "month", "season"})


def anchor_year(match: DateMatch, narrative: DateMatch | None) -> DateMatch:
    """A month or season without a year, placed in the year the narrative is in.

    "In April 2019 we were sent ... until October" means October 2019, not the
    October before the testimony was received. Reporter-style texts about recent
    events have no earlier explicit year, and keep the received-relative reading.
    """
    if match.kind not in _CALENDAR_KINDS or match.year_given or match.value is None:
        return match
    if narrative is None or narrative.value is None or not narrative.year_given:
        return match
    value = _safe_date(narrative.value.year, match.value.month, match.value.day)
    if value is None:
        return match
    return DateMatch(match.start, match.end, match.text, value, match.precision, match.anaphoric, match.kind, True)
