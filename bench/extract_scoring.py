"""Scoring extracted mentions against gold, as the corpus README prescribes.

Importable (``sys.path`` must contain ``bench/``), so that the linkage benchmark
can reuse the same one-to-one matching for end-to-end scores.

A predicted mention matches a gold mention of the same testimony when the type is
equal, the province is equal (null only with null) and the dates, read as the
intervals they denote, are at most 7 days apart (a gold null date accepts any
prediction). Matching is one-to-one and of maximum size (Hungarian algorithm on
weights 1 + a small evidence-overlap bonus, which breaks ties by overlap).
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

Record = dict[str, Any]
Matcher = Callable[[Record, Record], bool]

__all__ = ["Score", "date_interval", "dates_agree", "evidence_spans", "match", "matches", "score", "strict_matches"]


def date_interval(value: str | None) -> tuple[date, date] | None:
    """The interval a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value denotes."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    day = date(parts[0], parts[1], parts[2])
    return day, day


def dates_agree(predicted: str | None, gold: str | None, days: int = 7) -> bool:
    if gold is None:
        return True
    p, g = date_interval(predicted), date_interval(gold)
    if p is None or g is None:
        return False
    gap = max(0, (max(p[0], g[0]) - min(p[1], g[1])).days)
    return gap <= days


def _norm(name: str | None) -> str | None:
    return re.sub(r"[^a-z]", "", name.lower()) if name else None


def matches(predicted: Record, gold: Record) -> bool:
    """The README's matching rule: type, province (null only with null), dates within 7 days."""
    return (
        predicted["type"] == gold["type"]
        and (predicted.get("place") or {}).get("province") == (gold.get("place") or {}).get("province")
        and dates_agree(predicted.get("date"), gold.get("date"))
    )


def strict_matches(predicted: Record, gold: Record) -> bool:
    """``matches`` and also the same county/city and perpetrator."""
    return (
        matches(predicted, gold)
        and _norm((predicted.get("place") or {}).get("county_or_city"))
        == _norm((gold.get("place") or {}).get("county_or_city"))
        and predicted.get("perpetrator") == gold.get("perpetrator")
    )


def evidence_spans(record: Record, text: str | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` evidence spans of a predicted or gold record (gold strings found in ``text``)."""
    spans: list[tuple[int, int]] = []
    for ev in record.get("evidence") or ():
        if isinstance(ev, dict):
            spans.append((int(ev["start"]), int(ev["end"])))
    for start, end in record.get("evidence_offsets") or ():
        spans.append((int(start), int(end)))
    if not spans and text is not None:
        for ev in record.get("evidence") or ():
            if isinstance(ev, str) and (at := text.find(ev)) >= 0:
                spans.append((at, at + len(ev)))
    return spans


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(
    predicted: list[Record], gold: list[Record], rule: Matcher = matches, text: str | None = None
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of one testimony's mentions: pairs of (predicted, gold) indexes."""
    if not predicted or not gold:
        return []
    weights = np.zeros((len(predicted), len(gold)))
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if rule(p, g):
                bonus = (
                    0.5 / (len(predicted) * len(gold) + 1)
                    if _overlap(evidence_spans(p), evidence_spans(g, text))
                    else 0
                )
                weights[i, j] = 1 + bonus
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if weights[i, j] > 0]


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, label: str) -> str:
        return (
            f"{label:<32} {self.gold:>5} {self.predicted:>5} {self.matched:>5} "
            f"{self.precision:>6.3f} {self.recall:>6.3f} {self.f1:>6.3f}"
        )


HEADER = f"{'':<32} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"


def score(
    predicted: Iterable[Record],
    gold: Iterable[Record],
    languages: dict[str, str] | None = None,
    texts: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Overall, by language, by type and strict scores; field accuracy and evidence overlap on matches."""
    by_testimony_p: dict[str, list[Record]] = defaultdict(list)
    by_testimony_g: dict[str, list[Record]] = defaultdict(list)
    for p in predicted:
        by_testimony_p[p["testimony"]].append(p)
    for g in gold:
        by_testimony_g[g["testimony"]].append(g)
    languages = languages or {}
    texts = texts or {}
    overall, strict = Score(), Score()
    by_language: dict[str, Score] = defaultdict(Score)
    by_type: dict[str, Score] = defaultdict(Score)
    fields = {"county_or_city": [0, 0], "perpetrator": [0, 0], "victim count": [0, 0], "relation": [0, 0]}
    overlap = [0, 0]
    for testimony in sorted(set(by_testimony_p) | set(by_testimony_g)):
        preds, golds = by_testimony_p[testimony], by_testimony_g[testimony]
        text = texts.get(testimony)
        pairs = match(preds, golds, matches, text)
        strict_pairs = match(preds, golds, strict_matches, text)
        lang = languages.get(testimony, "?")
        for bucket in (overall, by_language[lang]):
            bucket.predicted += len(preds)
            bucket.gold += len(golds)
            bucket.matched += len(pairs)
        strict.predicted += len(preds)
        strict.gold += len(golds)
        strict.matched += len(strict_pairs)
        for p in preds:
            by_type[p["type"]].predicted += 1
        for g in golds:
            by_type[g["type"]].gold += 1
        for i, j in pairs:
            p, g = preds[i], golds[j]
            by_type[g["type"]].matched += 1
            pp, gp = p.get("place") or {}, g.get("place") or {}
            checks = {
                "county_or_city": _norm(pp.get("county_or_city")) == _norm(gp.get("county_or_city")),
                "perpetrator": p.get("perpetrator") == g.get("perpetrator"),
                "victim count": (p.get("victims") or {}).get("count") == (g.get("victims") or {}).get("count"),
                "relation": p.get("relation") == g.get("relation"),
            }
            for name, ok in checks.items():
                fields[name][0] += ok
                fields[name][1] += 1
            gold_spans = evidence_spans(g, text)
            if gold_spans:
                overlap[1] += 1
                overlap[0] += _overlap(evidence_spans(p), gold_spans)
    return {
        "overall": overall,
        "strict": strict,
        "by_language": dict(by_language),
        "by_type": dict(by_type),
        "fields": fields,
        "evidence_overlap": overlap,
    }


def format_report(result: dict[str, Any], title: str) -> str:
    """Plain-text table of a :func:`score` result."""
    lines = [title, HEADER, result["overall"].row("overall"), result["strict"].row("strict (+county, perpetrator)")]
    for lang, s in sorted(result["by_language"].items()):
        lines.append(s.row(f"language {lang}"))
    for kind, s in sorted(result["by_type"].items()):
        lines.append(s.row(f"  {kind}"))
    lines.append("field accuracy on matched pairs:")
    for name, (ok, n) in result["fields"].items():
        lines.append(f"  {name:<30} {ok:>4}/{n:<4} {ok / n if n else 0:.3f}")
    ok, n = result["evidence_overlap"]
    lines.append(f"  {'evidence overlaps gold':<30} {ok:>4}/{n:<4} {ok / n if n else 0:.3f}")
    return "\n".join(lines)
