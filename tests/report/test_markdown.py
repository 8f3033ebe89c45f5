"""The Markdown report: the same figures, tables for charts, inert text."""

from __future__ import annotations

from pathlib import Path

from casework.report import ReportSnapshot, write_report
from casework.report.markdown_report import md

from .conftest import empty_snapshot, hostile_snapshot, keyword_risk_check


def test_markdown_has_the_figures_and_links_the_charts(gold_snapshot: ReportSnapshot, tmp_path: Path) -> None:
    path = write_report(gold_snapshot, tmp_path / "r", fmt="markdown")
    assert path.name == "report.md"
    text = path.read_text("utf-8")
    assert "| Incidents | 188 |" in text
    assert "| Mentions in testimony | 242 |" in text
    assert "| North Hamgyong | 58 |" in text
    assert "| 2016 | 30 |" in text and "| no date | 8 |" in text
    assert "![Incidents per month, by type](charts/timeline.svg)" in text
    assert (tmp_path / "r" / "charts" / "timeline.svg").exists()
    assert (tmp_path / "r" / "charts" / "map.svg").exists()
    assert "## Mentions and evidence" in text
    assert text.count("| I") >= 188


def test_markdown_escapes_hostile_text(tmp_path: Path) -> None:
    text = write_report(hostile_snapshot(), tmp_path / "r", fmt="markdown").read_text("utf-8")
    assert "<" not in text.replace("<!--", "")
    assert "Report &lt;i&gt;with&lt;/i&gt; markup" in text
    assert md("a|b [c](d) *e*") == r"a\|b \[c\](d) \*e\*"


def test_public_markdown_has_no_pseudonyms_or_quotes(small_gold: ReportSnapshot, tmp_path: Path) -> None:
    text = write_report(
        small_gold, tmp_path / "r", fmt="markdown", public=True, risk_check=keyword_risk_check, accept_risk="t"
    ).read_text("utf-8")
    assert "SRC" not in text
    assert "Mentions and evidence" not in text
    assert "Public variant" in text


def test_empty_markdown(tmp_path: Path) -> None:
    text = write_report(empty_snapshot(), tmp_path / "r", fmt="markdown").read_text("utf-8")
    assert "This report is empty" in text


def test_an_incident_resting_only_on_published_reports_says_so(tmp_path: Path) -> None:
    from dataclasses import replace

    from casework.corroborate import PUBLISHED_ONLY

    snapshot = hostile_snapshot()
    flagged = replace(snapshot, incidents=[replace(snapshot.incidents[0], flags=(PUBLISHED_ONLY,))])
    assert "(published reports only)" in write_report(flagged, tmp_path / "md", fmt="markdown").read_text("utf-8")
    assert "(published reports only)" in (write_report(flagged, tmp_path / "html", fmt="html")).read_text("utf-8")
    plain = write_report(snapshot, tmp_path / "plain", fmt="markdown").read_text("utf-8")
    assert "published reports only" not in plain
