"""Korean time expressions, normalised against the date a testimony was received.

Korean reports date events relative to when the source spoke: "지난 6일" (the 6th
just past), "지난달 말", "이달 초", "작년 가을", "올해 여름", "2019년 봄", "3월 4일",
"한 달쯤 지나" (a month after the previous date in the story). Each is turned into an
ISO value at the precision the words carry (day, month or year) and never finer:
"이달 초" is a month, a season is a year, so that two accounts of one incident are
not made to look different by an invented day. Expressions that point back at an
earlier date in the story ("그해", "당일", "한 달쯤 지나") are resolved from the
``context`` date the caller passes; without one they stay unresolved (``iso`` None)
with their text kept.

The pattern is one alternation of fixed words and bounded digit runs, with no
nested quantifiers, so hostile text cannot make matching slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from casework.model import DatePrecision

__all__ = ["KoreanDate", "Resolved", "find_korean_dates", "resolve_korean_date"]

_DAYS = dict(
    zip("하루 이틀 사흘 나흘 닷새 엿새 이레 열흘 보름 일주일".split(), (1, 2, 3, 4, 5, 6, 7, 10, 15, 7), strict=True)
)
_NATIVE = dict(
    zip("한 두 세 석 네 넉 다섯 여섯 일곱 여덟 아홉 열".split(), (1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10), strict=True)
)
_REL_YEAR = (
    r"(?P<ry>재작년|작년|지난해|지난 해|올해|금년|이듬해|그해|그 해|다음 해|다음해"
    r"|올(?=\s?(?:봄|여름|가을|겨울|초(?![가-힣])|상반기|하반기)))"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)년"
_MONTH = r"(?P<m>\d{1,2})월"
_DAY = r"(?P<d>\d{1,2})일(?![0-9]|(?!에|께|경|쯤|밤|새벽|부터)[가-힣])"
_DAY_OF = r"(?P<d>\d{1,2})일"
_REL_MONTH = r"(?P<rm>지난달|지난 달|이달|이번 달|이번달|그달|그 달|다음 달|다음달)"
_PART = r"(?P<part>\s?(?:초순|초|중순|하순|말경|말|들어|께|경|쯤|무렵|밤|새벽|아침|저녁|오후))?"
_SEASON = r"(?P<season>봄|여름|가을|겨울)"
# 전투, 전달, 전쟁 ... are words, not "ago"; "4일 전했다" is the day a source told (전하다), not 4 days ago.
_NOT_COMPOUND = r"(?!투|달|쟁|체|부|국|화|거리|원|선|기|날|했|하|해|한|함)"
_SPAN_NUM = r"(?P<n>\d{1,2}|한|두|세|석|네|넉|다섯|여섯|일곱|여덟|아홉|열)"
_DAY_SPAN = r"(?P<days>하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|보름|일주일)"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("ymd", rf"{_YEAR}\s?{_MONTH}\s?{_DAY_OF}{_PART}"),
    ("ym", rf"{_YEAR}\s?{_MONTH}{_PART}"),
    ("y_season", rf"{_YEAR}\s?{_SEASON}"),
    ("y", rf"{_YEAR}(?!\s?\d)"),
    ("ry_md", rf"{_REL_YEAR}\s?{_MONTH}\s?{_DAY_OF}{_PART}"),
    ("ry_m", rf"{_REL_YEAR}\s?{_MONTH}{_PART}"),
    ("ry_season", rf"{_REL_YEAR}\s?{_SEASON}"),
    ("ry", _REL_YEAR),
    ("year_part", r"(?P<yp>(?:지난\s?)?연말|연초)(?!(?!에|부터|께|경|엔|의)[가-힣])"),
    ("last_season", rf"(?P<last_s>지난|이번)\s?{_SEASON}"),
    ("rm_d", rf"{_REL_MONTH}\s?{_DAY_OF}{_PART}"),
    ("rm", rf"{_REL_MONTH}{_PART}"),
    ("md_range", rf"(?P<last>지난\s?)?{_MONTH}\s?\d{{1,2}}일?\s?[~∼〜-]\s?\d{{1,2}}일"),
    ("md", rf"(?P<last>지난\s?)?{_MONTH}\s?{_DAY_OF}{_PART}"),
    ("m", rf"(?P<last>지난\s?)?{_MONTH}{_PART}"),
    ("d", rf"지난\s?{_DAY_OF}{_PART}"),
    ("d_bare", rf"{_DAY}(?:께|경|쯤|밤|새벽)?(?!\s?(?:동안|간|만|째|전투))"),
    ("week", r"(?P<w>지난주|지난 주말|지난 주|지난주말|이번 주|이번주)"),
    ("deictic", r"(?P<dx>그저께|그제|엊그제|어제|오늘)"),
    ("anaphor", r"(?P<an>당일|그날|그 날|다음날|다음 날|이튿날|그 다음날)"),
    (
        "vague",
        r"(?P<vague>최근|요즘|근래|현재|며칠 ?전|얼마 ?전|수일 ?전|몇 ?달 ?전|몇 ?개월 ?전)"
        r"(?!(?!에|의|엔|들어)[가-힣])",
    ),
    ("ago", rf"{_SPAN_NUM}\s?(?P<unit>년|달|개월|주일|주|일)\s?(?P<dir>전|前){_NOT_COMPOUND}"),
    ("days_ago", rf"(?<![가-힣]){_DAY_SPAN}\s?(?P<dir>전|前){_NOT_COMPOUND}"),
    ("days_after", rf"(?<![가-힣]){_DAY_SPAN}(?:쯤|정도|가량)?\s?(?P<dir>지나|뒤|후|만에)"),
    ("after", rf"{_SPAN_NUM}\s?(?P<unit>년|달|개월|주일|주|일)(?:쯤|정도|가량)?\s?(?P<dir>지나|뒤|후|만에)"),
)
_ATTRIBUTION = re.compile(r"소식통[은는이가도]?\s?$")
# "데일리NK가 25일 보도했다", "RFA의 10일 보도에 따르면", "통화에서 8일 이 같이 밝혔다": the day the news
# was told, not the event's; never across a quoted clause ("8일 체포됐다고 전했다" dates the arrest).
_REPORTED_ON = re.compile(
    r"\s?(?:[^\s\"“”]{0,13}[^\s\"“”고다며]\s){0,2}(?:보도|전했|밝혔|말했|알려|통화)"
    r"|\s?(?:\[[^\]]{1,15}\]|[^\s\"“”]{0,12}(?:방송|매체|통신|신문|뉴스|NK|RFA|\)))[은는이가]\s"
)
_DAY_KINDS = frozenset({"d", "d_bare"})
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(body)) for name, body in _PATTERNS)


@dataclass(frozen=True)
class Resolved:
    """A resolved date: ISO text at a precision, plus the first day it denotes."""

    iso: str
    precision: DatePrecision
    first: date

    def contains(self, other: Resolved) -> bool:
        """Whether ``other`` lies within this date at its precision ("2019" holds "2019-03")."""
        return other.iso.startswith(self.iso)


@dataclass(frozen=True)
class KoreanDate:
    """A time expression found in text, with its resolution (``resolved`` None when unknown)."""

    start: int
    end: int
    text: str
    kind: str
    resolved: Resolved | None
    anaphoric: bool


def _at(day: date, precision: DatePrecision) -> Resolved:
    if precision == "day":
        return Resolved(day.isoformat(), "day", day)
    if precision == "month":
        first = day.replace(day=1)
        return Resolved(first.isoformat()[:7], "month", first)
    first = day.replace(month=1, day=1)
    return Resolved(str(day.year), "year", first)


def _safe(year: int, month: int, day: int = 1) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NATIVE.get(text, 1)


def _rel_year(word: str, ref: date, context: Resolved | None) -> int | None:
    word = word.replace(" ", "")
    if word in ("작년", "지난해"):
        return ref.year - 1
    if word in ("올해", "금년", "올"):
        return ref.year
    if word == "재작년":
        return ref.year - 2
    if context is None:
        return None
    if word == "그해":
        return context.first.year
    return context.first.year + 1  # 이듬해, 다음 해


def _rel_month(word: str, ref: date, context: Resolved | None) -> date | None:
    word = word.replace(" ", "")
    base = ref.replace(day=1)
    if word == "지난달":
        previous: date = base - relativedelta(months=1)
        return previous
    if word in ("이달", "이번달"):
        return base
    if context is None or context.precision == "year":
        return None
    if word == "그달":
        return context.first.replace(day=1)
    following: date = context.first.replace(day=1) + relativedelta(months=1)  # 다음 달
    return following


def _month_before(month: int, ref: date, last: bool) -> int:
    """The year of the most recent such month at or before ``ref`` (strictly before after 지난)."""
    if month < ref.month or (month == ref.month and not last):
        return ref.year
    return ref.year - 1


_SEASON_START = {"봄": 3, "여름": 6, "가을": 9, "겨울": 12}


def _season_year(season: str, ref: date, last: bool) -> int:
    """The year a season began: the latest one begun by ``ref``, the one before it after "지난" if still running."""
    start = _SEASON_START[season]
    year = ref.year if ref.month >= start else ref.year - 1
    if season == "겨울" and ref.month <= 2:
        year = ref.year - 1  # January's winter began last December
    running = date(year, start, 1) + relativedelta(months=3) > ref
    return year - 1 if last and running else year


def _day_before(day: int, ref: date) -> date | None:
    if day <= ref.day:
        return _safe(ref.year, ref.month, day)
    previous = ref.replace(day=1) - relativedelta(months=1)
    return _safe(previous.year, previous.month, day)


def resolve_korean_date(kind: str, match: re.Match[str], ref: date | None, context: Resolved | None) -> Resolved | None:
    """Turn one match of the pattern ``kind`` into a date; None when the text does not allow it."""
    g = match.groupdict()
    if kind in ("ymd", "ym", "y_season", "y"):
        year = int(g["y"])
        if kind == "ymd":
            found = _safe(year, int(g["m"]), int(g["d"]))
            return _at(found, "day") if found else None
        if kind == "ym":
            found = _safe(year, int(g["m"]))
            return _at(found, "month") if found else None
        return _at(date(year, 1, 1), "year")
    if kind == "anaphor":
        if context is None:
            return None
        if g["an"].replace(" ", "") in ("당일", "그날"):
            return context
        if context.precision == "day":
            return _at(context.first + timedelta(days=1), "day")
        return context
    if kind == "days_after":
        if context is None:
            return None
        step = timedelta(days=_DAYS[g["days"]])
        return _at(context.first + step, context.precision if context.precision != "day" else "day")
    if kind == "after":
        if context is None:
            return None
        n = _number(g["n"])
        unit = g["unit"]
        if unit == "년":
            return _at(context.first + relativedelta(years=n), "year")
        if unit in ("달", "개월"):
            return _at(context.first + relativedelta(months=n), "month" if context.precision != "year" else "year")
        step = timedelta(days=n * (7 if unit.startswith("주") else 1))
        return _at(context.first + step, "month" if context.precision != "year" else "year")
    if kind in ("ry_md", "ry_m", "ry_season", "ry"):
        told: int | None = _rel_year(g["ry"], ref, context) if ref else None
        if told is None and ref is None and context is not None and g["ry"].replace(" ", "") == "그해":
            told = context.first.year
        if told is None:
            return None
        if kind == "ry_md":
            found = _safe(told, int(g["m"]), int(g["d"]))
            return _at(found, "day") if found else None
        if kind == "ry_m":
            found = _safe(told, int(g["m"]))
            return _at(found, "month") if found else None
        return _at(date(told, 1, 1), "year")
    if ref is None:
        return None
    if kind == "year_part":
        # "연초" is this year's start; "연말" the last year end already reached (this one only in Nov-Dec).
        word = g["yp"].replace(" ", "")
        this_year = word == "연초" or (word == "연말" and ref.month >= 11)
        return _at(date(ref.year if this_year else ref.year - 1, 1, 1), "year")
    if kind == "last_season":
        return _at(date(_season_year(g["season"], ref, g["last_s"] == "지난"), 1, 1), "year")
    if kind in ("rm_d", "rm"):
        month = _rel_month(g["rm"], ref, context)
        if month is None:
            return None
        if kind == "rm_d":
            found = _safe(month.year, month.month, int(g["d"]))
            return _at(found, "day") if found else None
        return _at(month, "month")
    if kind in ("md", "m", "md_range"):
        month_number = int(g["m"])
        if not 1 <= month_number <= 12:
            return None
        if kind == "md":
            # The most recent such day at or before ``ref``: "지난 8월 5일" told on 25 August is this year's.
            day = int(g["d"])
            year = ref.year if (month_number, day) <= (ref.month, ref.day) else ref.year - 1
            found = _safe(year, month_number, day)
            return _at(found, "day") if found else None
        year = _month_before(month_number, ref, bool(g["last"]))
        return _at(date(year, month_number, 1), "month")
    if kind in ("d", "d_bare"):
        found = _day_before(int(g["d"]), ref)
        return _at(found, "day") if found else None
    if kind == "week":
        return _at(ref - timedelta(days=7 if "지난" in g["w"] else 0), "month")
    if kind == "deictic":
        back = {"오늘": 0, "어제": 1, "그제": 2, "그저께": 2, "엊그제": 2}[g["dx"]]
        return _at(ref - timedelta(days=back), "day")
    if kind == "vague":
        word = g["vague"].replace(" ", "")
        if word.startswith(("몇달", "몇개월")):
            return _at(ref - relativedelta(months=2), "month")
        if word.endswith("전"):
            return _at(ref - timedelta(days=3), "month")
        return _at(ref, "month")  # 최근, 현재: the month the report was written
    if kind == "days_ago":
        days = _DAYS[g["days"]]
        return _at(ref - timedelta(days=days), "day" if days < 7 else "month")
    if kind == "ago":
        n = _number(g["n"])
        unit = g["unit"]
        if unit == "년":
            return _at(ref - relativedelta(years=n), "year")
        if unit in ("달", "개월"):
            return _at(ref - relativedelta(months=n), "month")
        if unit == "일":
            return _at(ref - timedelta(days=n), "day")
        return _at(ref - timedelta(days=7 * n), "month")
    return None


_ANAPHORIC = ("anaphor", "after", "days_after")


def find_korean_dates(
    text: str, ref: date | None, context: Resolved | None = None, start: int = 0, end: int | None = None
) -> list[KoreanDate]:
    """Every time expression in ``text[start:end]``, in order, each resolved against ``ref``.

    ``context`` is the date the story was at before ``start``; it is carried forward
    through the expressions found, so that "그해 여름" after "2017년 1월" is 2017.
    An expression followed by "까지" (until) marks an end, not an event, and is skipped;
    so are the day a reporter's source spoke ("소식통은 4일") or an outlet reported
    ("25일 보도했다"), and dates after ``ref``: a report tells what has happened, so a
    later date belongs to a plan or a prophecy. "최근" and "현재" are the month of
    ``ref`` (kind ``vague``: they place an incident, but never keep two apart).

    Example:
        >>> [d.resolved.iso for d in find_korean_dates("지난 14일 체포됐다", date(2016, 6, 24))]
        ['2016-06-14']
    """
    stop = len(text) if end is None else end
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text, start, stop):
            if match.start() > 0 and _joined(text[match.start() - 1], match.group(0)[0]):
                continue
            if text.startswith("까지", match.end()):
                continue
            found.append((match.start(), -match.end(), kind, match))
    found.sort(key=lambda item: (item[0], item[1]))
    out: list[KoreanDate] = []
    taken = start
    for begin, _neg_end, kind, match in found:
        if begin < taken:
            continue
        taken = match.end()
        if kind in _DAY_KINDS and (
            _ATTRIBUTION.search(text, max(start, match.start() - 6), match.start())
            or _REPORTED_ON.match(text, match.end(), min(stop, match.end() + 24))
        ):
            continue
        resolved = resolve_korean_date(kind, match, ref, context)
        if resolved is not None and ref is not None and resolved.first > ref:
            continue  # a prophecy's year or a plan's date: no incident already told happened then
        out.append(KoreanDate(match.start(), match.end(), match.group(0), kind, resolved, anaphoric=kind in _ANAPHORIC))
        if resolved is not None:
            context = resolved
    return out


def _joined(before: str, first: str) -> bool:
    """A match glued to a preceding digit or Hangul syllable is part of another word."""
    if first.isdigit():
        return before.isdigit() or before in ".,~∼〜-"
    return "\uac00" <= before <= "\ud7a3" and "\uac00" <= first <= "\ud7a3"
