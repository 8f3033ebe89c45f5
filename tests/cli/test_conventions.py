"""CLI conventions: a light start, one --format word, data on stdout and messages on stderr, no needless prompt."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from test_store_cli import cw, write

HEAVY = ("statsmodels", "splink", "pyspark", "matplotlib", "flask")


def test_importing_the_cli_loads_no_heavy_library() -> None:
    """`casework --help` must start in a fraction of a second: heavy stages load inside the commands."""
    code = f"import sys, casework.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "", f"importing casework.cli loaded: {loaded}"


def test_help_lists_commands_without_a_store(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "casework.cli", "--help"], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert "import-sheet" in result.stdout and "add" in result.stdout and result.stderr == ""


def test_no_passphrase_is_asked_for_a_store_that_is_not_there(tmp_path: Path) -> None:
    """In an empty folder `casework list` says there is no store, before any prompt."""
    result = subprocess.run(
        [sys.executable, "-m", "casework.cli", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        input="",
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert result.stderr == "error: ./casework.db: no store here (create one with: casework init)\n"
    assert "passphrase" not in result.stderr.lower() and result.stdout == ""


def test_list_in_every_format_data_on_stdout_only(tmp_path: Path) -> None:
    desk = str(tmp_path / "desk.db")
    assert cw(desk, "init", "--kdf-ops", "1", "--kdf-mem-kib", "8").exit_code == 0
    assert cw(desk, "sources", "add", "SRC-01").exit_code == 0
    good = write(tmp_path / "t.txt", "=HYPERLINK(x) a testimony", source="SRC-01", list="desk")
    assert cw(desk, "add", str(good)).exit_code == 0
    table = cw(desk, "list", "--format", "table")
    assert table.stdout.splitlines()[0].split() == [
        "testimony",
        "version",
        "supersedes",
        "source",
        "received",
        "channel",
        "language",
        "list",
        "sha256",
    ]
    assert table.stderr == ""
    as_json = json.loads(cw(desk, "list", "--format", "json").stdout)
    assert [r["testimony"] for r in as_json] == ["T-0001"]
    lines = cw(desk, "list", "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0])["source"] == "SRC-01"
    rows = list(csv.DictReader(io.StringIO(cw(desk, "list", "--format", "csv").stdout)))
    assert rows[0]["testimony"] == "T-0001" and rows[0]["list"] == "desk"
    assert cw(desk, "list", "--json").stdout.splitlines() == lines  # the old flag still works for old scripts
