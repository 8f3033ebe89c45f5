"""Writing a report directory: HTML pages or Markdown, with its charts and assets.

The directory is self-contained and works from ``file://`` with the network off: the
stylesheet, the table-sorting script and the charts are files beside the pages, the
map is inline SVG, and every page carries a Content-Security-Policy that forbids
anything else. Writing a report clears the previous report in the same directory
first, so a public report can never sit next to a stale internal page.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from hashlib import sha256
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from casework.errors import InputError, PublicationRefused
from casework.publish.assessment import IdentityCheck

from .charts import grades_svg, timeline_svg, years_svg
from .estimates import estimate_view, type_estimate_views
from .figures import PRECISIONS, IncidentRow, ReportFigures, compute_figures, incident_rows, label
from .highlight import mark_evidence
from .markdown_report import render_markdown
from .province_map import province_map_svg
from .publication import (
    RiskCheck,
    check_publication,
    coarsen_rows,
    find_secrets,
    publish_stage_check,
    published_texts,
    refuse_on_risk,
    remove_secrets,
    secret_values,
)
from .snapshot import ReportSnapshot, public_incident, public_mention

log = logging.getLogger(__name__)

FORMATS = ("html", "markdown")
MARKER = ".casework-report"
_OWNED = ("index.html", "report.md", "assets", "charts", "incidents", MARKER)
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


@dataclass(frozen=True)
class Charts:
    """Paths of the chart files, relative to the report root ('' when not drawn)."""

    timeline: str = ""
    years: str = ""
    grades: str = ""
    map: str = ""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("casework.report", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.filters["label"] = label
    return env


def page_name(incident_id: str) -> str:
    """A file name for the incident's page that no id can turn into a path."""
    if _SAFE_ID.match(incident_id) and incident_id not in (".", ".."):
        return f"{incident_id}.html"
    return f"incident-{sha256(incident_id.encode()).hexdigest()[:16]}.html"


def _clear(out_dir: Path) -> None:
    for name in _OWNED:
        path = out_dir / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def prepare_directory(out_dir: Path) -> None:
    """Create ``out_dir`` or clear a previous report in it; refuse any other non-empty directory."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = list(out_dir.iterdir())
    if entries and not (out_dir / MARKER).exists():
        raise InputError(f"{out_dir}: directory is not empty and holds no Casework report; choose another --out")
    _clear(out_dir)
    (out_dir / MARKER).write_text("This directory holds a report written by Casework.\n", encoding="utf-8")


def _write_assets(out_dir: Path) -> None:
    target = out_dir / "assets"
    target.mkdir()
    for name in ("report.css", "sort-table.js"):
        source = resources.files("casework.report").joinpath("assets", name)
        (target / name).write_text(source.read_text("utf-8"), encoding="utf-8")


def _write_charts(out_dir: Path, figures: ReportFigures, map_svg: str) -> Charts:
    if not figures.incidents:
        return Charts()
    charts_dir = out_dir / "charts"
    charts_dir.mkdir()
    timeline = ""
    if figures.by_month:
        (charts_dir / "timeline.svg").write_text(timeline_svg(figures.by_month), encoding="utf-8")
        timeline = "charts/timeline.svg"
    years = ""
    if figures.by_year:
        (charts_dir / "years.svg").write_text(years_svg(figures.by_year), encoding="utf-8")
        years = "charts/years.svg"
    (charts_dir / "grades.svg").write_text(grades_svg(figures.by_grade), encoding="utf-8")
    (charts_dir / "map.svg").write_text(map_svg, encoding="utf-8")
    return Charts(timeline=timeline, years=years, grades="charts/grades.svg", map="charts/map.svg")


def _mention_items(snapshot: ReportSnapshot, mention_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    items = []
    for number, mention_id in enumerate(mention_ids, start=1):
        mention = snapshot.mentions.get(mention_id)
        if mention is None:
            continue
        text = snapshot.testimony_texts.get(mention.testimony or "")
        meta = snapshot.testimony_meta.get(mention.testimony or "")
        items.append(
            {
                "mention": mention,
                "anchor": f"mention-{number}",
                "marked": mark_evidence(text, mention.evidence) if text is not None else None,
                "received": meta.received.isoformat() if meta and meta.received else "",
                "channel": meta.channel if meta else "",
            }
        )
    return items


def _period(rows: list[IncidentRow]) -> str:
    years = sorted({r.date[:4] for r in rows if r.date})
    if not years:
        return ""
    return years[0] if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"


def write_report(
    snapshot: ReportSnapshot,
    out_dir: Path,
    *,
    public: bool = False,
    precision: str = "month",
    fmt: str = "html",
    accept_risk: str | None = None,
    risk_check: RiskCheck | None = None,
    secrets: Sequence[str] = (),
    identity_check: IdentityCheck | None = None,
) -> Path:
    """Write the report for ``snapshot`` into ``out_dir``; return the index page.

    The internal report shows every field and each incident's mentions with their
    evidence marked in the testimony. The public report (``public=True``) strips texts,
    quotations and pseudonyms, cuts dates to ``precision`` and places to the province,
    and runs the publication check on every free text it prints, refusing with
    :class:`~casework.errors.PublicationRefused` on medium or high risk unless ``accept_risk``
    gives a reason (the caller records it in the audit log).

    Args:
        snapshot: what to report, from :func:`snapshot_from_store` or built directly.
        out_dir: an empty directory, a previous report's directory, or a new path.
        public: write the publishable variant.
        precision: ``day``, ``month`` or ``year``: the finest date a public report shows.
        fmt: ``html`` (index.html) or ``markdown`` (report.md; charts linked as SVG files).
        accept_risk: the reason for publishing despite medium- or high-risk findings.
        risk_check: the publication check to use; by default :func:`casework.publish.assess_risk`
            with the snapshot's pseudonyms and identities.
        secrets: more values (beyond the snapshot's pseudonyms and identities) that a public
            report must never contain: they
            are removed from every text even when the risk is accepted, and a report that
            still contains one is deleted and refused.

    Example:
        >>> write_report(snapshot, Path("out"), public=True)  # doctest: +SKIP
        PosixPath('out/index.html')
    """
    if fmt not in FORMATS:
        raise InputError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if precision not in PRECISIONS:
        raise InputError(f"precision: {precision!r} is not one of {', '.join(PRECISIONS)}")
    if public:
        snapshot = replace(
            snapshot,
            incidents=[public_incident(i) for i in snapshot.incidents],
            mentions={k: public_mention(m) for k, m in snapshot.mentions.items()},
            testimony_texts={},
            testimony_meta={},
        )
    rows = incident_rows(snapshot)
    title = snapshot.title
    if public:
        rows = coarsen_rows(rows, precision)
        check = risk_check or publish_stage_check(snapshot.pseudonyms, snapshot.identities, identity_check)
        secrets = [*secrets, *secret_values(snapshot.pseudonyms, snapshot.identities)]
        findings = check_publication(published_texts(title, rows, _estimate_texts(snapshot)), check)
        accepted = refuse_on_risk(findings, accept_risk)
        if accepted:
            log.warning("public report written with %d risky text(s) accepted", len(accepted))
        title = remove_secrets(title, secrets, identity_check)
        rows = [_without_secrets(row, secrets, identity_check) for row in rows]
    figures = compute_figures(snapshot, rows)
    prepare_directory(out_dir)
    try:
        index = _render(snapshot, out_dir, rows, figures, title=title, public=public, precision=precision, fmt=fmt)
        leaked = find_secrets(out_dir, secrets, identity_check) if public else []
    except BaseException:
        _clear(out_dir)
        raise
    if leaked:
        _clear(out_dir)
        raise PublicationRefused(
            f"public report refused: a source pseudonym or identity would appear in {', '.join(leaked[:3])}"
        )
    return index


def _estimate_texts(snapshot: ReportSnapshot) -> list[tuple[str, str]]:
    texts = [("estimate note", snapshot.estimate_note)]
    if snapshot.estimates is not None:
        texts.append(("estimate list names", ", ".join(snapshot.estimates.lists)))
        texts += [("estimate warning", warning) for warning in snapshot.estimates.warnings]
    texts += [("estimate refusal per type", s.refused or "") for s in snapshot.type_estimates]
    return texts


def _without_secrets(row: IncidentRow, secrets: Sequence[str], identity_check: IdentityCheck | None) -> IncidentRow:
    description = remove_secrets(row.victims_description, secrets, identity_check) if row.victims_description else None
    perpetrator = remove_secrets(row.perpetrator, secrets, identity_check) if row.perpetrator else None
    return replace(row, victims_description=description, perpetrator=perpetrator)


def _render(
    snapshot: ReportSnapshot,
    out_dir: Path,
    rows: list[IncidentRow],
    figures: ReportFigures,
    *,
    title: str,
    public: bool,
    precision: str,
    fmt: str,
) -> Path:
    map_svg = province_map_svg(figures.by_province) if figures.incidents else Markup("")
    charts = _write_charts(out_dir, figures, str(map_svg))
    context: dict[str, Any] = {
        "title": title,
        "generated_at": snapshot.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "public": public,
        "precision": precision,
        "figures": figures,
        "rows": rows,
        "period": _period(rows),
        "charts": charts,
        "estimate": estimate_view(snapshot.estimates),
        "estimate_note": snapshot.estimate_note,
        "type_estimates": type_estimate_views(snapshot.type_estimates) if snapshot.estimates is not None else [],
        "reviewed": {i for i, s in snapshot.review.items() if s.reviewed},
        "reviewed_only": snapshot.reviewed_only,
    }
    if fmt == "markdown":
        index = out_dir / "report.md"
        index.write_text(render_markdown(snapshot, context), encoding="utf-8")
        return index
    env = _environment()
    _write_assets(out_dir)
    pages = {} if public else {r.incident_id: f"incidents/{page_name(r.incident_id)}" for r in rows}
    index = out_dir / "index.html"
    index.write_text(
        env.get_template("index.html").render(context, root="", pages=pages, map_svg=map_svg), encoding="utf-8"
    )
    if not public and rows:
        (out_dir / "incidents").mkdir()
        incident_template = env.get_template("incident.html")
        by_id = {i.incident_id: i for i in snapshot.incidents}
        for row in rows:
            page = incident_template.render(
                context, root="../", row=row, mentions=_mention_items(snapshot, by_id[row.incident_id].mentions)
            )
            (out_dir / pages[row.incident_id]).write_text(page, encoding="utf-8")
    return index
