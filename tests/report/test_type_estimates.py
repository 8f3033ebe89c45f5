"""The per-type estimate table: an interval or the stage's reason on every row, in HTML and Markdown."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from casework.report import ReportSnapshot, write_report
from casework.report.estimates import type_estimate_views

INTERVAL = re.compile(r"^\d[\d,]*\u2013(\d[\d,]*|unbounded)$")


def _rows(html: str) -> dict[str, str]:
    table = html[html.index('<table id="estimate-types"') :]
    table = table[: table.index("</table>")]
    return {m.group(1): m.group(2) for m in re.finditer(r'<tr data-type="([^"]+)"[^>]*>(.*?)</tr>', table, re.S)}


def test_gold_types_carry_an_interval_or_a_reason(gold_snapshot: ReportSnapshot) -> None:
    views = {v.type: v for v in type_estimate_views(gold_snapshot.type_estimates)}
    assert "all" not in views
    assert sum(v.observed for v in views.values()) == len(gold_snapshot.incidents)
    for kind in ("arrest", "execution"):
        assert INTERVAL.match(views[kind].interval) and views[kind].point and not views[kind].reason, kind
    assert "incidents observed; an estimate needs at least" in views["disappearance"].reason
    assert not views["disappearance"].point and not views["disappearance"].interval
    for view in views.values():  # never a bare number
        assert bool(view.interval) != bool(view.reason), view.type


def test_html_table_under_the_overall_estimate(gold_report: Path) -> None:
    html = gold_report.read_text("utf-8")
    assert html.index('id="estimate-result"') < html.index('id="estimate-types"') < html.index("It holds only under")
    rows = _rows(html)
    assert INTERVAL.match(re.search(r'<td class="interval">([^<]+)</td>', rows["arrest"]).group(1))  # type: ignore[union-attr]
    assert '<td class="interval">' in rows["execution"]
    assert "no estimate: only 6 incidents observed" in unescape(rows["disappearance"])
    assert all(('class="interval"' in r) != ('class="reason"' in r) for r in rows.values())


def test_markdown_has_the_same_table(gold_snapshot: ReportSnapshot, tmp_path: Path) -> None:
    text = write_report(gold_snapshot, tmp_path / "r", fmt="markdown").read_text("utf-8")
    section = text[text.index("### By incident type") : text.index("This is a multiple systems estimate")]
    arrest = next(line for line in section.splitlines() if line.startswith("| arrest"))
    assert re.search(r"\| \d[\d,]*\u2013(\d[\d,]*|unbounded) \|$", arrest)
    assert any(line.startswith("| disappearance") and "no estimate: only 6" in line for line in section.splitlines())
