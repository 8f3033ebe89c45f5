"""Reports from a real store (SQLite and PostgreSQL) and through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.desk import snapshot_from_store
from casework.errors import AccessDenied, PublicationRefused
from casework.model import Incident, Mention, replace
from casework.report import compute_figures, write_report
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

from .conftest import keyword_risk_check
from .test_html import marks_of

PASS = "report test passphrase"
READER_PASS = "reader test passphrase"


def fill_from_gold(store: CaseStore, corpus: Path, incidents: int = 6) -> list[Incident]:
    """Store the testimonies, mentions and incidents of the first multi-mention gold incidents."""
    gold = corpus / "gold"
    meta = {r["testimony"]: r for r in map(json.loads, (gold / "testimonies.jsonl").read_text("utf-8").splitlines())}
    truth = [json.loads(line) for line in (gold / "incidents_truth.jsonl").read_text("utf-8").splitlines()]
    chosen = [t for t in truth if len(t["mentions"]) >= 2][:incidents]
    wanted = {m for t in chosen for m in t["mentions"]}
    by_testimony: dict[str, list[Mention]] = {}
    for line in (gold / "incidents.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["mention"] in wanted:
            row["evidence"] = [
                {"field": "incident", "start": s, "end": e, "text": t}
                for t, (s, e) in zip(row["evidence"], row["evidence_offsets"], strict=True)
            ]
            by_testimony.setdefault(row["testimony"], []).append(Mention.from_json(row))
    new_id: dict[str, str] = {}
    for name, mentions in sorted(by_testimony.items()):
        info = meta[name]
        if info["source"] not in {s.pseudonym for s in store.list_sources()}:
            store.add_source(info["source"])
        raw = (corpus / "testimonies" / f"{name}.txt").read_bytes()
        added = store.add_testimony(raw, source=info["source"], filename=f"{name}.txt", list_name=info["channel"])
        ids = store.save_mentions(
            added.testimony_id, [replace(m, testimony=added.testimony_id) for m in mentions], status="accepted"
        )
        new_id.update({m.mention_id or "": i for m, i in zip(mentions, ids, strict=True)})
    stored = [
        Incident(
            t["incident"],
            tuple(new_id[m] for m in t["mentions"]),
            grade="corroborated" if t["independent_sources"] >= 2 else "single-source",
            sources=tuple(t["sources"]),
            independent_sources=t["independent_sources"],
        )
        for t in chosen
    ]
    store.save_incidents(stored)
    return stored


@pytest.fixture
def desk(store_url: str, corpus_dir: Path) -> Iterator[tuple[str, CaseStore, list[Incident]]]:
    init_store(store_url, "admin", PASS, kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", PASS)
    try:
        incidents = fill_from_gold(store, corpus_dir)
        store.add_user("rita", READER_PASS, "reader")
        yield store_url, store, incidents
    finally:
        store.close()


def test_internal_report_from_the_store(desk: tuple[str, CaseStore, list[Incident]], tmp_path: Path) -> None:
    _, store, incidents = desk
    snapshot = snapshot_from_store(store)
    figures = compute_figures(snapshot)
    assert figures.incidents == len(incidents)
    assert figures.mentions == sum(len(i.mentions) for i in incidents)
    assert snapshot.estimates is None and snapshot.estimate_note  # too few incidents: the reason is kept
    write_report(snapshot, tmp_path / "r")
    page = tmp_path / "r" / "incidents" / f"{incidents[0].incident_id}.html"
    expected = [e.text for m in incidents[0].mentions for e in snapshot.mentions[m].evidence]
    assert marks_of(page) == expected


def test_public_snapshot_reads_no_testimony(desk: tuple[str, CaseStore, list[Incident]], tmp_path: Path) -> None:
    url, _, _ = desk
    reader = open_store(url, "rita", READER_PASS)
    try:
        with pytest.raises(AccessDenied):
            snapshot_from_store(reader)
        snapshot = snapshot_from_store(reader, public=True)
    finally:
        reader.close()
    assert snapshot.testimony_texts == {} and snapshot.testimony_meta == {}
    assert all(m.source is None and m.evidence == () for m in snapshot.mentions.values())
    write_report(snapshot, tmp_path / "r", public=True, risk_check=keyword_risk_check)
    assert "SRC-" not in (tmp_path / "r" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_cli_report_and_audit(desk: tuple[str, CaseStore, list[Incident]], tmp_path: Path) -> None:
    url, store, incidents = desk
    runner = CliRunner()
    env = {"CASEWORK_PASSPHRASE": PASS}
    result = runner.invoke(main, ["--store", url, "report", "--out", str(tmp_path / "r")], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / "r" / "index.html")
    args = ["--store", url, "report", "--out", str(tmp_path / "m"), "--format", "markdown"]
    result = runner.invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert f"| Incidents | {len(incidents)} |" in (tmp_path / "m" / "report.md").read_text("utf-8")
    result = runner.invoke(main, ["--store", url, "report", "--out", str(tmp_path / "x"), "--format", "pdf"], env=env)
    assert result.exit_code == 2
    actions = [e.action for e in store.audit_events(limit=50)]
    assert actions.count("report.write") == 2


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_cli_public_accept_risk_is_audited(desk: tuple[str, CaseStore, list[Incident]], tmp_path: Path) -> None:
    url, store, _ = desk
    out = tmp_path / "p"
    args = ["--store", url, "report", "--out", str(out), "--public", "--title", "What SRC-01 saw"]
    result = CliRunner().invoke(main, args, env={"CASEWORK_PASSPHRASE": PASS})
    assert result.exit_code == 3
    assert "refused" in result.output and "SRC-01" not in result.output
    assert not (out / "index.html").exists()
    result = CliRunner().invoke(main, [*args, "--accept-risk", "editor approved"], env={"CASEWORK_PASSPHRASE": PASS})
    assert result.exit_code == 0, result.output
    events = [e for e in store.audit_events(limit=50) if e.action == "report.accept_risk"]
    assert len(events) == 1 and events[0].details["reason"] == "editor approved"
    html = (out / "index.html").read_text("utf-8")
    assert "SRC-01" not in html and "What [removed] saw" in html  # accepted risk never publishes a pseudonym


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_public_snapshot_carries_the_desk_check(desk: tuple[str, CaseStore, list[Incident]], tmp_path: Path) -> None:
    """The web app's path (snapshot, then write_report with defaults) checks against the desk too."""
    _, store, _ = desk
    snapshot = snapshot_from_store(store, public=True, title="What SRC-01 saw")
    assert "SRC-01" in snapshot.pseudonyms
    with pytest.raises(PublicationRefused):
        write_report(snapshot, tmp_path / "r", public=True)
    write_report(snapshot, tmp_path / "r", public=True, accept_risk="editor approved")
    for path in (tmp_path / "r").rglob("*"):
        if path.is_file():
            assert "SRC-01" not in path.read_text("utf-8"), path.name


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_empty_store_reports_that_it_is_empty(store_url: str, tmp_path: Path) -> None:
    init_store(store_url, "admin", PASS, kdf=FAST_TEST_KDF)
    for variant in ([], ["--public"]):
        out = tmp_path / ("public" if variant else "internal")
        args = ["--store", store_url, "report", "--out", str(out), *variant]
        result = CliRunner().invoke(main, args, env={"CASEWORK_PASSPHRASE": PASS})
        assert result.exit_code == 0, result.output
        html = (out / "index.html").read_text("utf-8")
        assert "This report is empty" in html
        assert "Reason: there are no linked incidents." in html
