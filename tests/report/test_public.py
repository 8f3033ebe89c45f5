"""The public report: nothing but public fields, coarsened, and checked before writing."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path

import pytest

from casework.errors import PublicationRefused
from casework.report import ReportSnapshot, write_report
from casework.report.publication import RiskCheck, risk_level

from .conftest import hostile_snapshot, keyword_risk_check


def publication_check() -> RiskCheck:
    """The publication stage's check when it has landed, else the plain keyword check."""
    stage = importlib.import_module("casework.publish")
    assess = getattr(stage, "assess_risk", None)
    if assess is None:
        return keyword_risk_check
    return lambda text: risk_level(assess(text))


def all_text(folder: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def public_report(gold_snapshot: ReportSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public") / "report"
    write_report(gold_snapshot, out, public=True, risk_check=publication_check(), accept_risk="test fixture")
    return out


def test_public_report_has_no_quotes_or_pseudonyms(public_report: Path, gold_snapshot: ReportSnapshot) -> None:
    text = all_text(public_report)
    assert not (public_report / "incidents").exists()
    assert "SRC-" not in text
    for pseudonym in {m.source for m in gold_snapshot.mentions.values() if m.source}:
        assert pseudonym not in text
    for mention in gold_snapshot.mentions.values():
        for span in mention.evidence:
            assert span.text not in text, mention.mention_id
        if mention.date_text and len(mention.date_text) > 12:
            assert mention.date_text not in text
    for body in gold_snapshot.testimony_texts.values():
        assert body.split("\n\n", 1)[-1][:60] not in text


def test_public_report_is_coarsened(public_report: Path) -> None:
    html = (public_report / "index.html").read_text("utf-8")
    dates = re.findall(r'<td class="date" data-sort="([^"]*)">', html)
    assert dates and all(len(d) in (0, 4, 7) for d in dates)
    assert "County / city" not in html
    assert 'class="badge public"' in html
    assert 'data-figure="testimonies"' not in html and 'data-figure="sources"' not in html


def test_public_report_has_the_per_type_estimates(public_report: Path) -> None:
    html = (public_report / "index.html").read_text("utf-8")
    assert html.index('id="estimate-result"') < html.index('id="estimate-types"')
    assert '<tr data-type="arrest">' in html and '<tr data-type="disappearance" class="refused">' in html


def test_year_precision(small_gold: ReportSnapshot, tmp_path: Path) -> None:
    index = write_report(
        small_gold, tmp_path / "r", public=True, precision="year", risk_check=publication_check(), accept_risk="t"
    )
    html = index.read_text("utf-8")
    dates = [d for d in re.findall(r'<td class="date" data-sort="([^"]*)">', html) if d]
    assert dates and all(len(d) == 4 for d in dates)
    assert "No incident is dated to the month" in html


def test_high_risk_refuses_and_writes_nothing(tmp_path: Path) -> None:
    snapshot = hostile_snapshot()
    risky = ReportSnapshot(
        generated_at=snapshot.generated_at,
        incidents=snapshot.incidents,
        mentions=snapshot.mentions,
        title="What SRC-99's cousin saw",
    )
    out = tmp_path / "r"
    with pytest.raises(PublicationRefused, match=r"1 high-risk text\(s\) \(title\)") as refused:
        write_report(risky, out, public=True, risk_check=keyword_risk_check)
    assert "cousin" not in str(refused.value)  # the message names the place, never the text
    assert not out.exists()
    write_report(risky, out, public=True, risk_check=keyword_risk_check, accept_risk="editor approved")
    assert (out / "index.html").exists()


def test_public_needs_the_publication_check(tmp_path: Path) -> None:
    stage = importlib.import_module("casework.publish")
    if getattr(stage, "assess_risk", None) is not None:
        write_report(hostile_snapshot(), tmp_path / "r", public=True, accept_risk="checked by the test")
        assert (tmp_path / "r" / "index.html").exists()
    else:
        with pytest.raises(PublicationRefused, match="not available"):
            write_report(hostile_snapshot(), tmp_path / "r", public=True)


def test_risk_level_reads_the_common_shapes() -> None:
    class Assessment:
        risk = "medium"

    assert risk_level("low") == "low"
    assert risk_level({"risk": "high"}) == "high"
    assert risk_level(Assessment()) == "medium"
    assert risk_level(object()) == "high"


def test_secrets_are_removed_and_guarded(tmp_path: Path) -> None:
    snapshot = hostile_snapshot()
    titled = ReportSnapshot(
        generated_at=snapshot.generated_at,
        incidents=snapshot.incidents,
        mentions=snapshot.mentions,
        title="Told by Pak Chol-su",
    )
    index = write_report(
        titled, tmp_path / "a", public=True, risk_check=lambda _: "low", secrets=["SRC-99", "Pak Chol-su"]
    )
    assert "Pak Chol-su" not in index.read_text("utf-8") and "Told by [removed]" in index.read_text("utf-8")
    leaky = ReportSnapshot(
        generated_at=snapshot.generated_at,
        incidents=[replace(snapshot.incidents[0], incident_id="SRC-99")],
        mentions=snapshot.mentions,
    )
    out = tmp_path / "b"
    with pytest.raises(PublicationRefused, match="pseudonym or identity would appear in index.html"):
        write_report(leaky, out, public=True, risk_check=lambda _: "low", accept_risk="x", secrets=["SRC-99"])
    assert not (out / "index.html").exists()


def test_estimate_texts_are_checked_too(tmp_path: Path) -> None:
    snapshot = replace(hostile_snapshot(), title="Report", estimate_note="the list of my cousin's network is too small")
    with pytest.raises(PublicationRefused, match=r"\(estimate note\)"):
        write_report(snapshot, tmp_path / "r", public=True, risk_check=keyword_risk_check)
