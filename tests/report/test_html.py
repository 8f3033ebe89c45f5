"""The HTML report: figures, evidence marks, escaping, the empty report, the directory."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casework.errors import InputError
from casework.report import ReportSnapshot, incident_rows, write_report
from casework.report.writer import page_name

from .conftest import empty_snapshot, hostile_snapshot

NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
}


class MarkCollector(HTMLParser):
    """The text inside each <mark>, unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self._depth += 1
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.marks[-1] += data


def marks_of(page: Path) -> list[str]:
    collector = MarkCollector()
    collector.feed(page.read_text("utf-8"))
    return collector.marks


def external_references(folder: Path) -> list[str]:
    """Every URL in the written files that is not an XML namespace name."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            for url in re.findall(r"https?://[^\s\"'<>)]+", path.read_text("utf-8")):
                if url not in NAMESPACES:
                    found.append(f"{path.name}: {url}")
    return found


def test_index_shows_the_summary_figures(gold_report: Path) -> None:
    html = gold_report.read_text("utf-8")
    for figure, value in [("incidents", 188), ("mentions", 242), ("testimonies", 120), ("sources", 40)]:
        assert re.search(rf'data-figure="{figure}"><div class="value">{value}</div>', html), figure
    incident_table = html[html.index('id="incident-table"') :]
    assert incident_table[: incident_table.index("</table>")].count("<tr>") == 188 + 1
    assert 'src="charts/timeline.svg"' in html and 'src="charts/grades.svg"' in html
    assert html.count('<path class="province"') == 11
    assert 'src="assets/sort-table.js"' in html
    assert not re.search(r"<script>(?!</script>)", html)  # no inline script
    assert 'id="estimate-result"' in html and "95 % interval" in html
    assert "It holds only under its assumptions" in html and "closed population" in html


def test_incident_pages_mark_exactly_the_evidence(gold_report: Path, gold_snapshot: ReportSnapshot) -> None:
    folder = gold_report.parent / "incidents"
    checked = 0
    for incident in gold_snapshot.incidents:
        expected = []
        for mention_id in incident.mentions:
            mention = gold_snapshot.mentions[mention_id]
            text = gold_snapshot.testimony_texts[mention.testimony or ""]
            spans = sorted(mention.evidence, key=lambda s: s.start)
            assert all(text[s.start : s.end] == s.text for s in spans)
            expected += [s.text for s in spans]
        assert marks_of(folder / page_name(incident.incident_id)) == expected
        checked += len(expected)
    assert checked >= 242


def test_no_external_references(gold_report: Path) -> None:
    assert external_references(gold_report.parent) == []
    css = (gold_report.parent / "assets" / "report.css").read_text("utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    index = write_report(hostile_snapshot(), tmp_path / "r")
    pages = [index, *sorted((tmp_path / "r" / "incidents").glob("*.html"))]
    assert len(pages) == 2
    assert pages[1].name == page_name("INC-<1>") and pages[1].name.startswith("incident-")
    for page in pages:
        html = page.read_text("utf-8")
        for raw in ("<script>alert", "<img src=x", "<i>with</i>", "<b>last week</b>", "INC-<1>"):
            assert raw not in html, (page.name, raw)
        assert re.findall(r"<script[^>]*>", html) == [
            f'<script src="{"../" if page != index else ""}assets/sort-table.js" defer>'
        ]
    incident_html = pages[1].read_text("utf-8")
    assert 'title="evidence: other">&lt;script&gt;</mark>alert(&#34;x&#34;)&lt;/script&gt;' in incident_html
    assert marks_of(pages[1]) == ["<script>", "the police arrested 2 traders in Hyesan"]
    assert "Report &lt;i&gt;with&lt;/i&gt; markup" in index.read_text("utf-8")


def test_empty_store_renders_an_empty_report(tmp_path: Path) -> None:
    index = write_report(empty_snapshot(), tmp_path / "r")
    html = index.read_text("utf-8")
    assert 'id="empty-report"' in html and "This report is empty" in html
    assert "<table" not in html
    assert not (tmp_path / "r" / "charts").exists()
    assert "No estimate of unrecorded incidents is shown" in html


def test_refuses_a_foreign_directory_and_replaces_its_own(tmp_path: Path) -> None:
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(InputError, match="not empty"):
        write_report(empty_snapshot(), foreign)
    assert (foreign / "mine.txt").read_text("utf-8") == "keep"
    out = tmp_path / "r"
    write_report(hostile_snapshot(), out)
    assert (out / "incidents").is_dir()
    write_report(empty_snapshot(), out)
    assert not (out / "incidents").exists()


def test_bad_format_or_precision(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="format"):
        write_report(empty_snapshot(), tmp_path / "a", fmt="pdf")
    with pytest.raises(InputError, match="precision"):
        write_report(empty_snapshot(), tmp_path / "b", precision="week")


def test_table_rows_match_rows(gold_snapshot: ReportSnapshot, gold_report: Path) -> None:
    html = gold_report.read_text("utf-8")
    first = incident_rows(gold_snapshot)[0]
    assert f'<a href="incidents/{page_name(first.incident_id)}">{first.incident_id}</a>' in html
