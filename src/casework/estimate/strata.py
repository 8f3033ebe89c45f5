"""Estimates per stratum (type, year, province, region) and across linkage thresholds.

Capture rates differ between kinds of incident and between places: a public execution
in a border town reaches every outlet, an arrest in the interior reaches few. Pooled,
that heterogeneity looks like positive dependence between lists and biases the total
low (the Kosovo table shows it: ~7,400 unstratified against ~10,500 published). So the
estimate is made per stratum, each stratum refused on its own when it is too small,
and the whole repeated on the clusters of several linkage thresholds, because a
linkage error moves incidents between capture patterns just as surely as a missed list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casework.errors import EstimationError
from casework.estimate.histories import CaptureHistories, histories_from_clusters
from casework.estimate.population import MIN_OBSERVED, Estimate, estimate_population
from casework.model import ESTIMATE_STRATA, Incident, Mention

__all__ = [
    "REGIONS",
    "STRATA",
    "StratumEstimate",
    "clusters_of",
    "estimate_strata",
    "incident_strata",
    "parse_periods",
    "threshold_spread",
]

STRATA = ESTIMATE_STRATA
Period = tuple[int, int]
ALL = "all"
UNKNOWN = "unknown"

REGIONS: dict[str, str] = {
    "North Hamgyong": "north-east border",
    "Ryanggang": "north-east border",
    "Rason": "north-east border",
    "North Pyongan": "north-west border",
    "Chagang": "north-west border",
    "South Hamgyong": "east coast",
    "Kangwon": "east coast",
    "Pyongyang": "centre and south-west",
    "South Pyongan": "centre and south-west",
    "Nampo": "centre and south-west",
    "North Hwanghae": "centre and south-west",
    "South Hwanghae": "centre and south-west",
}
"""Provinces grouped by how reporting reaches them: the border provinces with Chinese phone
coverage, the east coast and the interior (documented in docs/estimation.md)."""


@dataclass(frozen=True)
class StratumEstimate:
    """The estimate of one stratum at one linkage threshold, or the reason it was refused."""

    by: str
    stratum: str
    histories: CaptureHistories
    estimate: Estimate | None
    refused: str | None = None
    threshold: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "stratum": self.stratum,
            "threshold": self.threshold,
            "observed": self.histories.observed,
            "histories": self.histories.to_json(),
            "estimate": self.estimate.to_json() if self.estimate else None,
            "refused": self.refused,
        }


def clusters_of(incidents: Iterable[Incident]) -> dict[str, str]:
    """``mention id -> incident id`` from linked incidents."""
    return {m: inc.incident_id for inc in incidents for m in inc.mentions}


def parse_periods(text: str) -> tuple[Period, ...]:
    """``"2010-2019,2020-2023"`` -> ``((2010, 2019), (2020, 2023))``; a single year is a period of one year.

    Example:
        >>> parse_periods("2015-2019,2020")
        ((2015, 2019), (2020, 2020))
    """
    periods: list[Period] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        first, _, last = part.partition("-")
        try:
            start, end = int(first), int(last or first)
        except ValueError:
            raise EstimationError(f"period {part!r} is not YEAR or YEAR-YEAR") from None
        if end < start:
            raise EstimationError(f"period {part!r} ends before it starts")
        periods.append((start, end))
    ordered = sorted(periods)
    if not ordered:
        raise EstimationError("no periods given; expected e.g. 2010-2019,2020-2023")
    for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
        if start <= end:
            raise EstimationError(f"periods overlap at {start}")
    return tuple(ordered)


def _period_of(year: int, periods: tuple[Period, ...]) -> str | None:
    for start, end in periods:
        if start <= year <= end:
            return f"{start}-{end}" if end != start else str(start)
    return None


def _value(mention: Mention, by: str, periods: tuple[Period, ...] = ()) -> str | None:
    if by == "type":
        return mention.type
    if by == "year":
        return mention.date[:4] if mention.date else None
    if by == "period":
        return _period_of(int(mention.date[:4]), periods) if mention.date else None
    if by == "province":
        return mention.place.province
    if by == "region":
        return REGIONS.get(mention.place.province or "")
    raise EstimationError(f"unknown stratum {by!r}; expected one of {', '.join(STRATA)}")


def incident_strata(
    clusters: Mapping[str, str], mentions: Mapping[str, Mention], by: str, periods: tuple[Period, ...] = ()
) -> dict[str, str]:
    """Each incident's stratum: the most common value among its mentions (ties: alphabetical first).

    Mentions of one incident can disagree (a "detention" in one account is an "arrest"
    in another); the majority is the incident's best description, and ``unknown``
    stands for an incident none of whose mentions say.
    """
    votes: dict[str, Counter[str]] = {}
    for mention_id, incident in clusters.items():
        mention = mentions.get(mention_id)
        value = _value(mention, by, periods) if mention is not None else None
        tally = votes.setdefault(incident, Counter())
        if value:
            tally[value] += 1
    out: dict[str, str] = {}
    for incident, tally in votes.items():
        out[incident] = min(tally, key=lambda v: (-tally[v], v)) if tally else UNKNOWN
    return out


def estimate_strata(
    incidents: Iterable[Incident] | Mapping[str, str],
    list_of_mention: Mapping[str, str],
    *,
    by: str | None = None,
    mentions: Mapping[str, Mention] | None = None,
    periods: tuple[Period, ...] = (),
    criterion: str = "aic",
    interval: str = "profile",
    level: float = 0.95,
    min_observed: int = MIN_OBSERVED,
    threshold: float | None = None,
) -> list[StratumEstimate]:
    """Estimate per stratum; a stratum that cannot be estimated is returned refused, with the reason.

    Args:
        incidents: linked incidents, or a clustering ``mention id -> incident id``.
        list_of_mention: the list of each mention's testimony.
        by: ``type``, ``year``, ``period``, ``province``, ``region``, or ``None`` for one stratum ``all``.
        mentions: mention id -> mention (needed when ``by`` is given).
        periods: the periods of ``by="period"`` (see :func:`parse_periods`); other years are ``unknown``.
        criterion, interval, level, min_observed: as in :func:`estimate_population`.
        threshold: the linkage threshold that produced the clustering (recorded only).

    Example:
        >>> [s.stratum for s in estimate_strata(incidents, lists, by="type", mentions=by_id)]  # doctest: +SKIP
        ['all', 'arrest', 'detention', ...]
    """
    clusters = dict(incidents) if isinstance(incidents, Mapping) else clusters_of(incidents)
    all_lists = sorted({v for v in list_of_mention.values() if v})
    groups: dict[str, dict[str, str]] = {ALL: clusters}
    if by is not None:
        if by not in STRATA:
            raise EstimationError(f"unknown stratum {by!r}; expected one of {', '.join(STRATA)}")
        if mentions is None:
            raise EstimationError(f"stratifying by {by} needs the mentions")
        if by == "period" and not periods:
            raise EstimationError("stratifying by period needs the periods, e.g. 2010-2019,2020-2023")
        stratum_of = incident_strata(clusters, mentions, by, periods)
        for mention_id, incident in clusters.items():
            groups.setdefault(stratum_of[incident], {})[mention_id] = incident
    out: list[StratumEstimate] = []
    for stratum in [ALL, *sorted(k for k in groups if k != ALL)]:
        histories = histories_from_clusters(groups[stratum], list_of_mention, all_lists)
        try:
            est = estimate_population(
                histories, criterion=criterion, interval=interval, level=level, min_observed=min_observed
            )
        except EstimationError as err:
            out.append(StratumEstimate(by or ALL, stratum, histories, None, str(err), threshold))
        else:
            out.append(StratumEstimate(by or ALL, stratum, histories, est, None, threshold))
    return out


def threshold_spread(results: Sequence[StratumEstimate]) -> dict[str, dict[str, Any]]:
    """Per stratum, the range of the selected estimate and of the observed count across thresholds."""
    spread: dict[str, dict[str, Any]] = {}
    for r in results:
        entry = spread.setdefault(r.stratum, {"thresholds": [], "observed": [], "n_hat": [], "refused": 0})
        entry["thresholds"].append(r.threshold)
        entry["observed"].append(r.histories.observed)
        if r.estimate is not None:
            entry["n_hat"].append(r.estimate.selected.n_hat)
        else:
            entry["refused"] += 1
    for entry in spread.values():
        values = entry["n_hat"]
        entry["min"] = min(values) if values else None
        entry["max"] = max(values) if values else None
    return spread
