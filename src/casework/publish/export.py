"""Public exports: the incidents dataset as CSV, JSON and HURIDOCS-style events.

What leaves the desk is decided here, field by field: incident type, date at the
chosen precision (month by default), place at the chosen level (province by default),
perpetrator, victim count, corroboration grade and the number of independent
sources. Never exported: source pseudonyms or identities, testimony and mention ids,
evidence text, sites (a site can be a neighbourhood). The free-text fields (perpetrator,
victims' description) go through the publication gate (:mod:`casework.publish.gate`):
cut to the chosen place level and precision, then checked; the export is refused while
anything is medium or high risk unless the user accepts the risk with a reason, which
is written to the store's audit log. Pseudonyms and identities are removed even then,
a last scan of the written bytes makes sure none is left, and no CSV cell can start a
spreadsheet formula.

Incident ids are cited, so an id that an earlier export published and that has since
been merged into another incident is listed under ``superseded`` (in incidents.json
and superseded.csv) with the id it now belongs to, ``superseded_by`` (empty when the
incident was retired: none of its mentions is linked any more).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casework.corroborate import PUBLISHED_ONLY
from casework.errors import InputError, PublicationRefused
from casework.model import Incident, Mention, SourceIdentity
from casework.publish.assessment import IdentityCheck, RiskySpan
from casework.publish.coarsen import PLACE_LEVELS, REGIONS, PlaceLevel, Precision
from casework.publish.gate import PublicText, check_public_text, refuse_risky
from casework.publish.store_check import identity_check_from, secret_pattern, secret_values

__all__ = ["REGIONS", "ExportResult", "escape_cell", "export_incidents", "incident_record"]

_FIELDS = ("incident", "type", "date", "date_precision", "region", "province", "county_or_city", "perpetrator",
           "victims_count", "victims_description", "grade", "independent_sources", "mentions",
           "published_reports_only", "reviewed")
_LENGTH = {"day": 10, "month": 7, "year": 4}
_FREE_TEXT = ("perpetrator", "victims_description")
# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) sends
# whoever opens the file to an address of the sender's choosing).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def escape_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run as a formula: text starting with = + - @ TAB CR gets a leading '.

    Example:
        >>> escape_cell("=1+2")
        "'=1+2"
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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


def incident_record(
    incident: Incident, mentions: list[Mention], precision: Precision, place: PlaceLevel
) -> dict[str, Any]:
    """An incident's fields (type, date and its precision, place, perpetrator, victims, grade) from its mentions.

    The one rule for what each field of an incident is: exports call it at the public
    precision, the web incident page at the finest (day, county), so the two never disagree.
    Free text is not checked here; exports pass it through the publication gate.
    """
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
        "reviewed": False,
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
            + (", published reports only" if r["published_reports_only"] else "")
            + (", reviewed by a person" if r["reviewed"] else ", not yet reviewed by a person"),
        })
    return {"format": "HURIDOCS Events Standard Formats (subset)", "events": events}


def _write(path: Path, content: str) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".export-")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(content)
    os.replace(temp, path)


@dataclass(frozen=True)
class ExportResult:
    """What was written: the files, how many incidents, how many risky fields were accepted (and how many high)."""

    paths: list[Path]
    incidents: int
    risky_fields: int
    high_risk_fields: int
    reviewed: int = 0  # of ``incidents``, how many a person fully reviewed


def _identity_test(identities: Sequence[SourceIdentity], identity_check: IdentityCheck | None) -> IdentityCheck | None:
    """One identity test from readable identities and the store's test (fingerprints), whichever are given."""
    readable = identity_check_from(identities) if identities else None
    if readable is None or identity_check is None:
        return readable or identity_check

    def both(text: str) -> list[RiskySpan]:
        return [*readable(text), *identity_check(text)]

    return both


def export_incidents(
    incidents: Sequence[Incident],
    mentions: Mapping[str, Mention],
    out_dir: Path,
    *,
    pseudonyms: Sequence[str] = (),
    identities: Sequence[SourceIdentity] = (),
    identity_check: IdentityCheck | None = None,
    precision: Precision = "month",
    place: PlaceLevel = "province",
    accept_risk: str | None = None,
    superseded: Mapping[str, str | None] | None = None,
    reviewed: Collection[str] = (),
) -> ExportResult:
    """Write ``incidents.csv``, ``incidents.json``, ``incidents.huridocs.json`` and ``superseded.csv``.

    ``reviewed`` names the incidents a person fully reviewed (each record says
    whether it was). ``superseded`` maps ids that no longer exist to the incident each now belongs
    to (None: retired), so that every id ever published resolves.

    A pure function of its arguments: the desk (:func:`casework.desk.publish_dataset`)
    reads the store, passes the incidents, their current mentions and the secrets the
    user may test against (``identity_check``: the store's identity test, which every
    role has), and records the export in the audit log.

    Raises:
        PublicationRefused: a free-text field is medium or high risk and ``accept_risk`` was not given,
            or a pseudonym or identity would still be written.

    Example:
        >>> export_incidents(incidents, mentions, Path("public"), precision="year")  # doctest: +SKIP
    """
    if precision not in _LENGTH or place not in PLACE_LEVELS:
        raise InputError(f"export: unknown precision {precision!r} or place level {place!r}")
    if accept_risk is not None and not accept_risk.strip():
        raise InputError("export: --accept-risk needs a reason")
    pseudonyms = list(pseudonyms)
    test = _identity_test(identities, identity_check)
    records: list[dict[str, Any]] = []
    checked: list[PublicText] = []
    for incident in incidents:
        own = [mentions[i] for i in incident.mentions if i in mentions]
        if not own:
            continue
        record = incident_record(incident, own, precision, place)
        record["reviewed"] = incident.incident_id in reviewed
        for field in _FREE_TEXT:
            if record[field]:
                verdict = check_public_text(f"{incident.incident_id} {field}", record[field], place=place,
                                            precision=precision, pseudonyms=pseudonyms, identity_check=test)
                checked.append(verdict)
                record[field] = verdict.text or None
        records.append(record)
    accepted = refuse_risky(checked, accept_risk, what="export")
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: escape_cell(v) for k, v in r.items()} for r in records)
    gone = [{"incident": old, "superseded_by": new} for old, new in sorted((superseded or {}).items())]
    moved = io.StringIO()
    moved_writer = csv.DictWriter(moved, fieldnames=("incident", "superseded_by"), lineterminator="\n")
    moved_writer.writeheader()
    moved_writer.writerows({k: escape_cell(v) for k, v in r.items()} for r in gone)
    contents = {
        out_dir / "incidents.csv": buffer.getvalue(),
        out_dir / "incidents.json": json.dumps({"incidents": records, "superseded": gone}, ensure_ascii=False,
                                               indent=1),
        out_dir / "incidents.huridocs.json": json.dumps(_huridocs(records), ensure_ascii=False, indent=1),
        out_dir / "superseded.csv": moved.getvalue(),
    }
    _guard(contents, pseudonyms, test)
    for path, content in contents.items():
        _write(path, content)
    return ExportResult(list(contents), len(records), len(accepted), sum(v.risk == "high" for v in accepted),
                        sum(bool(r["reviewed"]) for r in records))


def _guard(contents: dict[Path, str], pseudonyms: list[str], identity_check: IdentityCheck | None) -> None:
    """Last line of defence: no pseudonym or identity may appear in any exported byte."""
    pattern = secret_pattern(secret_values(pseudonyms, ()))
    for path, content in contents.items():
        found = identity_check(content) if identity_check is not None else []
        if found or (pattern is not None and pattern.search(content)):
            raise PublicationRefused(f"export refused: {path.name} would contain a source pseudonym or identity")
