"""Bulk intake from the CLI: a sheet with a dry run, folders, zips and DOCX/PDF transcripts."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from test_store_cli import PASS, cw

from casework.store import open_store
from document_samples import docx_bytes, pdf_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "import" / "cases.csv"


@pytest.fixture
def legacy_desk(tmp_path: Path) -> str:
    url = str(tmp_path / "desk.db")
    assert cw(url, "init", "--kdf-ops", "1", "--kdf-mem-kib", "8").exit_code == 0
    assert cw(url, "sources", "add", "SRC-LEGACY").exit_code == 0
    return url


def test_sheet_dry_run_writes_nothing_and_reports_every_bad_row(legacy_desk: str) -> None:
    result = cw(legacy_desk, "import-sheet", str(EXAMPLE), "--dry-run", "--format", "jsonl")
    assert result.exit_code == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 10 and {r["outcome"] for r in rows} == {"would import"}
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert {line.split(": row ")[1].split(":")[0] for line in rejected} == {"12", "13", "14", "15", "16"}
    assert "15 rows, 10 good, 5 rejected (dry run: nothing written)" in result.stderr
    assert json.loads(cw(legacy_desk, "list", "--json").stdout or "null") is None


def test_sheet_with_bad_rows_writes_nothing_unless_asked(legacy_desk: str) -> None:
    refused = cw(legacy_desk, "import-sheet", str(EXAMPLE))
    assert refused.exit_code == 2 and "nothing written" in refused.stderr
    assert cw(legacy_desk, "list", "--json").stdout == ""
    done = cw(legacy_desk, "import-sheet", str(EXAMPLE), "--skip-bad-rows", "--list", "partner-ngo", "--format", "csv")
    assert done.exit_code == 2  # the bad rows are still reported as failures
    lines = done.stdout.splitlines()
    assert lines[0] == "row,original_id,type,date,province,testimony,mention,outcome" and len(lines) == 11
    store = open_store(legacy_desk, "admin", PASS)
    try:
        infos = store.list_testimonies()
        assert len(infos) == 10 and {i.list_name for i in infos} == {"partner-ngo"}
        first = store.get_testimony(infos[0].testimony_id)
        assert first.text.startswith("Imported record LEG-2019-001 (sheet cases.csv, row 2, sha256 ")
        (mention,) = store.list_mentions(testimony_id=infos[0].testimony_id)
        assert mention.status == "accepted" and mention.mention.place.county_or_city == "Hyesan"
    finally:
        store.close()
    again = cw(legacy_desk, "import-sheet", str(EXAMPLE), "--dry-run")
    assert again.stdout.count("would import") == 0 and again.stderr.count("is already imported") == 10


def test_folder_zip_and_documents_are_added_with_their_hashes(legacy_desk: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "call.txt").write_text("source: SRC-LEGACY\n\nA call about Hyesan.\n", encoding="utf-8")
    docx = docx_bytes()
    (inbox / "interview.docx").write_bytes(docx)
    archive = tmp_path / "calls.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("a.txt", "Another call about Musan.\n")
        bundle.writestr("scan.pdf", pdf_bytes("A transcript about Hoeryong."))
    result = cw(legacy_desk, "add", str(inbox), str(archive), "--source", "SRC-LEGACY")
    assert result.exit_code == 0, result.output
    added = [line for line in result.stdout.splitlines() if line.startswith("added ")]
    assert len(added) == 4
    assert any(f"interview.docx sha256 {hashlib.sha256(docx).hexdigest()} (document sealed)" in a for a in added)
    store = open_store(legacy_desk, "admin", PASS)
    try:
        by_name = {i.filename: i.testimony_id for i in store.list_testimonies()}
        assert store.get_testimony_original(by_name["interview.docx"]) == docx
        assert "two men were detained in Hoeryong" in store.get_testimony(by_name["interview.docx"]).text
        assert store.get_testimony_original(by_name["call.txt"]) is None
        assert "testimony.read_original" in {e.action for e in store.audit_events(limit=20)}
    finally:
        store.close()
    with (Path(legacy_desk)).open("rb") as handle:
        assert b"two men were detained" not in handle.read(), "document text and bytes are sealed, never plain"
