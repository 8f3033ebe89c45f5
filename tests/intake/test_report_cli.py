"""`casework add` for published reports, and `casework link` saying which incidents rest only on them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from casework.cli import main

PASS = "desk passphrase"


def cw(store: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--store", store, *args], env={"CASEWORK_PASSPHRASE": PASS})


def test_add_reports_by_header_and_by_option(tmp_path: Path) -> None:
    desk = str(tmp_path / "desk.db")
    assert cw(desk, "init", "--kdf-ops", "1", "--kdf-mem-kib", "8").exit_code == 0
    header = tmp_path / "a.txt"
    header.write_text(
        "url: https://example.org/a\noutlet: Radio Free Asia\npublished: 2020-06-12\nlanguage: en\n\n"
        "Police in Hyesan arrested three traders on June 5, a source told RFA.",
        encoding="utf-8",
    )
    plain = tmp_path / "b.txt"
    plain.write_text("Police in Hyesan arrested three traders on June 5, according to RFA.", encoding="utf-8")
    result = cw(desk, "add", str(header))
    assert result.exit_code == 0, result.output
    result = cw(desk, "add", str(plain), "--outlet", "Example Post", "--published", "2020-06", "--url", "https://x.org/b")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in cw(desk, "export").stdout.splitlines() if '"testimony"' in line]
    assert [(r["source"], r["published"], r["depends_on"]) for r in rows] == [
        ("OUT-001", "2020-06-12", None),
        ("OUT-002", "2020-06", "OUT-001"),
    ]
    bad = tmp_path / "c.txt"
    bad.write_text("outlet: RFA\npublished: June 2020\n\nText.", encoding="utf-8")
    refused = cw(desk, "add", str(bad))
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[0] == f"error: {bad}: field 'published' is not a date (YYYY-MM-DD or YYYY-MM)"
