"""bench/real_reports.py: options, halves, and a clear skip when the real reports are absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "real_reports.py"


def _run(*args: str, shared: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if shared is not None:
        env["CASEWORK_SHARED"] = str(shared)
    return subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, env=env, timeout=120)


def test_help_names_the_stages_and_the_halves() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for word in ("extract", "link", "check", "--half", "E01-E30", "E31-E45"):
        assert word in result.stdout


def test_skips_with_a_reason_when_the_real_reports_are_absent(tmp_path: Path) -> None:
    result = _run("extract", shared=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("skipped:") and "real" in result.stdout


def test_refuses_a_dump_inside_the_repository() -> None:
    result = _run("extract", "--dump", str(BENCH.parent / "dump"))
    assert result.returncode == 2 and "outside the repository" in result.stderr


def test_halves_split_the_reports() -> None:
    sys.path.insert(0, str(BENCH.parent))
    try:
        from real_reports import in_half
    finally:
        sys.path.remove(str(BENCH.parent))
    assert in_half("E30", "dev") and in_half("K25", "dev") and not in_half("E31", "dev")
    assert in_half("E31", "other") and in_half("K26", "other") and not in_half("K01", "other")
    assert all(in_half(x, "all") for x in ("E01", "E45", "K37"))
