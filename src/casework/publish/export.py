"""Public exports: the incidents dataset as CSV, JSON and HURIDOCS-style events.

What leaves the desk is decided here, field by field: incident type, date at the
chosen precision (month by default), place at the chosen level (province by default),
perpetrator, victim count, corroboration grade and the number of independent
sources. Never exported: source pseudonyms or identities, testimony and mention ids,
evidence text, sites (a site can be a neighbourhood). The one free-text field, the
victims' description, goes through :func:`~casework.publish.assess_risk`; the export
is refused while anything is high risk unless the user accepts the risk with a
reason, which is written to the store's audit log. Pseudonyms and identities are
removed even then, and a last scan of the written bytes makes sure none is left.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from casework.corroborate import PUBLISHED_ONLY
from casework.errors import InputError, PublicationRefused
from casework.model import Incident, Mention, SourceIdentity
from casework.publish.assessment import RiskAssessment
from casework.publish.check import assess_risk
from casework.publish.redact import redact_draft
from casework.publish.store_check import find_identities, find_pseudonyms, secret_pattern, secret_values

__all__ = ["REGIONS", "ExportResult", "export_incidents"]

Precision = Literal["day", "month", "year"]
PlaceLevel = Literal["region", "province", "county"]
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
_FIELDS = ("incident", "type", "date", "date_precision", "region", "province", "county_or_city", "perpetrator",
           "victims_count", "victims_description", "grade", "independent_sources", "mentions",
           "published_reports_only")
_LENGTH = {"day": 10, "month": 7, "year": 4}


def _coarsen(mentions: list[Mention], precision: Precision) -> tuple[str | None, str | None]:
    dated = sorted(m.date for m in mentions if m.date)
    if not dated:
        return None, None
    value = dated[len(dated) // 2]
    cut = min(len(value), _LENGTH[precision])
    return value[:cut], {10: "day", 7: "month", 4: "year"}.get(cut)


def _most_common(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def _record(incident: Incident, mentions: list[Mention], precision: Precision, place: PlaceLevel) -> dict[str, Any]:
    date, date_precision = _coarsen(mentions, precision)
    province = _most_common([m.place.province for m in mentions])
    county = _most_common([m.place.county_or_city for m in mentions if m.place.province == province])
    counts = sorted(m.victims.count for m in mentions if m.victims.count is not None)
    return {
        "incident": incident.incident_id,
        "type": _most_common([m.type for m in mentions]) or "other",
        "date": date,
        "date_precision": date_precision,
        "region": REGIONS.get(province or "", "outside North Korea or unstated"),
        "province": province if place in ("province", "county") else None,
        "county_or_city": county if place == "county" else None,
        "perpetrator": _most_common([m.perpetrator for m in mentions]),
        "victims_count": counts[len(counts) // 2] if counts else None,
        "victims_description": _most_common([m.victims.description for m in mentions]),
        "grade": incident.grade,
        "independent_sources": incident.independent_sources,
        "mentions": len(mentions),
        "published_reports_only": PUBLISHED_ONLY in incident.flags,
    }


def _huridocs(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Event records after the HURIDOCS Events Standard Formats (a subset of their fields)."""
    events = []
    for r in records:
        where = ", ".join(p for p in (r["county_or_city"], r["province"]) if p) or r["region"]
        events.append({
            "event_record_number": r["incident"],
            "event_title": f"{r['type'].replace('_', ' ')}, {where}",
            "geographical_term": where,
            "initial_date": r["date"],
            "date_type": r["date_precision"],
            "violation_status": r["grade"],
            "impact_of_event": {"victims": r["victims_count"], "description": r["victims_description"]},
            "acts": [{"type_of_act": r["type"], "perpetrator": r["perpetrator"]}],
            "remarks": f"{r['mentions']} testimonies, {r['independent_sources']} independent sources"
            + (", published reports only" if r["published_reports_only"] else ""),
        })
    return {"format": "HURIDOCS Events Standard Formats (subset)", "events": events}


def _write(path: Path, content: str) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".export-")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(content)
    os.replace(temp, path)


@dataclass(frozen=True)
class ExportResult:
    """What was written: the files, how many incidents, how many high-risk fields were accepted."""

    paths: list[Path]
    incidents: int
    high_risk_fields: int


def export_incidents(
    incidents: Sequence[Incident],
    mentions: Mapping[str, Mention],
    out_dir: Path,
    *,
    pseudonyms: Sequence[str] = (),
    identities: Sequence[SourceIdentity] = (),
    precision: Precision = "month",
    place: PlaceLevel = "province",
    accept_risk: str | None = None,
) -> ExportResult:
    """Write ``incidents.csv``, ``incidents.json`` and ``incidents.huridocs.json`` into ``out_dir``.

    A pure function of its arguments: the desk (:func:`casework.desk.publish_dataset`)
    reads the store, passes the incidents, their current mentions and the secrets the
    user may read, and records the export in the audit log.

    Raises:
        PublicationRefused: a free-text field is high risk and ``accept_risk`` was not given.

    Example:
        >>> export_incidents(incidents, mentions, Path("public"), precision="year")  # doctest: +SKIP
    """
    if precision not in _LENGTH or place not in ("region", "province", "county"):
        raise InputError(f"export: unknown precision {precision!r} or place level {place!r}")
    if accept_risk is not None and not accept_risk.strip():
        raise InputError("export: --accept-risk needs a reason")
    pseudonyms, identities = list(pseudonyms), list(identities)
    records: list[dict[str, Any]] = []
    refused: list[str] = []
    for incident in incidents:
        own = [mentions[i] for i in incident.mentions if i in mentions]
        if not own:
            continue
        record = _record(incident, own, precision, place)
        description = record["victims_description"]
        if description:
            assessment = assess_risk(description, identities=identities, pseudonyms=pseudonyms)
            if assessment.high:
                kind = assessment.spans[0].kind if assessment.spans else "combined details"
                refused.append(f"{incident.incident_id} (victims_description: {kind})")
            secret_spans = (*find_pseudonyms(description, pseudonyms), *find_identities(description, identities))
            if secret_spans:
                cleaned = redact_draft(description, RiskAssessment(tuple(secret_spans), "high", None))
                record["victims_description"] = cleaned or None
        records.append(record)
    if refused and accept_risk is None:
        raise PublicationRefused(
            f"export refused: {len(refused)} high-risk field(s) in incident(s) {', '.join(refused[:5])}; "
            "edit them or pass --accept-risk \"reason\""
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    contents = {
        out_dir / "incidents.csv": buffer.getvalue(),
        out_dir / "incidents.json": json.dumps({"incidents": records}, ensure_ascii=False, indent=1),
        out_dir / "incidents.huridocs.json": json.dumps(_huridocs(records), ensure_ascii=False, indent=1),
    }
    _guard(contents, pseudonyms, identities)
    for path, content in contents.items():
        _write(path, content)
    return ExportResult(list(contents), len(records), len(refused))


def _guard(contents: dict[Path, str], pseudonyms: list[str], identities: list[SourceIdentity]) -> None:
    """Last line of defence: no pseudonym or identity value may appear in any exported byte."""
    pattern = secret_pattern(secret_values(pseudonyms, identities))
    for path, content in contents.items():
        if pattern is not None and pattern.search(content):
            raise PublicationRefused(f"export refused: {path.name} would contain a source pseudonym or identity")
