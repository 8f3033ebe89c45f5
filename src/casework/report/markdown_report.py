"""The report as one Markdown file: the same figures as the HTML, tables for charts.

Markdown renderers pass raw HTML through, so every value from the store is escaped
here: ``<``, ``>`` and ``&`` become entities and Markdown's own punctuation is
backslash-escaped, so a hostile testimony stays text wherever the file is shown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .figures import IncidentRow, label

if TYPE_CHECKING:
    from .snapshot import ReportSnapshot

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")


def md(value: object) -> str:
    """One value as inert Markdown text on a single line."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _table(header: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> list[str]:
    numeric = numeric or set()
    align = ["---:" if i in numeric else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _none(value: object, missing: str = "—") -> str:
    return missing if value is None or value == "" else md(value)


def _incident_table(rows: list[IncidentRow], public: bool) -> list[str]:
    header = ["Incident", "Type", "Date", "Province"]
    header += [] if public else ["County / city"]
    header += ["Perpetrator", "Victims", "Grade", "Mentions", "Independent sources"]
    body = []
    for r in rows:
        cells = [md(r.incident_id), md(label(r.type)), _none(r.date, "unknown"), _none(r.province)]
        cells += [] if public else [_none(r.county_or_city)]
        grade = md(r.grade) + (" (published reports only)" if r.published_reports_only else "")
        cells += [_none(r.perpetrator, "not stated"), _none(r.victims_count), grade]
        cells += [str(r.mentions), str(r.independent_sources)]
        body.append(cells)
    first_numeric = len(header) - 4
    return _table(header, body, {first_numeric, first_numeric + 2, first_numeric + 3})


def _mentions_section(snapshot: ReportSnapshot, rows: list[IncidentRow]) -> list[str]:
    lines = ["## Mentions and evidence", ""]
    by_id = {i.incident_id: i for i in snapshot.incidents}
    for row in rows:
        lines += [f"### Incident {md(row.incident_id)}: {md(label(row.type))}", ""]
        for mention_id in by_id[row.incident_id].mentions:
            mention = snapshot.mentions.get(mention_id)
            if mention is None:
                continue
            place = ", ".join(p for p in (mention.place.county_or_city, mention.place.province) if p) or "not stated"
            lines.append(
                f"- **{md(mention_id)}**, testimony {_none(mention.testimony, 'unknown')}, "
                f"source {_none(mention.source, 'unknown')} ({md(mention.relation)}): "
                f"{_none(mention.date, 'date not stated')}, {md(place)}"
            )
            for span in mention.evidence:
                lines.append(f"    - {md(span.field)}: \u201c{md(span.text)}\u201d")
        lines.append("")
    return lines


def render_markdown(snapshot: ReportSnapshot, context: dict[str, Any]) -> str:
    """The whole report as Markdown, from the same context the HTML pages use."""
    figures = context["figures"]
    rows: list[IncidentRow] = context["rows"]
    public: bool = context["public"]
    charts = context["charts"]
    variant = (
        f"Public variant: dates at {context['precision']} precision, places at province level, "
        "no testimony text, quotations or source pseudonyms."
        if public
        else "**Internal, confidential:** contains source pseudonyms and quotations from testimony. "
        "Do not share outside the desk."
    )
    lines = [f"# {md(context['title'])}", "", f"Generated {context['generated_at']}. {variant}", ""]
    lines += ["## Summary", ""]
    if not figures.incidents:
        lines += ["This report is empty: the store holds no linked incidents yet.", ""]
    else:
        summary = [["Incidents", str(figures.incidents)], ["Mentions in testimony", str(figures.mentions)]]
        if not public:
            summary += [["Testimonies", str(figures.testimonies)], ["Sources", str(figures.sources)]]
        summary += [
            ["Corroborated by 2+ independent sources", str(figures.corroborated)],
            ["Provinces", str(len(figures.by_province))],
        ]
        lines += _table(["Figure", "Value"], summary, {1})
        state = f"**{figures.reviewed} of {figures.incidents} incidents reviewed by a person.**"
        if context.get("reviewed_only"):
            state += " Only incidents a person has reviewed are shown."
        elif figures.reviewed < figures.incidents:
            state += (" The others are the software's suggestions: a person has not yet confirmed every account"
                      " and every link that makes them one incident.")
        lines += [state, ""]
        lines += ["## Incidents per month, by type", ""]
        if charts.timeline:
            lines += [f"![Incidents per month, by type]({charts.timeline})", ""]
        month_rows = [
            [m, str(sum(c.values())), md(", ".join(f"{label(t)} {n}" for t, n in sorted(c.items())))]
            for m, c in figures.by_month.items()
        ]
        lines += _table(["Month", "Incidents", "By type"], month_rows, {1})
        if figures.undated_to_month:
            lines += [f"{figures.undated_to_month} incident(s) are not dated to the month.", ""]
        lines += ["### Per year, including incidents dated only to the year", ""]
        if charts.years:
            lines += [f"![Incidents per year, by type]({charts.years})", ""]
        year_rows = [
            [y, str(sum(c.values())), md(", ".join(f"{label(t)} {n}" for t, n in sorted(c.items())))]
            for y, c in figures.by_year.items()
        ]
        if figures.undated:
            year_rows.append(["no date", str(figures.undated), ""])
        lines += _table(["Year", "Incidents", "By type"], year_rows, {1})
        lines += ["## Where", "", f"![Incidents by province]({charts.map})", ""]
        province_rows = [[md(p), str(n)] for p, n in figures.by_province.most_common()]
        if figures.without_province:
            province_rows.append(["no province in North Korea", str(figures.without_province)])
        lines += _table(["Province", "Incidents"], province_rows, {1})
        lines += ["## How well supported", "", f"![Incidents by corroboration grade]({charts.grades})", ""]
        lines += _table(["Grade", "Incidents"], [[md(g), str(n)] for g, n in figures.by_grade.items()], {1})
    lines += ["## How many went unrecorded", ""]
    estimate = context["estimate"]
    if estimate is None:
        note = context["estimate_note"] or "an estimate needs incidents recorded by at least three independent lists"
        lines += [f"No estimate of unrecorded incidents is shown. Reason: {md(note)}.", ""]
    else:
        lines += [
            f"Estimated total number of incidents, recorded or not: **{estimate.point}** "
            f"({estimate.level} interval {estimate.interval}), against {estimate.observed} recorded "
            f"by {len(estimate.lists)} lists ({md(', '.join(estimate.lists))}).",
            "",
            "Model-averaged over all fitted models (the figure to report). "
            f"Selected model alone: {md(estimate.model)}, {md(estimate.selected)} ({md(estimate.method)}); "
            "its interval does not count the uncertainty of choosing it.",
            "",
        ]
        lines += [f"- warning: {md(w)}" for w in estimate.warnings] + ([""] if estimate.warnings else [])
        if context["type_estimates"]:
            lines += [
                "### By incident type",
                "",
                "Each type estimated on its own from the same lists; a type the data "
                "cannot support shows the reason instead of a number.",
                "",
            ]
            type_rows = [
                [
                    md(label(r.type)),
                    str(r.observed),
                    r.point or "—",
                    md(f"no estimate: {r.reason}" if r.reason else r.interval),
                ]
                for r in context["type_estimates"]
            ]
            lines += _table(
                ["Type", "Recorded", "Estimated total", f"{estimate.level} interval, or why not"], type_rows, {1, 2}
            )
        lines += ["This is a multiple systems estimate. It holds only under its assumptions:", ""]
        lines += [f"- {md(a)}" for a in estimate.assumptions] + [""]
    if rows:
        lines += ["## Incidents", ""] + _incident_table(rows, public)
        if not public:
            lines += _mentions_section(snapshot, rows)
    return "\n".join(lines).rstrip() + "\n"
