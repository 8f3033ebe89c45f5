"""Every benchmark script answers --help with its options instead of running the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(p.name for p in BENCH.glob("*.py") if "__main__" in p.read_text(encoding="utf-8"))
PENDING: dict[str, str] = {}  # script -> why it may lack options for now


@pytest.mark.parametrize("script", SCRIPTS)
def test_bench_script_has_help(script: str) -> None:
    if script in PENDING:
        pytest.skip(PENDING[script])
    done = subprocess.run(  # noqa: S603 - our own scripts
        [sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("usage:")
    assert "--" in done.stdout.split("options:", 1)[-1].replace("--help", "")  # at least one option of its own


def test_bench_scripts_print_the_load_average() -> None:
    texts = {s: (BENCH / s).read_text(encoding="utf-8") for s in SCRIPTS if s not in PENDING}
    assert [s for s, text in texts.items() if "load_line" not in text and "getloadavg" not in text] == []
