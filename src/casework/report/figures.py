"""The numbers a report shows, computed once from a snapshot.

An :class:`~casework.model.Incident` is only a cluster of mention ids with a grade;
its type, date and place come from its mentions, which may disagree (one source says
"late February", another gives the day). :func:`incident_rows` settles each field
the same documented way for every output format, so the HTML, the Markdown and the
charts can never show different figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casework.corroborate import PUBLISHED_ONLY
from casework.model import GRADES, INCIDENT_TYPES, Incident, Mention

if TYPE_CHECKING:
    from .snapshot import ReportSnapshot

PRECISIONS = ("day", "month", "year")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# The map has no separate Nampo polygon (Natural Earth keeps it inside South Pyongan).
MAP_PROVINCE = {"Nampo": "South Pyongan"}


@dataclass(frozen=True)
class IncidentRow:
    """One incident as a report shows it, its fields settled from its mentions.

    ``victims_count`` is the smallest count any mention states ("at least"), because a
    report must not add up its sources' highest guesses.
    """

    incident_id: str
    type: str
    date: str | None
    date_precision: str | None
    province: str | None
    county_or_city: str | None
    perpetrator: str | None
    victims_count: int | None
    victims_description: str | None
    grade: str
    mentions: int
    independent_sources: int
    first_hand: int
    flags: tuple[str, ...]

    @property
    def published_reports_only(self) -> bool:
        """The incident rests on news outlets' reports alone, no testimony of the desk's own."""
        return PUBLISHED_ONLY in self.flags

    @property
    def month(self) -> str | None:
        """``YYYY-MM`` when the date is known to the month, else ``None``."""
        if self.date and self.date_precision in ("day", "month"):
            return self.date[:7]
        return None


@dataclass(frozen=True)
class ReportFigures:
    """Summary numbers and the tables behind the charts."""

    incidents: int
    mentions: int
    testimonies: int
    sources: int
    corroborated: int
    rows: list[IncidentRow]
    by_month: dict[str, Counter[str]]
    undated_to_month: int
    by_year: dict[str, Counter[str]]
    undated: int
    by_province: Counter[str]
    without_province: int
    by_grade: Counter[str]
    by_type: Counter[str]
    reviewed: int = 0  # incidents a person fully reviewed


def _mode(values: Iterable[str | None], order: Sequence[str] = ()) -> str | None:
    """The most common non-empty value; ties go to the earlier in ``order``, then alphabetical."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    rank = {v: i for i, v in enumerate(order)}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), v))


def settle_date(mentions: Sequence[Mention]) -> tuple[str | None, str | None]:
    """The most precise date any mention gives, the earliest of those; with its precision."""
    dated = [(m.date, m.date_precision or _precision_of(m.date)) for m in mentions if m.date]
    if not dated:
        return None, None
    best = min(_PRECISION_RANK.get(p or "year", 2) for _, p in dated)
    candidates = sorted(d for d, p in dated if _PRECISION_RANK.get(p or "year", 2) == best)
    return candidates[0], PRECISIONS[best]


def _precision_of(value: str) -> str:
    return {10: "day", 7: "month"}.get(len(value), "year")


def coarsen_date(value: str | None, value_precision: str | None, precision: str) -> tuple[str | None, str | None]:
    """The date cut to ``precision`` (never made finer than it was)."""
    if value is None:
        return None, None
    have = _PRECISION_RANK.get(value_precision or _precision_of(value), 2)
    want = _PRECISION_RANK[precision]
    level = max(have, want)
    return value[: (10, 7, 4)[level]], PRECISIONS[level]


def incident_row(incident: Incident, mentions: Sequence[Mention]) -> IncidentRow:
    """Settle one incident's fields from its mentions (see :class:`IncidentRow`)."""
    date, precision = settle_date(mentions)
    province = _mode(m.place.province for m in mentions)
    county = _mode(m.place.county_or_city for m in mentions if m.place.province == province)
    counts = [m.victims.count for m in mentions if m.victims.count is not None]
    descriptions = [m.victims.description for m in mentions if m.victims.description]
    return IncidentRow(
        incident_id=incident.incident_id,
        type=_mode((m.type for m in mentions), INCIDENT_TYPES) or "other",
        date=date,
        date_precision=precision,
        province=province,
        county_or_city=county,
        perpetrator=_mode(m.perpetrator for m in mentions),
        victims_count=min(counts) if counts else None,
        victims_description=descriptions[0] if descriptions else None,
        grade=incident.grade,
        mentions=len(incident.mentions),
        independent_sources=incident.independent_sources,
        first_hand=incident.first_hand,
        flags=incident.flags,
    )


def incident_rows(snapshot: ReportSnapshot) -> list[IncidentRow]:
    """Every incident of the snapshot as a row, newest first, undated last."""
    rows = []
    for incident in snapshot.incidents:
        mentions = [snapshot.mentions[m] for m in incident.mentions if m in snapshot.mentions]
        rows.append(incident_row(incident, mentions))
    dated = sorted((r for r in rows if r.date), key=lambda r: (r.date or "", r.incident_id), reverse=True)
    return dated + sorted((r for r in rows if not r.date), key=lambda r: r.incident_id)


def compute_figures(snapshot: ReportSnapshot, rows: list[IncidentRow] | None = None) -> ReportFigures:
    """All numbers of the report, from the snapshot (``rows`` may be precomputed/coarsened)."""
    rows = incident_rows(snapshot) if rows is None else rows
    by_month: dict[str, Counter[str]] = {}
    for row in rows:
        if row.month:
            by_month.setdefault(row.month, Counter())[row.type] += 1
    by_year: dict[str, Counter[str]] = {}
    for row in rows:
        if row.date:
            by_year.setdefault(row.date[:4], Counter())[row.type] += 1
    by_province: Counter[str] = Counter()
    for row in rows:
        if row.province:
            by_province[MAP_PROVINCE.get(row.province, row.province)] += 1
    used = [snapshot.mentions[m] for i in snapshot.incidents for m in i.mentions if m in snapshot.mentions]
    testimonies = {m.testimony for m in used if m.testimony} | set(snapshot.testimony_meta)
    sources = {m.source for m in used if m.source} | {t.source for t in snapshot.testimony_meta.values()}
    by_grade = Counter({g: 0 for g in GRADES})
    by_grade.update(r.grade for r in rows)
    return ReportFigures(
        incidents=len(rows),
        mentions=sum(r.mentions for r in rows),
        testimonies=len(testimonies),
        sources=len(sources),
        corroborated=sum(1 for r in rows if r.grade in ("corroborated", "well-corroborated")),
        rows=rows,
        by_month=dict(sorted(by_month.items())),
        undated_to_month=sum(1 for r in rows if not r.month),
        by_year=dict(sorted(by_year.items())),
        undated=sum(1 for r in rows if not r.date),
        by_province=by_province,
        without_province=sum(1 for r in rows if not r.province),
        by_grade=by_grade,
        by_type=Counter(r.type for r in rows),
        reviewed=sum(1 for r in rows if (s := snapshot.review.get(r.incident_id)) is not None and s.reviewed),
    )


def label(value: str) -> str:
    """A vocabulary value as a reader sees it: ``torture_or_ill_treatment`` -> ``torture or ill treatment``."""
    return value.replace("_", " ")
